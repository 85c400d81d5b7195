import { createBitmap } from './bitmap.ts';
import { splitCommands } from './escpos-commands.ts';
import type { Bitmap } from './types.ts';

interface Strip {
  width: number;
  height: number;
  /** One byte per dot, 1 = black. */
  dots: Uint8Array;
}

/** GS v 0 m xL xH yL yH d…: rows of packed dots, most significant bit leftmost. */
function rasterStrip(bytes: Uint8Array, offset: number): Strip {
  const mode = bytes[offset + 3]!;
  if (mode !== 0 && mode !== 0x30) {
    throw new Error(
      `Raster image at byte ${offset} is scaled (mode ${mode}); only normal size is decoded`,
    );
  }
  const widthBytes = bytes[offset + 4]! | (bytes[offset + 5]! << 8);
  const height = bytes[offset + 6]! | (bytes[offset + 7]! << 8);
  const width = widthBytes * 8;
  const dots = new Uint8Array(width * height);
  const data = offset + 8;
  for (let y = 0; y < height; y++) {
    for (let xb = 0; xb < widthBytes; xb++) {
      const byte = bytes[data + y * widthBytes + xb]!;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        if (byte & (0x80 >> bit)) dots[y * width + xb * 8 + bit] = 1;
      }
    }
  }
  return { width, height, dots };
}

/** ESC * 33 nL nH d…: one 24-dot strip, three bytes per column, top byte first. */
function columnStrip(bytes: Uint8Array, offset: number): Strip {
  const mode = bytes[offset + 2]!;
  if (mode !== 33) {
    throw new Error(
      `Column image at byte ${offset} uses mode ${mode}; only 24-dot double density is decoded`,
    );
  }
  const width = bytes[offset + 3]! | (bytes[offset + 4]! << 8);
  const height = 24;
  const dots = new Uint8Array(width * height);
  const data = offset + 5;
  for (let x = 0; x < width; x++) {
    for (let c = 0; c < 3; c++) {
      const byte = bytes[data + x * 3 + c]!;
      for (let bit = 0; bit < 8; bit++) {
        if (byte & (0x80 >> bit)) dots[(c * 8 + bit) * width + x] = 1;
      }
    }
  }
  return { width, height, dots };
}

/**
 * Turns the images in ESC/POS bytes back into one bitmap, strips stacked top to bottom, as a
 * printer would lay them on paper. Reads raster images (GS v 0, what our encoder emits) and
 * 24-dot column images (ESC * 33, the encoder's column mode; those assume the 24-dot line
 * spacing the encoder sets). Throws on bytes it cannot parse, or when there is no image.
 */
export function decodeRaster(bytes: Uint8Array): Bitmap {
  const strips: Strip[] = [];
  for (const command of splitCommands(bytes)) {
    if (command.kind === 'raster') strips.push(rasterStrip(bytes, command.offset));
    if (command.kind === 'column-image') strips.push(columnStrip(bytes, command.offset));
  }
  if (strips.length === 0) throw new Error('No raster or column image in the ESC/POS data');

  const width = Math.max(...strips.map((s) => s.width));
  const height = strips.reduce((sum, s) => sum + s.height, 0);
  const bitmap = createBitmap(width, height);
  let top = 0;
  for (const s of strips) {
    for (let y = 0; y < s.height; y++) {
      bitmap.data.set(s.dots.subarray(y * s.width, (y + 1) * s.width), (top + y) * width);
    }
    top += s.height;
  }
  return bitmap;
}
