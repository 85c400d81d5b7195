import { describe, expect, it } from 'vitest';
import { parseRange, sanitizeMediaName, sniffMediaType } from './media-file.ts';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)),
  );

describe('sniffMediaType', () => {
  it.each([
    [bytes([0x89], 'PNG\r\n\x1a\n', [0, 0]), 'image/png'],
    [bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    [bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
    [bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0]), 'video/mp4'],
    [
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 1, 0x42, 0x82, 0x84], 'webm'),
      'video/webm',
    ],
  ])('knows %#', (file, type) => {
    expect(sniffMediaType(file)).toBe(type);
  });

  it.each([
    ['a text file', bytes('Xin chào, đây không phải ảnh')],
    ['a HEIC picture', bytes([0, 0, 0, 0x18], 'ftypheic')],
    ['a WAV sound (RIFF, not WEBP)', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt ')],
    [
      'a Matroska (not WebM) file',
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska'),
    ],
    ['a PNG cut short', bytes([0x89], 'PNG')],
    ['nothing', bytes()],
  ])('refuses %s', (_what, file) => {
    expect(sniffMediaType(file)).toBeNull();
  });
});

describe('sanitizeMediaName', () => {
  it('keeps a Vietnamese name, drops folders, controls and a right-to-left override', () => {
    const header = encodeURIComponent('C:\\Users\\a\\..\\Giới   thiệu\u202e\u0000 dịch vụ.png');
    expect(sanitizeMediaName(header, 'Ảnh')).toBe('Giới thiệu dịch vụ.png');
    expect(sanitizeMediaName('../../etc/passwd', 'Ảnh')).toBe('passwd');
  });
  it('takes an undecodable header as sent, cuts at 120 characters, falls back when empty', () => {
    expect(sanitizeMediaName('50%.png', 'Ảnh')).toBe('50%.png');
    expect([...sanitizeMediaName('ả'.repeat(200), 'Ảnh')]).toHaveLength(120);
    expect(sanitizeMediaName(encodeURIComponent('/\u200b '), 'Video')).toBe('Video');
    expect(sanitizeMediaName(undefined, 'Ảnh')).toBe('Ảnh');
  });
});

describe('parseRange', () => {
  it('reads one range, an open end and a suffix', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });
  it('refuses a range past the end, ignores what it does not serve', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange('bytes=0-1,5-9', 1000)).toBeNull();
    expect(parseRange('bytes=9-5', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
  });
});
