import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { registerTicketFonts, ticketFont } from './fonts.ts';
import { PRINTABLE_DOTS, renderTicket, wrapText } from './render-ticket.ts';
import { sampleTicket } from './sample-ticket.ts';
import type { Bitmap } from './types.ts';

const LONG_FIELD = 'Đăng ký kinh doanh, đầu tư và hỗ trợ doanh nghiệp – Hợp tác xã, hộ kinh doanh';

/** Dots in the columns left of `margin` and right of `width - margin`. */
function dotsInMargins(b: Bitmap, margin: number): number {
  let n = 0;
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      if ((x < margin || x >= b.width - margin) && b.data[y * b.width + x]) n++;
    }
  }
  return n;
}

/** Rows that hold at least one dot. */
const inkedRows = (b: Bitmap): number => {
  let n = 0;
  for (let y = 0; y < b.height; y++)
    if (b.data.subarray(y * b.width, (y + 1) * b.width).includes(1)) n++;
  return n;
};

describe('renderTicket', () => {
  it.each([
    ['80mm', 576],
    ['58mm', 384],
  ] as const)('%s is %i dots wide, a multiple of 8 dots high', (paper, width) => {
    const b = renderTicket(sampleTicket(), { paper });
    expect(PRINTABLE_DOTS[paper]).toBe(width);
    expect(b.width).toBe(width);
    expect(b.height % 8).toBe(0);
    expect(b.data.length).toBe(b.width * b.height);
  });

  it('wraps a long Vietnamese field name inside the 58 mm width', () => {
    const short = renderTicket(sampleTicket({ fieldName: 'Đất đai' }), { paper: '58mm' });
    const long = renderTicket(sampleTicket({ fieldName: LONG_FIELD }), { paper: '58mm' });
    expect(long.width).toBe(384);
    // More lines, all drawn inside the 8-dot side margins.
    expect(long.height).toBeGreaterThan(short.height + 60);
    expect(dotsInMargins(long, 8)).toBe(0);
  });

  it('keeps the number within the width whatever its length', () => {
    const b = renderTicket(sampleTicket({ label: 'A0123456' }), { paper: '58mm' });
    expect(dotsInMargins(b, 8)).toBe(0);
  });

  it('draws the tone marks (a name with diacritics differs from the same letters without)', () => {
    const marked = renderTicket(sampleTicket({ fieldName: 'Hộ tịch' }), { paper: '80mm' });
    const plain = renderTicket(sampleTicket({ fieldName: 'Ho tich' }), { paper: '80mm' });
    expect(Buffer.from(marked.data).equals(Buffer.from(plain.data))).toBe(false);
  });

  it('leaves out the priority mark when there is none', () => {
    const priority = renderTicket(sampleTicket(), { paper: '80mm' });
    const normal = renderTicket(sampleTicket({ priorityName: null }), { paper: '80mm' });
    expect(inkedRows(normal)).toBeLessThan(inkedRows(priority));
  });

  it('is deterministic', () => {
    const a = renderTicket(sampleTicket(), { paper: '80mm' });
    const b = renderTicket(sampleTicket(), { paper: '80mm' });
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
  });
});

describe('wrapText', () => {
  it('breaks at spaces, and inside a word longer than the line', () => {
    registerTicketFonts();
    const ctx = createCanvas(10, 10).getContext('2d');
    ctx.font = ticketFont(800, 28);
    const lines = wrapText(ctx, `${LONG_FIELD} Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, 300);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(ctx.measureText(line).width).toBeLessThanOrEqual(300);
    expect(lines.join(' ').replace(/\s/g, '')).toBe(
      `${LONG_FIELD}Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`.replace(/\s/g, ''),
    );
  });

  it('never starts a line with a dash', () => {
    registerTicketFonts();
    const ctx = createCanvas(10, 10).getContext('2d');
    ctx.font = ticketFont(800, 28);
    for (let width = 120; width <= 560; width += 20) {
      const lines = wrapText(ctx, 'Đăng ký kinh doanh – Hợp tác xã – Hộ kinh doanh', width);
      for (const line of lines) expect(line.startsWith('–')).toBe(false);
    }
  });
});
