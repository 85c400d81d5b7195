import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { bitmapToRgba } from './bitmap.ts';
import { formatIssuedAt, formatWait } from './format.ts';
import { viTicketMessages } from './messages.ts';
import type { TicketMessages } from './messages.ts';
import { renderTicket } from './render-ticket.ts';
import type { Bitmap, PaperWidth, TicketData } from './types.ts';
import { toWindows1258Form } from './windows1258.ts';

/**
 * `raster`: the rendered ticket as one image; prints every diacritic on any ESC/POS printer.
 * `text`: printer fonts with the Windows-1258 code page and the printer's own QR command;
 * only for models known to have that code page (Epson TM series: page 52).
 */
export type PrintMode = 'raster' | 'text';

export interface EncodeOptions {
  paper: PaperWidth;
  mode?: PrintMode;
  /** Partial cut (a small hinge left) by default, so tickets do not fall on the floor. */
  cut?: 'full' | 'partial';
  /** Blank lines fed after the content so the cut clears it; 4 by default. */
  feedLines?: number;
  messages?: TicketMessages;
}

/** Font A columns of each paper width (12-dot wide characters at 203 dpi). */
const COLUMNS: Readonly<Record<PaperWidth, number>> = { '80mm': 48, '58mm': 32 };

/** The code page text mode selects: Windows-1258, Vietnamese. */
export const TEXT_MODE_CODEPAGE = 'windows1258';

/**
 * ESC/POS bytes for a bitmap: initialize, the image as GS v 0 raster commands (one per 255
 * rows, which the printer joins seamlessly), feed and cut. Width and height must be multiples
 * of 8 for the printed image to be exactly this bitmap (renderTicket ensures it).
 */
export function encodeBitmap(
  bitmap: Bitmap,
  options: Pick<EncodeOptions, 'cut' | 'feedLines'> = {},
): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    // The column count only matters for text; 48 is valid for either paper.
    columns: 48,
    imageMode: 'raster',
    feedBeforeCut: options.feedLines ?? 4,
  });
  // The encoder takes an ImageData-like RGBA object; given an explicit size it does not scale.
  const image = { data: bitmapToRgba(bitmap), width: bitmap.width, height: bitmap.height };
  return encoder
    .initialize()
    .image(image, {
      width: bitmap.width,
      height: bitmap.height,
      mode: 'raster',
      algorithm: 'threshold',
    })
    .cut(options.cut ?? 'partial')
    .encode();
}

/** ESC/POS bytes for a ticket in text mode, see {@link PrintMode}. */
export function encodeTicketText(data: TicketData, options: EncodeOptions): Uint8Array {
  const messages = options.messages ?? viTicketMessages;
  const columns = COLUMNS[options.paper];
  const t = toWindows1258Form;
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns,
    codepageMapping: 'epson',
    feedBeforeCut: options.feedLines ?? 4,
  });
  encoder.initialize().codepage(TEXT_MODE_CODEPAGE).align('center');
  if (data.header) encoder.line(t(data.header));
  encoder.bold(true).line(t(data.centreName)).bold(false);
  encoder.line('-'.repeat(columns));
  encoder.line(t(messages.numberHeading));
  // Character size 4×4 (GS !): 12 columns on 80 mm paper, enough for any label.
  encoder.size(4, 4).bold(true).line(t(data.label)).size(1, 1);
  encoder.size(1, 2).line(t(data.fieldName)).size(1, 1).bold(false);
  if (data.priorityName) {
    encoder
      .invert(true)
      .bold(true)
      .line(` ${t(data.priorityName)} `)
      .bold(false)
      .invert(false);
  }
  encoder.line('-'.repeat(columns));
  encoder
    .bold(true)
    .line(t(formatIssuedAt(data.issuedAt, data.timeZone, messages)))
    .bold(false);
  encoder.line(t(messages.ahead(data.ahead)));
  encoder.line(t(formatWait(data.estimatedWaitMinutes, messages)));
  encoder.newline();
  encoder.qrcode(data.qrUrl, { model: 2, size: options.paper === '80mm' ? 6 : 5, errorlevel: 'm' });
  encoder.line(t(messages.qrCaption));
  if (data.footer) encoder.newline().line(t(data.footer));
  return encoder.cut(options.cut ?? 'partial').encode();
}

/**
 * ESC/POS bytes for one ticket, ready for a transport: raster mode (default) renders the
 * ticket with renderTicket and sends it as an image; text mode uses printer fonts.
 */
export function encodeTicket(data: TicketData, options: EncodeOptions): Uint8Array {
  if ((options.mode ?? 'raster') === 'text') return encodeTicketText(data, options);
  const renderOptions = options.messages
    ? { paper: options.paper, messages: options.messages }
    : { paper: options.paper };
  return encodeBitmap(renderTicket(data, renderOptions), options);
}
