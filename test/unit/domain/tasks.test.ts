import { describe, expect, it } from 'vitest';
import {
  extensionKey,
  openTasks,
  type TaskInput,
  type TaskModel,
  taskDeadline,
} from '../../../shared/domain/tasks.ts';
import { at, person, seedCampaign, seedCell, seedPerson } from './fixtures.ts';

const cells = [seedCell('van-phong'), seedCell('xd-kiem-tra-vb'), seedCell('pho-bien-gdpl')];

function model(id: string, overrides: Partial<TaskModel>): TaskModel {
  return {
    id,
    title: `Mô hình ${id}`,
    kind: 'collective',
    cellId: 'xd-kiem-tra-vb',
    registeredBy: 'p007',
    status: 'implementing',
    year: 2016,
    selfAssessmentDueBefore: at('01/09/2017').toISOString(),
    reviewDueBefore: at('31/12/2017').toISOString(),
    ...overrides,
  };
}

function input(who: ReturnType<typeof seedPerson>, overrides: Partial<TaskInput>): TaskInput {
  return {
    campaign: seedCampaign,
    now: at('05/10/2016 09:00:00'),
    person: who,
    roles: who.roles,
    models: [],
    cells,
    ...overrides,
  };
}

describe('openTasks', () => {
  it('asks a secretary for the cell’s missing collective and individual models during the window', () => {
    // Prepare
    const secretary = seedPerson('p007');
    const models = [model('m1', { status: 'registered', kind: 'individual', personId: 'p008' })];

    // Act
    const tasks = openTasks(input(secretary, { roles: ['member', 'secretary'], models }));

    // Assess
    expect(tasks).toEqual([
      {
        kind: 'register_collective',
        title: 'Đăng ký mô hình tập thể năm 2016 của chi bộ',
        dueAt: at('11/10/2016').toISOString(),
        link: '/register.html?year=2016&kind=collective',
        cellId: 'xd-kiem-tra-vb',
      },
    ]);
    expect(taskDeadline(tasks[0] as NonNullable<(typeof tasks)[0]>, at('05/10/2016 09:00:00'))).toEqual({
      lastDay: '10/10/2016',
      daysLeft: 5,
    });
  });

  it('keeps the registration task open until the end of the cell’s extension', () => {
    // Prepare
    const secretary = seedPerson('p007');
    const extensions = { [extensionKey(2016, 'xd-kiem-tra-vb')]: at('21/10/2016').toISOString() };

    // Act
    const during = openTasks(input(secretary, { roles: ['secretary'], now: at('15/10/2016'), extensions }));
    const without = openTasks(input(secretary, { roles: ['secretary'], now: at('15/10/2016') }));

    // Assess
    expect(during.map((task) => [task.kind, task.dueAt])).toEqual([
      ['register_collective', at('21/10/2016').toISOString()],
      ['register_individual', at('21/10/2016').toISOString()],
    ]);
    expect(without).toEqual([]);
  });

  it('asks the registrant and the cell’s secretary to complete a returned registration, which no longer counts', () => {
    // Prepare
    const returnRequest = {
      actor: 'p002',
      at: at('05/10/2016 08:00:00').toISOString(),
      reason: 'Bổ sung cách làm cụ thể.',
      completeBefore: at('11/10/2016').toISOString(),
    };
    const models = [
      model('c1', {}),
      model('i1', {
        kind: 'individual',
        personId: 'p008',
        registeredBy: 'p008',
        status: 'returned',
        awaiting: 'completion',
        returnRequest,
      }),
    ];

    // Act
    const registrant = openTasks(input(seedPerson('p008'), { models }));
    const secretary = openTasks(input(seedPerson('p007'), { roles: ['member', 'secretary'], models }));
    const otherMember = openTasks(input(seedPerson('p009'), { models }));

    // Assess
    expect(registrant).toEqual([
      {
        kind: 'complete_registration',
        title: 'Bổ sung đăng ký mô hình “Mô hình i1” (đã bị trả lại)',
        dueAt: at('11/10/2016').toISOString(),
        link: '/register.html?edit=i1',
        modelId: 'i1',
        cellId: 'xd-kiem-tra-vb',
      },
    ]);
    expect(
      taskDeadline(registrant[0] as NonNullable<(typeof registrant)[0]>, at('05/10/2016 09:00:00')),
    ).toEqual({
      lastDay: '10/10/2016',
      daysLeft: 5,
    });
    expect(secretary.map((task) => [task.kind, task.modelId])).toEqual([
      ['register_individual', undefined],
      ['complete_registration', 'i1'],
    ]);
    expect(otherMember).toEqual([]);
  });

  it('keeps a returned registration’s task until the end of the cell’s extension, then drops it', () => {
    // Prepare
    const returned = (completeBefore: string) =>
      model('i1', {
        kind: 'individual',
        personId: 'p008',
        registeredBy: 'p008',
        status: 'returned',
        returnRequest: {
          actor: 'p002',
          at: at('12/10/2016').toISOString(),
          reason: 'Bổ sung.',
          completeBefore,
        },
      });
    const models = [returned(at('21/10/2016').toISOString())];
    const laterExtension = { [extensionKey(2016, 'xd-kiem-tra-vb')]: at('26/10/2016').toISOString() };

    // Act
    const during = openTasks(input(seedPerson('p008'), { now: at('15/10/2016'), models }));
    const after = openTasks(input(seedPerson('p008'), { now: at('21/10/2016'), models }));
    const extendedLater = openTasks(
      input(seedPerson('p007'), {
        roles: ['secretary'],
        now: at('22/10/2016'),
        models,
        extensions: laterExtension,
      }),
    );

    // Assess
    expect(during.map((task) => [task.kind, task.dueAt])).toEqual([
      ['complete_registration', at('21/10/2016').toISOString()],
    ]);
    expect(after).toEqual([]);
    expect(
      extendedLater.filter((task) => task.kind === 'complete_registration').map((task) => task.dueAt),
    ).toEqual([at('26/10/2016').toISOString()]);
  });

  it('gives a secretary the cell’s self-assessments and a member only their own', () => {
    // Prepare
    const models = [
      model('c1', { awaiting: 'self_assessment' }),
      model('i1', { kind: 'individual', personId: 'p008', awaiting: 'self_assessment' }),
      model('i2', { kind: 'individual', personId: 'p009', awaiting: 'self_assessment' }),
    ];
    const now = at('21/08/2017 10:00:00');

    // Act
    const secretary = openTasks(input(seedPerson('p007'), { roles: ['secretary'], now, models }));
    const member = openTasks(input(seedPerson('p008'), { now, models }));

    // Assess
    expect(secretary.map((task) => task.modelId)).toEqual(['c1', 'i1', 'i2']);
    expect(member).toEqual([
      {
        kind: 'self_assessment',
        title: 'Tự đánh giá mô hình “Mô hình i1”',
        dueAt: at('01/09/2017').toISOString(),
        link: '/model.html?id=i1',
        modelId: 'i1',
        cellId: 'xd-kiem-tra-vb',
      },
    ]);
    expect(taskDeadline(member[0] as NonNullable<(typeof member)[0]>, now).daysLeft).toBe(10);
  });

  it('lists for a committee member the other cells’ models awaiting review, supervised cells first', () => {
    // Prepare
    const member = seedPerson('p001'); // supervises xd-kiem-tra-vb and pho-bien-gdpl
    const models = [
      model('other', {
        cellId: 'thanh-tra',
        awaiting: 'review',
        status: 'self_assessed',
        reviewDueBefore: at('01/12/2017').toISOString(),
      }),
      model('supervised', { cellId: 'pho-bien-gdpl', awaiting: 'review', status: 'self_assessed' }),
      model('own-cell', { cellId: 'van-phong', awaiting: 'review', status: 'self_assessed' }),
      model('not-yet', { cellId: 'xd-kiem-tra-vb', awaiting: 'self_assessment' }),
    ];

    // Act
    const tasks = openTasks(input(member, { roles: ['committee'], now: at('10/09/2017'), models }));

    // Assess
    expect(tasks.map((task) => [task.modelId, task.supervised])).toEqual([
      ['supervised', true],
      ['other', false],
    ]);
    expect(tasks[0]?.title).toBe('Xét, công nhận mô hình “Mô hình supervised”');
  });

  it('shows the Office the cells without the required models and the failed mail', () => {
    // Prepare
    const office = seedPerson('p002');
    const models = [
      model('a', { cellId: 'van-phong' }),
      model('b', { cellId: 'van-phong', kind: 'individual', personId: 'p004' }),
      model('c', { cellId: 'xd-kiem-tra-vb' }),
    ];
    const failedMail = [
      {
        id: 'x',
        subject: 'Nhắc đăng ký',
        createdAt: '2016-10-04T01:00:00.000Z',
        failedAt: '2016-10-04T12:00:00.000Z',
      },
    ];

    // Act
    const tasks = openTasks(input(office, { roles: ['office'], models, failedMail }));

    // Assess
    expect(tasks.map((task) => [task.kind, task.cellId, task.title])).toEqual([
      ['failed_mail', undefined, 'Thư không gửi được: “Nhắc đăng ký”'],
      [
        'cell_missing_models',
        'xd-kiem-tra-vb',
        `${seedCell('xd-kiem-tra-vb').name} chưa đăng ký đủ mô hình cá nhân năm 2016`,
      ],
      [
        'cell_missing_models',
        'pho-bien-gdpl',
        `${seedCell('pho-bien-gdpl').name} chưa đăng ký đủ mô hình tập thể và cá nhân năm 2016`,
      ],
    ]);
  });

  it('shows an inspector the models still undecided after the review deadline', () => {
    // Prepare
    const inspector = person('ubkt', 'thanh-tra', ['inspector']);
    const models = [
      model('late', { status: 'self_assessed' }),
      model('done', { status: 'recognized' }),
      model('missed', { status: 'missed_self_assessment' }),
    ];

    // Act
    const before = openTasks(input(inspector, { now: at('30/12/2017 23:59:59'), models }));
    const after = openTasks(input(inspector, { now: at('31/12/2017'), models }));

    // Assess
    expect(before).toEqual([]);
    expect(after.map((task) => [task.kind, task.modelId, task.link])).toEqual([
      ['overdue_review', 'late', '/timeline.html?id=late'],
    ]);
  });

  it('has nothing for a campaign that is not active', () => {
    // Prepare
    const secretary = seedPerson('p007');

    // Act
    const tasks = openTasks(input(secretary, { campaign: { ...seedCampaign, status: 'closed' } }));

    // Assess
    expect(tasks).toEqual([]);
  });
});
