import { describe, expect, it } from 'vitest';
import { decodeRaster } from './decode-raster.ts';

describe('decodeRaster', () => {
  it('stacks GS v 0 chunks top to bottom', () => {
    // prettier-ignore
    const bytes = Uint8Array.of(
      0x1b, 0x40,
      0x1d, 0x76, 0x30, 0x00, 1, 0, 2, 0, 0b1000_0001, 0b0100_0000,
      0x1d, 0x76, 0x30, 0x00, 1, 0, 1, 0, 0b0000_0001,
      0x0a, 0x1d, 0x56, 0x01,
    );
    const b = decodeRaster(bytes);
    expect(b.width).toBe(8);
    expect(b.height).toBe(3);
    // prettier-ignore
    expect(Array.from(b.data)).toEqual([
      1, 0, 0, 0, 0, 0, 0, 1,
      0, 1, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 1,
    ]);
  });

  it('reads 24-dot column images (ESC * 33)', () => {
    // Two columns: the first has only its top dot, the second only its bottom dot.
    const bytes = Uint8Array.of(0x1b, 0x33, 24, 0x1b, 0x2a, 33, 2, 0, 0x80, 0, 0, 0, 0, 0x01, 0x0a);
    const b = decodeRaster(bytes);
    expect([b.width, b.height]).toEqual([2, 24]);
    expect(b.data[0]).toBe(1);
    expect(b.data[23 * 2 + 1]).toBe(1);
    expect(b.data.reduce((a, v) => a + v, 0)).toBe(2);
  });

  it('does not read command bytes inside image data', () => {
    // Image data that looks like DLE EOT and GS V.
    const bytes = Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 3, 0, 1, 0, 0x10, 0x04, 0x1d);
    expect(decodeRaster(bytes).width).toBe(24);
  });

  it('rejects what it cannot parse', () => {
    expect(() => decodeRaster(Uint8Array.of(0x1b, 0xff))).toThrow(
      /Unknown ESC\/POS command at byte 0: 1b ff/,
    );
    expect(() => decodeRaster(Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 1, 0, 5, 0, 0xff))).toThrow(
      /ends inside/,
    );
    expect(() => decodeRaster(Uint8Array.of(0x1b, 0x40, 0x41))).toThrow(/No raster/);
  });
});
