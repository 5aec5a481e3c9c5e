import { DomainError } from '#core';
import { headerKey, mapHeader, validateRows, type RawRow } from './delegate-import.rules.js';

const HEADER = ['full_name', 'title', 'organization', 'email', 'phone', 'voting_right'];
const rows = (...cells: string[][]): RawRow[] => cells.map((c, i) => ({ line: i + 2, cells: c }));

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('import header mapping', () => {
  it('accepts English and Vietnamese names, ignoring case, diacritics and spaces', () => {
    expect(headerKey('  Họ và tên ')).toBe('ho_va_ten');
    expect(headerKey('ĐIỆN THOẠI')).toBe('dien_thoai');
    expect(mapHeader(['Họ và tên', 'Chức vụ', 'Đơn vị', 'Email', 'Điện thoại', 'Quyền biểu quyết'])).toEqual([
      'fullName',
      'title',
      'organization',
      'email',
      'phone',
      'hasVotingRight',
    ]);
    expect(mapHeader(['HO_TEN', 'chuc_vu', 'don_vi', 'E-mail', 'dien_thoai', 'quyen_bieu_quyet'])).toEqual(['fullName', 'title', 'organization', 'email', 'phone', 'hasVotingRight']);
    expect(mapHeader(['full_name', ''])).toEqual(['fullName', null]);
  });

  it('lists missing, unknown and repeated columns in a 422', () => {
    const err = domainError(() => mapHeader(['title', 'Ngày sinh', 'email', 'Email']));
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.status).toBe(422);
    expect(err.details).toMatchObject({ missingColumns: ['full_name'], unknownColumns: ['Ngày sinh'], repeatedColumns: ['Email'] });
  });
});

describe('import row validation', () => {
  const columns = mapHeader(HEADER);

  it('normalises valid rows like the create endpoint', () => {
    const decomposed = 'Nguyễn Thị Thúy Hằng'.normalize('NFD');
    const { valid, errors } = validateRows(
      rows([`  ${decomposed}  `, 'Giám đốc', 'Sở Y tế', ' Hang.NTT@Hanoi.Gov.VN ', '091 234 5678', 'có'], ['Trần Văn An', '', '', '', '+84912345679', 'không'], ['Lê Bình', '', '', '', '', '']),
      columns,
    );
    expect(errors).toEqual([]);
    expect(valid[0]).toEqual({
      line: 2,
      fields: { fullName: 'Nguyễn Thị Thúy Hằng', title: 'Giám đốc', organization: 'Sở Y tế', email: 'hang.ntt@hanoi.gov.vn', phone: '0912345678', hasVotingRight: true },
    });
    expect(valid[0].fields.fullName).toBe('Nguyễn Thị Thúy Hằng'.normalize('NFC'));
    expect(valid[1].fields).toMatchObject({ title: null, email: null, phone: '+84912345679', hasVotingRight: false });
    expect(valid[2].fields.hasVotingRight).toBe(true);
  });

  it('reports every bad cell with line and column, and e-mails repeated in the file', () => {
    const { valid, errors } = validateRows(
      rows(
        ['', 'x', '', 'not-an-email', '12345', 'maybe'],
        ['Phạm A', '', '', 'a@example.vn', '', ''],
        ['Phạm B', '', '', 'A@EXAMPLE.VN', '', ''],
        ['Phạm C', 'x'.repeat(201), '', '', '', ''],
        ['', '', '', '', '', ''],
      ),
      columns,
    );
    expect(valid.map((v) => v.line)).toEqual([3]);
    expect(errors).toEqual([
      { line: 2, column: 'full_name', reason: 'must not be empty' },
      { line: 2, column: 'email', reason: 'must be a valid e-mail address' },
      { line: 2, column: 'phone', reason: expect.stringContaining('Vietnamese phone number') },
      { line: 2, column: 'voting_right', reason: expect.stringContaining('yes/no') },
      { line: 4, column: 'email', reason: 'duplicate e-mail, already on line 3' },
      { line: 5, column: 'title', reason: 'must be at most 200 characters' },
    ]);
  });

  it('refuses values under a blank header and strips the CSV formula guard', () => {
    const cols = mapHeader(['full_name', 'phone', '']);
    const { valid, errors } = validateRows(rows(['Ngô Hải', "'+84912345678", ''], ['Ngô Lan', '', 'stray']), cols);
    expect(valid[0].fields.phone).toBe('+84912345678');
    expect(errors).toEqual([{ line: 3, column: null, reason: 'value in column 3, which has no known header' }]);
  });
});
