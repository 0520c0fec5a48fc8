import { describe, expect, it } from 'vitest';
import { demoOrganization } from '../../../infra/local/seed.ts';
import { InvalidInputError } from '../../../shared/domain/errors.ts';
import {
  checkCellRows,
  checkPeopleRows,
  parseCsv,
  rowIssues,
} from '../../../shared/domain/organization-import.ts';

const registry = demoOrganization();
const idFor = (username: string) => `p-${username.replace(/\./g, '-')}`;

describe('importing the Office’s lists', () => {
  it('parses CSV with quotes, doubled quotes, CRLF, a BOM and semicolons', () => {
    // Act
    const rows = parseCsv('\uFEFFHọ và tên;Ghi chú\r\n"Lê Văn ""Tư""";"a;b\nc"\r\nNguyễn An;\r\n');
    // Assess
    expect(rows).toEqual([
      ['Họ và tên', 'Ghi chú'],
      ['Lê Văn "Tư"', 'a;b\nc'],
      ['Nguyễn An', ''],
    ]);
  });

  it('reads headers without minding case or diacritics, and cells by id or by name', () => {
    // Act
    const rows = checkPeopleRows(
      [
        ['HO VA TEN', 'ten dang nhap', 'E-mail', 'Chi bộ', 'Vai trò', 'Phụ trách chi bộ'],
        [
          'Lê Thị Mới',
          'moi.lt',
          'moi@stp.example.vn',
          'Chi bộ Thanh tra Sở',
          'Đảng viên, Bí thư',
          'van-phong',
        ],
        ['Nguyễn Văn An', 'an.nv', 'an.nv@stp.example.vn', 'van-phong', 'member; secretary; committee', ''],
      ],
      registry,
      idFor,
    );
    // Assess
    expect(rows.map((row) => row.action)).toEqual(['create', 'update']);
    expect(rows[0]?.record).toEqual({
      id: 'p-moi-lt',
      username: 'moi.lt',
      name: 'Lê Thị Mới',
      email: 'moi@stp.example.vn',
      cellId: 'thanh-tra',
      roles: ['member', 'secretary'],
      supervises: ['van-phong'],
    });
  });

  it('recognises an unchanged person by the username already held', () => {
    // Prepare
    const an = registry.people.find((person) => person.username === 'an.nv');
    // Act
    const rows = checkPeopleRows(
      [
        ['Mã', 'Họ và tên', 'Tên đăng nhập', 'Email', 'Chi bộ', 'Vai trò', 'Phụ trách chi bộ'],
        [
          'p001',
          'Nguyễn Văn An',
          'an.nv',
          an?.email ?? '',
          'van-phong',
          'member, secretary, committee',
          'xd-kiem-tra-vb, pho-bien-gdpl',
        ],
      ],
      registry,
      idFor,
    );
    // Assess
    expect(rows.map((row) => row.action)).toEqual(['unchanged']);
  });

  it('says for each refused row which column is wrong and why', () => {
    // Act
    const rows = checkPeopleRows(
      [
        ['Họ và tên', 'Tên đăng nhập', 'Email', 'Chi bộ'],
        ['', 'Sai Cach', 'x@y', 'khong-co'],
        ['A', 'dup.a', 'a@stp.example.vn', 'van-phong'],
        ['B', 'dup.a', 'b@stp.example.vn', 'van-phong'],
        ['', '', '', ''],
      ],
      registry,
      idFor,
    );
    const issues = rowIssues(rows);
    // Assess
    expect(rows.map((row) => [row.row, row.action])).toEqual([
      [2, 'refused'],
      [3, 'create'],
      [4, 'refused'],
    ]);
    expect(issues.map((issue) => issue.path)).toEqual([
      'rows.2.Họ và tên',
      'rows.2.Tên đăng nhập',
      'rows.2.Email',
      'rows.2.Chi bộ',
      'rows.4.Tên đăng nhập',
      'rows.4.Mã',
    ]);
    expect(issues[4]?.message).toBe('Dòng 4, cột “Tên đăng nhập”: Trùng với dòng 3.');
  });

  it('refuses a file without data or without the required columns', () => {
    // Act / Assess
    expect(() =>
      checkPeopleRows([['Họ và tên', 'Tên đăng nhập', 'Email', 'Chi bộ']], registry, idFor),
    ).toThrow(InvalidInputError);
    expect(() => checkCellRows([['Tên chi bộ'], ['X']], registry)).toThrow(/thiếu cột bắt buộc/);
  });

  it('checks a cells list: a secretary must be a person of that cell', () => {
    // Act
    const rows = checkCellRows(
      [
        ['Mã chi bộ', 'Tên chi bộ', 'Bí thư'],
        ['van-phong', 'Chi bộ Văn phòng Sở', 'an.nv'],
        ['thanh-tra', 'Chi bộ Thanh tra Sở', 'an.nv'],
        ['moi', 'Chi bộ Mới', ''],
      ],
      registry,
    );
    // Assess
    expect(rows.map((row) => row.action)).toEqual(['unchanged', 'refused', 'create']);
    expect(rows[1]?.problems[0]?.message).toBe('Nguyễn Văn An không sinh hoạt tại chi bộ này.');
  });
});
