import CodepageEncoder from '@point-of-sale/codepage-encoder';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { bitmapToRgba } from './bitmap.ts';
import { formatIssuedAt, formatOrigin, formatReprint, formatWait } from './format.ts';
import { viTicketMessages } from './messages.ts';
import type { TicketMessages } from './messages.ts';
import { renderTicket } from './render-ticket.ts';
import type { Bitmap, PaperWidth, TicketData } from './types.ts';
import { printedLength, toWindows1258Form, wrapColumns } from './windows1258.ts';

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
/** Its number in Epson's ESC t table ("WPC1258"). */
const EPSON_WINDOWS_1258 = 52;

/** Rows per GS v 0 command: its height field allows more, but many printers buffer 255 rows at most. */
const RASTER_ROWS_PER_COMMAND = 255;

/**
 * GS v 0 raster commands for a bitmap, packed directly: eight dots per byte, most significant
 * bit leftmost, one command per {@link RASTER_ROWS_PER_COMMAND} rows (the printer joins them
 * seamlessly). The same bytes the encoder library's image() makes from RGBA with its threshold
 * algorithm, without the RGBA round trip, which took most of the time of a ticket.
 */
export function packRaster(bitmap: Bitmap): Uint8Array {
  const { width, height, data } = bitmap;
  const widthBytes = Math.ceil(width / 8);
  const commands = Math.ceil(height / RASTER_ROWS_PER_COMMAND);
  const out = new Uint8Array(commands * 8 + widthBytes * height);
  let o = 0;
  for (let top = 0; top < height; top += RASTER_ROWS_PER_COMMAND) {
    const rows = Math.min(RASTER_ROWS_PER_COMMAND, height - top);
    out.set([0x1d, 0x76, 0x30, 0, widthBytes & 0xff, widthBytes >> 8, rows & 0xff, rows >> 8], o);
    o += 8;
    for (let y = top; y < top + rows; y++) {
      const row = y * width;
      for (let xb = 0; xb < widthBytes; xb++) {
        let byte = 0;
        const x0 = xb * 8;
        for (let bit = 0; bit < 8; bit++) {
          const x = x0 + bit;
          if (x < width && data[row + x]) byte |= 0x80 >> bit;
        }
        out[o++] = byte;
      }
    }
  }
  return out;
}

/**
 * ESC/POS bytes for a bitmap: initialize, the image as GS v 0 raster commands (see
 * {@link packRaster}), feed and cut. Width and height must be multiples of 8 for the printed
 * image to be exactly this bitmap (renderTicket ensures it). The encoder library still writes
 * the initialization, feed and cut.
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
  return (
    encoder
      .initialize()
      .raw(packRaster(bitmap))
      // The library ends an image with a line break; so do we, so both paths give the same bytes.
      .newline()
      .cut(options.cut ?? 'partial')
      .encode()
  );
}

/**
 * The same bytes as {@link encodeBitmap}, made by the encoder library's own image step from
 * RGBA pixels (about four times slower). Kept to check the fast path against, byte for byte.
 */
export function encodeBitmapWithLibrary(
  bitmap: Bitmap,
  options: Pick<EncodeOptions, 'cut' | 'feedLines'> = {},
): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
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

interface TextStyle {
  /** Character width and height multipliers (GS !). */
  width?: 1 | 2 | 4;
  height?: 1 | 2 | 4;
  bold?: boolean;
  invert?: boolean;
}

/**
 * Text mode: printer fonts, code page Windows-1258 (ESC t 52 in Epson's numbering), and the
 * printer's own QR command. Lines are wrapped and centred here, by printed characters: the
 * encoder's own wrapping counts each combining tone mark as a column, which in Vietnamese
 * breaks lines early and centres them off. Text is encoded with the encoder's code page
 * table and passed to it as raw bytes; styles, QR, feed and cut still come from the encoder.
 */
export function encodeTicketText(data: TicketData, options: EncodeOptions): Uint8Array {
  const messages = options.messages ?? viTicketMessages;
  const columns = COLUMNS[options.paper];
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns,
    feedBeforeCut: options.feedLines ?? 4,
  });
  encoder.initialize().raw([0x1b, 0x74, EPSON_WINDOWS_1258]);

  const put = (text: string, style: TextStyle = {}): void => {
    const { width = 1, height = 1, bold = false, invert = false } = style;
    const lineColumns = Math.floor(columns / width);
    encoder.size(width, height).bold(bold);
    // Inverted text gets a space of black on either side.
    const margin = invert ? 1 : 0;
    for (const wrapped of wrapColumns(toWindows1258Form(text), lineColumns - 2 * margin)) {
      const line = ' '.repeat(margin) + wrapped + ' '.repeat(margin);
      const padding = Math.max(0, Math.floor((lineColumns - printedLength(line)) / 2));
      if (padding > 0) encoder.raw(Array(padding).fill(0x20));
      encoder.invert(invert).raw(CodepageEncoder.encode(line, TEXT_MODE_CODEPAGE)).invert(false);
      encoder.newline();
    }
    encoder.size(1, 1).bold(false);
  };
  const rule = (): void => put('-'.repeat(columns));

  if (data.header) put(data.header);
  put(data.centreName, { bold: true });
  rule();
  const reprint = formatReprint(data, messages);
  if (reprint) put(reprint, { bold: true, invert: true });
  put(messages.numberHeading);
  // 4× characters: 12 columns on 80 mm paper, 8 on 58 mm, enough for any label.
  put(data.label, { width: 4, height: 4, bold: true });
  const origin = formatOrigin(data, messages);
  if (origin) put(`[ ${origin} ]`, { height: 2, bold: true });
  put(data.fieldName, { height: 2, bold: true });
  if (data.priorityName) put(data.priorityName, { bold: true, invert: true });
  rule();
  put(formatIssuedAt(data.issuedAt, data.timeZone, messages), { bold: true });
  put(messages.ahead(data.ahead));
  put(formatWait(data.estimatedWaitMinutes, messages));
  if (data.qrUrl) {
    encoder.newline();
    encoder
      .align('center')
      .qrcode(data.qrUrl, { model: 2, size: options.paper === '80mm' ? 6 : 5, errorlevel: 'm' })
      .align('left');
    put(messages.qrCaption);
  }
  if (data.footer) {
    encoder.newline();
    put(data.footer);
  }
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
