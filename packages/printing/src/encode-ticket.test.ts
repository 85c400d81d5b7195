import { describe, expect, it } from 'vitest';
import { countDifferentPixels, createBitmap } from './bitmap.ts';
import { decodeRaster } from './decode-raster.ts';
import { encodeBitmap, encodeBitmapWithLibrary, encodeTicket } from './encode-ticket.ts';
import { splitCommands } from './escpos-commands.ts';
import { renderTicket } from './render-ticket.ts';
import { sampleTicket } from './sample-ticket.ts';

/** Index of a byte sequence in another, or -1. */
const indexOf = (haystack: Uint8Array, needle: number[]): number =>
  Buffer.from(haystack).indexOf(Buffer.from(needle));

describe('encodeBitmap', () => {
  it('packs dots most significant bit first in GS v 0, then feeds and cuts', () => {
    const b = createBitmap(16, 8);
    b.data[0] = 1; // top-left
    b.data[15] = 1; // top-right
    b.data[7 * 16 + 8] = 1; // bottom row, 9th dot
    const bytes = encodeBitmap(b);
    const kinds = splitCommands(bytes).map((c) => c.kind);
    expect(kinds[0]).toBe('init');
    expect(kinds.filter((k) => k === 'raster')).toHaveLength(1);
    expect(kinds).toContain('cut');
    const at = indexOf(bytes, [0x1d, 0x76, 0x30, 0x00, 2, 0, 8, 0]);
    expect(at).toBeGreaterThan(0);
    const data = Array.from(bytes.subarray(at + 8, at + 8 + 16));
    expect(data).toEqual([0x80, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x80]);
  });

  it('round-trips a rendered ticket through the decoder (several 255-row chunks)', () => {
    const bitmap = renderTicket(sampleTicket(), { paper: '58mm' });
    const bytes = encodeBitmap(bitmap);
    expect(splitCommands(bytes).filter((c) => c.kind === 'raster').length).toBe(
      Math.ceil(bitmap.height / 255),
    );
    const decoded = decodeRaster(bytes);
    expect([decoded.width, decoded.height]).toEqual([bitmap.width, bitmap.height]);
    expect(countDifferentPixels(decoded, bitmap)).toBe(0);
  });

  it.each(['80mm', '58mm'] as const)(
    'packs a %s ticket into exactly the bytes the encoder library makes',
    (paper) => {
      const bitmap = renderTicket(sampleTicket(), { paper });
      const fast = Buffer.from(encodeBitmap(bitmap));
      expect(fast.equals(Buffer.from(encodeBitmapWithLibrary(bitmap)))).toBe(true);
    },
  );

  it('packs a width that is not a multiple of 8 with paper dots on the right', () => {
    const b = createBitmap(10, 1);
    b.data.fill(1);
    const bytes = encodeBitmap(b);
    const at = indexOf(bytes, [0x1d, 0x76, 0x30, 0x00, 2, 0, 1, 0]);
    expect(Array.from(bytes.subarray(at + 8, at + 10))).toEqual([0xff, 0xc0]);
  });
});

describe('encodeTicket, text mode', () => {
  const bytes = encodeTicket(sampleTicket(), { paper: '80mm', mode: 'text' });

  it('selects code page 52 (Windows-1258) with ESC t', () => {
    expect(indexOf(bytes, [0x1b, 0x74, 52])).toBeGreaterThanOrEqual(0);
  });

  it('writes "Số thứ tự" in Windows-1258: base letters plus combining tone marks, no "?"', () => {
    // S ô ◌́ ␠ t h ư ◌́ ␠ t ư ◌̣  (the heading is upper case: S Ố…; the status lines use it too)
    const lower = [0x53, 0xf4, 0xec, 0x20, 0x74, 0x68, 0xfd, 0xec, 0x20, 0x74, 0xfd, 0xf2];
    const upper = [0x53, 0xd4, 0xec, 0x20, 0x54, 0x48, 0xdd, 0xec, 0x20, 0x54, 0xdd, 0xf2];
    expect(indexOf(bytes, upper)).toBeGreaterThanOrEqual(0);
    const text = encodeTicket(sampleTicket({ fieldName: 'Số thứ tự' }), {
      paper: '80mm',
      mode: 'text',
    });
    expect(indexOf(text, lower)).toBeGreaterThanOrEqual(0);
    expect(indexOf(text, [0x53, 0x3f])).toBe(-1); // "S?"
  });

  it('prints the QR code with the printer command, storing the URL', () => {
    const url = Array.from(Buffer.from(sampleTicket().qrUrl));
    const at = indexOf(bytes, [0x31, 0x50, 0x30, ...url]); // GS ( k … fn 80: store data
    expect(at).toBeGreaterThan(0);
    expect(indexOf(bytes, [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30])).toBeGreaterThan(at); // print it
  });

  it('has only commands the decoder knows, and ends with a cut', () => {
    const kinds = splitCommands(bytes).map((c) => c.kind);
    expect(kinds).toContain('cut');
    expect(kinds).not.toContain('raster');
  });
});
