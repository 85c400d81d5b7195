import { viTicketMessages } from '@luot/printing/messages';
import type { TicketData } from '@luot/printing/types';
import { formatDateVi, formatMinutesVi, formatTimeVi } from '@luot/ui';
import { messages } from './messages.ts';
import { qrModules } from './qr.ts';

const FONT = "'Be Vietnam Pro', 'DejaVu Sans', sans-serif";

/**
 * The browser's stand-in for a receipt printer (demos and development without a kiosk): the
 * ticket drawn on a canvas at printer resolution (576 dots for 80 mm, 384 for 58 mm) and
 * returned as a PNG blob. A preview: the real print path renders in the main process.
 */
export async function renderVirtualTicket(
  ticket: TicketData,
  paper: '80mm' | '58mm',
): Promise<Blob> {
  await Promise.all(
    ['500', '600', '800'].map((w) =>
      document.fonts.load(`${w} 32px 'Be Vietnam Pro'`, ticket.fieldName),
    ),
  );
  const width = paper === '80mm' ? 576 : 384;
  const scale = width / 576;
  const margin = Math.round(16 * scale);
  // A desk's reprint has no QR code: an empty square keeps the preview's layout.
  const modules = ticket.qrUrl ? qrModules(ticket.qrUrl) : [];
  const moduleSize = Math.max(3, Math.floor((208 * scale) / Math.max(modules.length, 21)));

  const lines: {
    text: string;
    weight: number;
    size: number;
    gapBefore?: number;
    invert?: boolean;
  }[] = [];
  if (ticket.header) lines.push({ text: ticket.header, weight: 600, size: 22 });
  lines.push({ text: ticket.centreName, weight: 800, size: 28 });
  lines.push({ text: viTicketMessages.numberHeading, weight: 600, size: 22, gapBefore: 24 });
  lines.push({ text: ticket.label, weight: 800, size: 200 });
  lines.push({ text: ticket.fieldName, weight: 800, size: 38, gapBefore: 12 });
  if (ticket.priorityName)
    lines.push({ text: ticket.priorityName, weight: 800, size: 26, invert: true, gapBefore: 12 });
  lines.push({
    text: `${formatTimeVi(ticket.issuedAt, ticket.timeZone)} · ${formatDateVi(ticket.issuedAt, ticket.timeZone)}`,
    weight: 600,
    size: 26,
    gapBefore: 24,
  });
  lines.push({ text: messages.aheadOnTicket(ticket.ahead), weight: 500, size: 24 });
  lines.push({
    text: `Thời gian chờ dự kiến: ${formatMinutesVi(ticket.estimatedWaitMinutes)}`,
    weight: 500,
    size: 24,
  });

  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  const wrap = (text: string, font: string): string[] => {
    ctx.font = font;
    const out: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && ctx.measureText(next).width > width - 2 * margin) {
        out.push(line);
        line = word;
      } else line = next;
    }
    if (line) out.push(line);
    return out;
  };
  const laidOut = lines.map((l) => {
    const size = Math.round(l.size * scale);
    const font = `${l.weight} ${size}px ${FONT}`;
    return { ...l, size, font, wrapped: wrap(l.text, font) };
  });
  const qrSide = (modules.length + 8) * moduleSize;
  const footer = wrap(ticket.footer, `500 ${Math.round(20 * scale)}px ${FONT}`);
  const height =
    laidOut.reduce((h, l) => h + (l.gapBefore ?? 6) + l.wrapped.length * l.size * 1.25, 0) +
    qrSide +
    (footer.length + 2) * 20 * scale * 1.3 +
    40;

  canvas.width = width;
  canvas.height = Math.ceil(height / 8) * 8;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  let y = 16;
  for (const l of laidOut) {
    y += l.gapBefore ?? 6;
    ctx.font = l.font;
    const blockHeight = l.wrapped.length * l.size * 1.25;
    if (l.invert) {
      ctx.fillStyle = '#000';
      ctx.fillRect(margin, y - 4, width - 2 * margin, blockHeight + 8);
    }
    ctx.fillStyle = l.invert ? '#fff' : '#000';
    for (const text of l.wrapped) {
      ctx.fillText(text, width / 2, y);
      y += l.size * 1.25;
    }
  }
  const left = Math.floor((width - modules.length * moduleSize) / 2);
  const top = y + 4 * moduleSize;
  ctx.fillStyle = '#000';
  modules.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) ctx.fillRect(left + c * moduleSize, top + r * moduleSize, moduleSize, moduleSize);
    }),
  );
  y += qrSide;
  const caption = `500 ${Math.round(22 * scale)}px ${FONT}`;
  ctx.font = caption;
  ctx.fillText(viTicketMessages.qrCaption, width / 2, y);
  y += 40 * scale;
  ctx.font = `500 ${Math.round(20 * scale)}px ${FONT}`;
  for (const text of footer) {
    ctx.fillText(text, width / 2, y);
    y += 26 * scale;
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('canvas.toBlob failed'))),
      'image/png',
    ),
  );
}
