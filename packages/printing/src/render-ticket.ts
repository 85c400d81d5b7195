import { createCanvas } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { createBitmap } from './bitmap.ts';
import { registerTicketFonts, ticketFont } from './fonts.ts';
import type { FontWeight } from './fonts.ts';
import { formatIssuedAt, formatOrigin, formatReprint, formatWait } from './format.ts';
import { viTicketMessages } from './messages.ts';
import type { TicketMessages } from './messages.ts';
import type { Bitmap, PaperWidth, TicketData } from './types.ts';

/** Printable width in dots of each paper at 203 dpi (8 dots per mm). */
export const PRINTABLE_DOTS: Readonly<Record<PaperWidth, number>> = { '80mm': 576, '58mm': 384 };

export interface RenderOptions {
  paper: PaperWidth;
  /** Text around the data; Vietnamese by default. */
  messages?: TicketMessages;
}

interface TextStyle {
  weight: FontWeight;
  size: number;
}

/** Sizes in dots for one paper width. */
interface Metrics {
  margin: number;
  header: TextStyle;
  centre: TextStyle;
  heading: TextStyle;
  numberMax: number;
  field: TextStyle;
  priority: TextStyle;
  datetime: TextStyle;
  body: TextStyle;
  caption: TextStyle;
  footer: TextStyle;
  qrTarget: number;
  rule: number;
  gap: number;
}

const METRICS: Readonly<Record<PaperWidth, Metrics>> = {
  '80mm': {
    margin: 16,
    header: { weight: 600, size: 22 },
    centre: { weight: 800, size: 28 },
    heading: { weight: 600, size: 22 },
    numberMax: 240,
    field: { weight: 800, size: 38 },
    priority: { weight: 800, size: 26 },
    datetime: { weight: 600, size: 26 },
    body: { weight: 500, size: 24 },
    caption: { weight: 500, size: 22 },
    footer: { weight: 500, size: 20 },
    qrTarget: 208,
    rule: 3,
    gap: 14,
  },
  '58mm': {
    margin: 8,
    header: { weight: 600, size: 18 },
    centre: { weight: 800, size: 22 },
    heading: { weight: 600, size: 18 },
    numberMax: 170,
    field: { weight: 800, size: 28 },
    priority: { weight: 800, size: 20 },
    datetime: { weight: 600, size: 20 },
    body: { weight: 500, size: 19 },
    caption: { weight: 500, size: 18 },
    footer: { weight: 500, size: 16 },
    qrTarget: 168,
    rule: 2,
    gap: 10,
  },
};

/**
 * Grey level (0–255) below which an anti-aliased pixel becomes a dot. A little above half,
 * so thin strokes of small text keep at least two dots and do not fade on thermal paper.
 */
const INK_THRESHOLD = 150;

/** White modules above and below the QR code, as the QR standard asks (sides are wider anyway). */
const QR_QUIET_MODULES = 4;

type Block =
  | {
      kind: 'text';
      lines: string[];
      font: string;
      ascent: number;
      lineHeight: number;
      inverted: boolean;
      /** Drawn inside a rounded frame (the origin line), which inverted text does not need. */
      framed?: boolean;
    }
  | { kind: 'gap'; height: number }
  | { kind: 'rule'; thickness: number }
  | { kind: 'qr'; modules: QRCode.BitMatrix; moduleSize: number };

/** Splits text into lines no wider than `maxWidth`, breaking at spaces, or inside a word too long for a line. */
export function wrapText(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => ctx.measureText(s).width <= maxWidth;
  // A dash stays at the end of the line with the word before it, never starts a line.
  const words: string[] = [];
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (/^[–—-]$/.test(w) && words.length > 0) words[words.length - 1] += ` ${w}`;
    else words.push(w);
  }
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    // A word wider than the line is cut between characters.
    let piece = '';
    for (const ch of Array.from(word)) {
      if (piece && !fits(piece + ch)) {
        lines.push(piece);
        piece = '';
      }
      piece += ch;
    }
    line = piece;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Lays out and draws one ticket as a 1-bit image exactly as wide as the paper's printable
 * width; the height grows with the content and is a multiple of 8 dots (ESC/POS raster
 * commands need that, so the printed image is this bitmap with nothing added).
 */
export function renderTicket(data: TicketData, options: RenderOptions): Bitmap {
  registerTicketFonts();
  const messages = options.messages ?? viTicketMessages;
  const width = PRINTABLE_DOTS[options.paper];
  const m = METRICS[options.paper];
  const contentWidth = width - 2 * m.margin;

  const measure = createCanvas(width, 16).getContext('2d');
  measure.lang = 'vi';
  const blocks: Block[] = [];

  const text = (value: string, style: TextStyle, inverted = false, framed = false): void => {
    const font = ticketFont(style.weight, style.size);
    measure.font = font;
    // Room above for stacked Vietnamese marks on capitals (Ấ, Ộ) and below for dots (ụ) and descenders.
    const probe = measure.measureText('ẤỘỸ');
    const ascent = Math.ceil(probe.actualBoundingBoxAscent);
    const descent = Math.ceil(measure.measureText('gỵp').actualBoundingBoxDescent);
    const padding = inverted || framed ? Math.round(style.size * 0.5) : 0;
    const lines = wrapText(measure, value.normalize('NFC'), contentWidth - 2 * padding);
    blocks.push({
      kind: 'text',
      lines,
      font,
      ascent,
      lineHeight: ascent + descent + Math.round(style.size * 0.12),
      inverted,
      framed,
    });
  };
  const gap = (height: number): void => void blocks.push({ kind: 'gap', height });
  const rule = (): void => void blocks.push({ kind: 'rule', thickness: m.rule });

  gap(m.gap);
  if (data.header) {
    text(data.header, m.header);
    gap(Math.round(m.gap / 2));
  }
  text(data.centreName, m.centre);
  gap(m.gap);
  rule();
  gap(m.gap);
  // A reprint says so first, inverted, so the desk and the clerk see it at a glance.
  const reprint = formatReprint(data, messages);
  if (reprint) {
    text(reprint, m.priority, true);
    gap(m.gap);
  }
  text(messages.numberHeading, m.heading);

  // The number: as large as the width allows, up to a cap, measured on its own glyphs so it sits tight.
  measure.font = ticketFont(800, 100);
  const at100 = measure.measureText(data.label).width;
  const numberSize = Math.max(
    24,
    Math.min(m.numberMax, Math.floor((100 * contentWidth * 0.96) / Math.max(at100, 1))),
  );
  const numberFont = ticketFont(800, numberSize);
  measure.font = numberFont;
  const numberMetrics = measure.measureText(data.label);
  const numberAscent = Math.ceil(numberMetrics.actualBoundingBoxAscent);
  const numberDescent = Math.max(0, Math.ceil(numberMetrics.actualBoundingBoxDescent));
  gap(Math.round(m.gap * 0.8));
  blocks.push({
    kind: 'text',
    lines: [data.label],
    font: numberFont,
    ascent: numberAscent,
    lineHeight: numberAscent + numberDescent,
    inverted: false,
  });
  gap(Math.round(m.gap * 1.4));

  // A booked or remote number says so right under it, framed, so the clerk and the citizen see it.
  const origin = formatOrigin(data, messages);
  if (origin) {
    text(origin, m.priority, false, true);
    gap(m.gap);
  }
  text(data.fieldName, m.field);
  if (data.priorityName) {
    gap(m.gap);
    text(data.priorityName, m.priority, true);
  }
  gap(m.gap);
  rule();
  gap(m.gap);
  text(formatIssuedAt(data.issuedAt, data.timeZone, messages), m.datetime);
  gap(Math.round(m.gap / 2));
  text(messages.ahead(data.ahead), m.body);
  text(formatWait(data.estimatedWaitMinutes, messages), m.body);

  if (data.qrUrl) {
    const qr = QRCode.create(data.qrUrl, { errorCorrectionLevel: 'M' });
    const moduleSize = Math.max(3, Math.min(8, Math.floor(m.qrTarget / qr.modules.size)));
    blocks.push({ kind: 'qr', modules: qr.modules, moduleSize });
    text(messages.qrCaption, m.caption);
  }
  if (data.footer) {
    gap(m.gap);
    text(data.footer, m.footer);
  }
  gap(m.gap * 2);

  const blockHeight = (b: Block): number => {
    switch (b.kind) {
      case 'text':
        return b.lines.length * b.lineHeight + (b.inverted || b.framed ? b.lineHeight : 0);
      case 'gap':
        return b.height;
      case 'rule':
        return b.thickness;
      case 'qr':
        return (b.modules.size + 2 * QR_QUIET_MODULES) * b.moduleSize;
    }
  };
  const contentHeight = blocks.reduce((sum, b) => sum + blockHeight(b), 0);
  const height = Math.ceil(contentHeight / 8) * 8;

  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.lang = 'vi';
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';

  const qrDraws: { top: number; left: number; modules: QRCode.BitMatrix; moduleSize: number }[] =
    [];
  let y = 0;
  for (const b of blocks) {
    const h = blockHeight(b);
    if (b.kind === 'rule') {
      ctx.fillStyle = '#000';
      ctx.fillRect(m.margin, y, contentWidth, b.thickness);
    } else if (b.kind === 'text') {
      ctx.font = b.font;
      let lineTop = y;
      if (b.inverted) {
        ctx.fillStyle = '#000';
        ctx.beginPath();
        ctx.roundRect(m.margin, y, contentWidth, h, Math.round(b.lineHeight / 3));
        ctx.fill();
        lineTop += Math.round(b.lineHeight / 2);
      } else if (b.framed) {
        ctx.strokeStyle = '#000';
        ctx.lineWidth = m.rule;
        ctx.beginPath();
        const inset = m.rule / 2;
        ctx.roundRect(
          m.margin + inset,
          y + inset,
          contentWidth - m.rule,
          h - m.rule,
          Math.round(b.lineHeight / 3),
        );
        ctx.stroke();
        lineTop += Math.round(b.lineHeight / 2);
      }
      ctx.fillStyle = b.inverted ? '#fff' : '#000';
      for (const line of b.lines) {
        ctx.fillText(line, width / 2, lineTop + b.ascent);
        lineTop += b.lineHeight;
      }
    } else if (b.kind === 'qr') {
      const side = b.modules.size * b.moduleSize;
      qrDraws.push({
        top: y + QR_QUIET_MODULES * b.moduleSize,
        left: Math.floor((width - side) / 2),
        ...b,
      });
    }
    y += h;
  }

  // Threshold the anti-aliased drawing to dots; then set QR modules directly so they stay exact squares.
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const bitmap = createBitmap(width, height);
  for (let i = 0; i < bitmap.data.length; i++) {
    const o = i * 4;
    const luminance = (rgba[o]! * 299 + rgba[o + 1]! * 587 + rgba[o + 2]! * 114) / 1000;
    bitmap.data[i] = luminance < INK_THRESHOLD ? 1 : 0;
  }
  for (const q of qrDraws) {
    for (let r = 0; r < q.modules.size; r++) {
      for (let c = 0; c < q.modules.size; c++) {
        if (!q.modules.get(r, c)) continue;
        for (let dy = 0; dy < q.moduleSize; dy++) {
          const row = (q.top + r * q.moduleSize + dy) * width + q.left + c * q.moduleSize;
          bitmap.data.fill(1, row, row + q.moduleSize);
        }
      }
    }
  }
  return bitmap;
}
