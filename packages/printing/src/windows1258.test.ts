import { describe, expect, it } from 'vitest';
import { toWindows1258Form } from './windows1258.ts';

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
