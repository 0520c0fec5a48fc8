// The Office's administration through the API: campaigns, cells, people and imports —
// clear errors and nothing written half-way.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCampaign } from '../../infra/local/seed.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';

type ErrorBody = { error: { code: string; message: string; fields: { path: string; message: string }[] } };
type CampaignBody = Record<string, unknown> & { id: string; registrationYears: number[] };

function campaign2026(overrides: Record<string, unknown> = {}) {
  const seed = seedCampaign();
  return {
    name: 'Phong trào thi đua “Dân vận khéo” giai đoạn 2026 - 2030',
    status: 'active',
    period: { from: '2026-10-01', to: '2030-10-31' },
    calendar: seed.calendar,
    phases: [
      {
        id: 'dot-1',
        name: 'Đợt 1 (10/2026 - 10/2028)',
        from: '2026-10-01',
        to: '2028-10-31',
        review: 'preliminary',
        reviewDeadline: '2028-09-30',
      },
      {
        id: 'dot-2',
        name: 'Đợt 2 (10/2028 - 10/2030)',
        from: '2028-10-01',
        to: '2030-10-31',
        review: 'final',
        reviewDeadline: '2030-08-31',
      },
    ],
    areas: seed.areas,
    criteria: seed.criteria,
    quorum: seed.quorum,
    majority: seed.majority,
    ...overrides,
  };
}

describe('administration by the Office', () => {
  let rt: TestRuntime;
  let office: string;

  beforeAll(async () => {
    rt = await startTestRuntime();
    office = await rt.token('binh.tt');
  });
  afterAll(async () => {
    await rt.close();
  });

  const campaignIds = async () =>
    (await rt.api<{ items: { id: string }[] }>(office, 'GET', '/api/campaigns')).body.items.map((c) => c.id);

  it('creates “Dân vận khéo 2026–2030” from one form, with the default years and minimum, once', async () => {
    // Prepare
    const body = campaign2026();
    // Act
    const created = await rt.api<CampaignBody>(office, 'POST', '/api/campaigns', body);
    const again = await rt.api<CampaignBody>(office, 'POST', '/api/campaigns', body);
    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'dvk-2026-2030',
      registrationYears: [2026, 2027, 2028, 2029],
      minimumPerCell: { collective: 1, individual: 1 },
      createdBy: 'p002',
    });
    expect(again.status).toBe(200);
    expect(await campaignIds()).toEqual(['dvk-2016-2020', 'dvk-2026-2030']);
  });

  it('refuses inconsistent dates naming every field, and writes nothing', async () => {
    // Prepare
    const body = campaign2026({
      id: 'broken',
      period: { from: '2031-10-01', to: '2031-05-01' },
      calendar: { ...seedCampaign().calendar, selfAssessmentDeadline: '02-30' },
      quorum: { numerator: 3, denominator: 2 },
      majority: { numerator: 1, denominator: 1 },
    });
    // Act
    const answer = await rt.api<ErrorBody>(office, 'POST', '/api/campaigns', body);
    // Assess
    expect(answer.status).toBe(400);
    const paths = answer.body.error.fields.map((field) => field.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'period.to',
        'calendar.selfAssessmentDeadline',
        'quorum.numerator',
        'majority.numerator',
      ]),
    );
    expect(answer.body.error.message).toMatch(/Cấu hình phong trào/);
    expect(await campaignIds()).not.toContain('broken');
  });

  it('refuses phases outside the period and deadlines outside their phase', async () => {
    // Prepare
    const body = campaign2026({
      id: 'bad-phases',
      period: { from: '2031-10-01', to: '2035-10-31' },
      phases: [
        {
          id: 'dot-1',
          name: 'Đợt 1',
          from: '2031-10-01',
          to: '2033-10-31',
          review: 'final',
          reviewDeadline: '2034-01-01',
        },
        {
          id: 'dot-2',
          name: 'Đợt 2',
          from: '2033-10-01',
          to: '2036-10-31',
          review: 'final',
          reviewDeadline: '2035-08-31',
        },
      ],
    });
    // Act
    const answer = await rt.api<ErrorBody>(office, 'POST', '/api/campaigns', body);
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields.map((field) => field.path)).toEqual(
      expect.arrayContaining(['phases.0.reviewDeadline', 'phases.0.review', 'phases.1.from']),
    );
    expect(await campaignIds()).not.toContain('bad-phases');
  });

  it('refuses a second active campaign registering in the same year (409), and nothing is claimed', async () => {
    // Prepare
    const overlapping = campaign2026({
      id: 'dvk-2019-2023',
      period: { from: '2019-10-01', to: '2023-10-31' },
      phases: [
        {
          id: 'dot-1',
          name: 'Đợt 1',
          from: '2019-10-01',
          to: '2023-10-31',
          review: 'final',
          reviewDeadline: '2023-08-31',
        },
      ],
    });
    // Act
    const refused = await rt.api<ErrorBody>(office, 'POST', '/api/campaigns', overlapping);
    const asDraft = await rt.api<CampaignBody>(office, 'POST', '/api/campaigns', {
      ...overlapping,
      status: 'draft',
    });
    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/2019/);
    expect(asDraft.status).toBe(201);
    const activate = await rt.api<ErrorBody>(office, 'PUT', '/api/campaigns/dvk-2019-2023', overlapping);
    expect(activate.status).toBe(409);
  });

  it('lets only the Office administer', async () => {
    // Prepare
    const committee = await rt.token('an.nv');
    // Act
    const answer = await rt.api<ErrorBody>(
      committee,
      'POST',
      '/api/campaigns',
      campaign2026({ id: 'x-2040' }),
    );
    const cell = await rt.api<ErrorBody>(committee, 'POST', '/api/cells', { name: 'Chi bộ Mới' });
    // Assess
    expect(answer.status).toBe(403);
    expect(cell.status).toBe(403);
  });

  it('edits a campaign: closing it frees its years for another', async () => {
    // Prepare
    const seed = seedCampaign();
    // Act
    const renamed = await rt.api<CampaignBody>(office, 'PUT', '/api/campaigns/dvk-2026-2030', {
      ...campaign2026(),
      name: 'Dân vận khéo 2026–2030',
      status: 'draft',
    });
    const replacement = await rt.api<CampaignBody>(office, 'POST', '/api/campaigns', {
      ...campaign2026({ id: 'dvk-2026-2030-b' }),
      criteria: seed.criteria.slice(0, 2),
    });
    // Assess
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Dân vận khéo 2026–2030', status: 'draft' });
    expect(replacement.status).toBe(201);
    const backToActive = await rt.api<ErrorBody>(
      office,
      'PUT',
      '/api/campaigns/dvk-2026-2030',
      campaign2026(),
    );
    expect(backToActive.status).toBe(409);
  });

  it('adds a cell and a person, refuses a taken username, and edits the person', async () => {
    // Act
    const cell = await rt.api<{ id: string }>(office, 'POST', '/api/cells', {
      id: 'cong-chung',
      name: 'Chi bộ Phòng Công chứng',
    });
    const person = await rt.api<{ id: string }>(office, 'POST', '/api/people', {
      username: 'tam.nv',
      name: 'Nguyễn Văn Tâm',
      email: 'tam.nv@stp.example.vn',
      cellId: 'cong-chung',
      roles: ['member', 'secretary'],
    });
    const taken = await rt.api<ErrorBody>(office, 'POST', '/api/people', {
      username: 'an.nv',
      name: 'Người Khác',
      email: 'khac@stp.example.vn',
      cellId: 'cong-chung',
    });
    const secretary = await rt.api<{ secretaryId: string }>(office, 'PUT', '/api/cells/cong-chung', {
      name: 'Chi bộ Phòng Công chứng',
      secretaryId: 'p-tam-nv',
    });
    const wrongSecretary = await rt.api<ErrorBody>(office, 'PUT', '/api/cells/cong-chung', {
      name: 'Chi bộ Phòng Công chứng',
      secretaryId: 'p001',
    });
    const edited = await rt.api<{ email: string }>(office, 'PUT', '/api/people/p-tam-nv', {
      username: 'tam.nv',
      name: 'Nguyễn Văn Tâm',
      email: 'tam@stp.example.vn',
      cellId: 'cong-chung',
      roles: ['member', 'secretary'],
    });
    const people = await rt.api<{ items: { id: string; email: string }[] }>(
      office,
      'GET',
      '/api/people?cellId=cong-chung',
    );
    // Assess
    expect(cell.status).toBe(201);
    expect(person.status).toBe(201);
    expect(person.body.id).toBe('p-tam-nv');
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields[0]?.path).toBe('username');
    expect(secretary.body.secretaryId).toBe('p-tam-nv');
    expect(wrongSecretary.status).toBe(400);
    expect(edited.body.email).toBe('tam@stp.example.vn');
    expect(people.body.items).toEqual([
      expect.objectContaining({ id: 'p-tam-nv', email: 'tam@stp.example.vn' }),
    ]);
    expect((await rt.token('tam.nv')).length).toBeGreaterThan(20);
  });

  it('refuses a CSV with bad rows, naming each row and column, and writes none of it', async () => {
    // Prepare
    const csv = [
      'Họ và tên;Tên đăng nhập;Email;Chi bộ;Vai trò',
      'Lê Văn Một;mot.lv;mot@stp.example.vn;thanh-tra;Đảng viên',
      'Lê Văn Hai;an.nv;hai@stp.example.vn;thanh-tra;Đảng viên',
      'Lê Văn Ba;ba.lv;không-phải-email;Chi bộ Không Có;Thủ quỹ',
    ].join('\n');
    // Act
    const answer = await rt.api<ErrorBody>(office, 'POST', '/api/imports', {
      kind: 'people',
      format: 'csv',
      content: csv,
    });
    const people = await rt.api<{ items: { username: string }[] }>(
      office,
      'GET',
      '/api/people?cellId=thanh-tra',
    );
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/2\/3 dòng không hợp lệ; chưa ghi dòng nào/);
    expect(answer.body.error.fields.map((field) => field.path)).toEqual([
      'rows.3.Chi bộ',
      'rows.4.Email',
      'rows.4.Chi bộ',
      'rows.4.Vai trò',
    ]);
    expect(people.body.items.map((person) => person.username)).not.toContain('mot.lv');
  });

  it('refuses a list whose header lacks a required column', async () => {
    // Act
    const answer = await rt.api<ErrorBody>(office, 'POST', '/api/imports', {
      kind: 'people',
      format: 'csv',
      content: 'Họ và tên,Email\nA,a@b.vn',
    });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields[0]?.message).toMatch(/Thiếu cột: “Tên đăng nhập”, “Chi bộ”/);
  });

  it('imports a long CSV in chunks with progress, and the same file again changes nothing', async () => {
    // Prepare
    const rows = Array.from({ length: 120 }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      return `"Trần Văn Số ${n}",so${n}.tv,so${n}@stp.example.vn,Chi bộ Thanh tra Sở,"Đảng viên"`;
    });
    const csv = ['Họ và tên,Tên đăng nhập,Email,Chi bộ,Vai trò', ...rows].join('\r\n');
    // Act
    const started = await rt.api<{
      id: string;
      total: number;
      processed: number;
      status: string;
      rows: unknown[];
    }>(office, 'POST', '/api/imports', {
      kind: 'people',
      format: 'csv',
      content: csv,
      fileName: 'dang-vien.csv',
    });
    const progress: number[] = [];
    let status = started.body.status;
    while (status !== 'done') {
      const step = await rt.api<{ processed: number; status: string }>(
        office,
        'POST',
        `/api/imports/${started.body.id}/run`,
      );
      progress.push(step.body.processed);
      status = step.body.status;
    }
    const read = await rt.api<{ processed: number; total: number; counts: Record<string, number> }>(
      office,
      'GET',
      `/api/imports/${started.body.id}`,
    );
    const again = await rt.api<{ id: string; status: string }>(office, 'POST', '/api/imports', {
      kind: 'people',
      format: 'csv',
      content: csv,
    });
    const people = await rt.api<{ items: { username: string }[] }>(
      office,
      'GET',
      '/api/people?cellId=thanh-tra',
    );
    // Assess
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total: 120, processed: 0, status: 'running' });
    expect(started.body.rows).toHaveLength(120);
    expect(progress).toEqual([50, 100, 120]);
    expect(read.body).toMatchObject({
      processed: 120,
      total: 120,
      counts: { create: 120, update: 0, unchanged: 0 },
    });
    expect(again.body).toMatchObject({ id: started.body.id, status: 'done' });
    expect(people.body.items.filter((person) => person.username.startsWith('so'))).toHaveLength(120);
  });

  it('imports cells from an Excel file, updating one and creating one', async () => {
    // Prepare
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Chi bộ');
    sheet.addRow(['Mã chi bộ', 'Tên chi bộ', 'Bí thư (tên đăng nhập)']);
    sheet.addRow(['cong-chung', 'Chi bộ Phòng Công chứng', 'tam.nv']);
    sheet.addRow(['hanh-chinh-tp', 'Chi bộ Phòng Hành chính tư pháp', 'thang.mx']);
    sheet.addRow(['ql-xlvphc', 'Chi bộ Phòng Quản lý xử lý vi phạm hành chính', '']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    // Act
    const started = await rt.api<{ id: string; rows: { row: number; action: string; id: string }[] }>(
      office,
      'POST',
      '/api/imports',
      { kind: 'cells', format: 'xlsx', content },
    );
    const run = await rt.api<{ status: string }>(office, 'POST', `/api/imports/${started.body.id}/run`);
    const cells = await rt.api<{ items: { id: string }[] }>(office, 'GET', '/api/cells');
    // Assess
    expect(started.status).toBe(202);
    expect(started.body.rows.map((row) => [row.row, row.action, row.id])).toEqual([
      [2, 'unchanged', 'cong-chung'],
      [3, 'unchanged', 'hanh-chinh-tp'],
      [4, 'create', 'ql-xlvphc'],
    ]);
    expect(run.body.status).toBe('done');
    expect(cells.body.items.map((cell) => cell.id)).toContain('ql-xlvphc');
  });
});
