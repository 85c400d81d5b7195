import { describe, expect, it } from 'vitest';
import { printedLength, toWindows1258Form, wrapColumns } from './windows1258.ts';

describe('toWindows1258Form', () => {
  it('splits tone marks off letters the code page lacks', () => {
    expect(toWindows1258Form('Số thứ tự')).toBe('Sô\u0301 thư\u0301 tư\u0323');
  });

  it('keeps letters the code page has whole, including Đ and Latin-1 toned vowels', () => {
    expect(toWindows1258Form('Đất đai – Phí')).toBe('Đâ\u0301t đai – Phí');
  });

  it('accepts decomposed input too', () => {
    expect(toWindows1258Form('Hộ tịch'.normalize('NFD'))).toBe('Hô\u0323 ti\u0323ch');
  });
});

describe('wrapColumns', () => {
  it('counts printed characters, not combining marks', () => {
    const line = toWindows1258Form('Thời gian chờ dự kiến: 150 phút');
    expect(line.length).toBeGreaterThan(32);
    expect(printedLength(line)).toBe(31);
    expect(wrapColumns(line, 32)).toEqual([line]);
  });

  it('wraps at spaces, keeps a dash with the word before it and marks with their letter', () => {
    const text = toWindows1258Form('Đăng ký kinh doanh – Hợp tác xã');
    const lines = wrapColumns(text, 20);
    expect(lines.map((l) => l.normalize('NFC'))).toEqual(['Đăng ký kinh doanh –', 'Hợp tác xã']);
    const cut = wrapColumns(toWindows1258Form('Ữữữữữữữữữữữữ'), 5);
    for (const l of cut) {
      expect(printedLength(l)).toBeLessThanOrEqual(5);
      expect(/^[\u0300-\u036f]/.test(l)).toBe(false);
    }
  });
});
