import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { bitmapToRgba, bitmapsEqual } from './bitmap.ts';
import { decodeRaster } from './decode-raster.ts';
import { encodeTicket } from './encode-ticket.ts';
import { splitCommands } from './escpos-commands.ts';
import { formatReprint } from './format.ts';
import { viTicketMessages } from './messages.ts';
import { renderTicket } from './render-ticket.ts';
import { sampleTicket } from './sample-ticket.ts';
import type { Bitmap } from './types.ts';

// Reprinted at 09:42 on Monday 30/11/2026 in Hà Nội.
const reprintedAt = Date.UTC(2026, 10, 30, 2, 42);
const original = sampleTicket({ priorityName: null });
const reprint = { ...original, reprintedAt, qrUrl: '' };

/** The tallest run of rows that are at least 70 % black: an inverted (black) band. */
function tallestBlackBand(b: Bitmap, beforeRow: number): number {
  let best = 0;
  let run = 0;
  for (let y = 0; y < beforeRow; y++) {
    const row = b.data.subarray(y * b.width, (y + 1) * b.width);
    const black = row.reduce((n, dot) => n + dot, 0);
    run = black >= 0.7 * b.width ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** The text a text-mode ticket prints, as lines (Windows-1258 decoded, NFC). */
function textLines(bytes: Uint8Array): string[] {
  const parts = splitCommands(bytes)
    .filter((c) => c.kind === 'text')
    .map((c) => bytes.slice(c.offset, c.offset + c.length));
  const joined = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of parts) {
    joined.set(b, at);
    at += b.length;
  }
  return new TextDecoder('windows-1258')
    .decode(joined)
    .normalize('NFC')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

describe('a ticket reprinted at the desk is marked "IN LẠI"', () => {
  it("formats the reprint's time in the site's zone", () => {
    expect(formatReprint(reprint, viTicketMessages)).toBe('IN LẠI – 09:42 30/11/2026');
    expect(formatReprint(original, viTicketMessages)).toBeNull();
  });

  for (const paper of ['80mm', '58mm'] as const) {
    it(`in raster on ${paper} paper: a black band above the number, the same number, no QR code`, () => {
      const printed = decodeRaster(encodeTicket(reprint, { paper }));
      expect(bitmapsEqual(printed, renderTicket(reprint, { paper }))).toBe(true);
      const plain = renderTicket(original, { paper });
      // The band sits in the top third (above the number), half a line of text above and below the words.
      expect(tallestBlackBand(printed, Math.floor(printed.height / 3))).toBeGreaterThanOrEqual(20);
      expect(tallestBlackBand(plain, Math.floor(plain.height / 3))).toBeLessThan(10);
      // The original's QR code reads; the reprint has none (the hub keeps only the link's hash).
      const read = (b: Bitmap) => jsQR(bitmapToRgba(b), b.width, b.height);
      expect(read(plain)?.data).toBe(original.qrUrl);
      expect(read(printed)?.data ?? '').toBe('');
    });

    it(`in text mode on ${paper} paper: "IN LẠI" and the time right before the heading`, () => {
      const lines = textLines(encodeTicket(reprint, { paper, mode: 'text' }));
      const heading = lines.indexOf(viTicketMessages.numberHeading);
      expect(lines[heading - 1]).toBe('IN LẠI – 09:42 30/11/2026');
      expect(lines[heading + 1]).toBe('1023');
      expect(lines).not.toContain(viTicketMessages.qrCaption);
      const plainLines = textLines(encodeTicket(original, { paper, mode: 'text' }));
      expect(plainLines.join(' ')).not.toContain('IN LẠI');
    });
  }
});
