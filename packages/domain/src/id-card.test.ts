import { describe, expect, it } from 'vitest';
import { ageOn, birthYearOfIdNumber, parseIdCardScan } from './id-card.ts';

// A made-up card: born in Hà Nội (001), a woman of the 1900s (1), in 1948.
const elderly =
  '001148012345|012345678|Nguyễn Thị Lan|15061948|Nữ|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|10052021';

describe('the ID card QR', () => {
  it('gives the personal number and birth date of a card, nothing else', () => {
    expect(parseIdCardScan(elderly)).toEqual({
      ok: true,
      card: { number: '001148012345', birthDate: '1948-06-15' },
    });
  });

  it('refuses text that is not a card, and a card whose number and birth date disagree', () => {
    expect(parseIdCardScan('https://example.com/b/abc')).toEqual({
      ok: false,
      reason: 'not-a-card',
    });
    expect(parseIdCardScan('001148012345||Tên|31021948|Nữ|Địa chỉ|10052021')).toEqual({
      ok: false,
      reason: 'not-a-card',
    });
    expect(parseIdCardScan(elderly.replace('15061948', '15061958'))).toEqual({
      ok: false,
      reason: 'inconsistent',
    });
    expect(parseIdCardScan(elderly.replace('|Nữ|', '|Nam|'))).toEqual({
      ok: false,
      reason: 'inconsistent',
    });
  });

  it('reads the birth year from the number, and the age by date when scanned, by year when typed', () => {
    expect(birthYearOfIdNumber('079305001234')).toBe(2005);
    expect(birthYearOfIdNumber('099305001234')).toBeNull();
    expect(ageOn({ number: '001148012345', birthDate: '1948-06-15' }, '2026-06-14')).toBe(77);
    expect(ageOn({ number: '001148012345', birthDate: '1948-06-15' }, '2026-06-15')).toBe(78);
    expect(ageOn({ number: '001148012345' }, '2026-01-02')).toBe(78);
  });
});
