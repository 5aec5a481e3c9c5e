import { SQL_FOLD_TRANSLATION, foldAccents } from '../common/text.js';
import { checkEmail, checkFullName, checkPhone, checkYesNo } from './delegate-rules.js';

describe('delegate field rules', () => {
  it('normalises names to NFC and trims', () => {
    expect(checkFullName('  Nguyễn   Thị Thúy Hằng '.normalize('NFD'))).toEqual({ ok: true, value: 'Nguyễn Thị Thúy Hằng' });
    expect(checkFullName('   ').ok).toBe(false);
    expect(checkFullName(42).ok).toBe(false);
    expect(checkFullName('ệ'.repeat(200)).ok).toBe(true);
    expect(checkFullName('ệ'.repeat(201)).ok).toBe(false);
  });

  it('lower-cases and validates e-mails', () => {
    expect(checkEmail(' Hang.NTT@Hanoi.gov.VN ')).toEqual({ ok: true, value: 'hang.ntt@hanoi.gov.vn' });
    expect(checkEmail('')).toEqual({ ok: true, value: null });
    expect(checkEmail('hang@')).toMatchObject({ ok: false });
  });

  it('accepts Vietnamese phone formats only', () => {
    expect(checkPhone('0912345678')).toEqual({ ok: true, value: '0912345678' });
    expect(checkPhone('+84 912 345 678')).toEqual({ ok: true, value: '+84912345678' });
    expect(checkPhone('024.3825.3536')).toEqual({ ok: true, value: '02438253536' });
    for (const bad of ['12345', '0112345678', '+1 202 555 0100', '09123456789', 'số điện thoại']) expect(checkPhone(bad).ok).toBe(false);
  });

  it('reads yes/no in English and Vietnamese', () => {
    for (const yes of ['yes', 'TRUE', '1', 'có', 'Có', 'co']) expect(checkYesNo(yes, false)).toEqual({ ok: true, value: true });
    for (const no of ['no', 'False', '0', 'không', 'KHÔNG', 'khong']) expect(checkYesNo(no, true)).toEqual({ ok: true, value: false });
    expect(checkYesNo('', true)).toEqual({ ok: true, value: true });
    expect(checkYesNo('maybe', true).ok).toBe(false);
  });

  it('folds accents the same way in JS and in the SQL translate() table', () => {
    expect(foldAccents('Nguyễn Thị Thúy Hằng – Đỗ Ngọc Ánh')).toBe('nguyen thi thuy hang – do ngoc anh');
    const { from, to } = SQL_FOLD_TRANSLATION;
    expect([...from].length).toBe(to.length);
    const sqlFold = (s: string): string => [...s].map((c) => (from.includes(c) ? to[[...from].indexOf(c)] : c)).join('').toLowerCase();
    expect(sqlFold('Nguyễn Thị Thúy Hằng Đỗ Ưng Ơn')).toBe(foldAccents('Nguyễn Thị Thúy Hằng Đỗ Ưng Ơn'));
  });
});
