import { PNG } from 'pngjs';
import type { Bitmap } from './types.ts';

/** A blank (all paper) bitmap. */
export function createBitmap(width: number, height: number): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`Bitmap size must be positive integers, got ${width}x${height}`);
  }
  return { width, height, data: new Uint8Array(width * height) };
}

/** RGBA pixels of a bitmap: black for dots, white for paper, fully opaque. */
export function bitmapToRgba(bitmap: Bitmap): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(bitmap.width * bitmap.height * 4);
  for (let i = 0; i < bitmap.data.length; i++) {
    const v = bitmap.data[i] ? 0 : 255;
    const o = i * 4;
    rgba[o] = v;
    rgba[o + 1] = v;
    rgba[o + 2] = v;
    rgba[o + 3] = 255;
  }
  return rgba;
}

/** Encodes a bitmap as a PNG file (8-bit RGBA; viewers and QR decoders read it directly). */
export function bitmapToPng(bitmap: Bitmap): Buffer {
  const png = new PNG({ width: bitmap.width, height: bitmap.height });
  png.data = Buffer.from(bitmapToRgba(bitmap).buffer);
  return PNG.sync.write(png);
}

/** Whether two bitmaps have the same size and the same dot at every position. */
export function bitmapsEqual(a: Bitmap, b: Bitmap): boolean {
  if (a.width !== b.width || a.height !== b.height) return false;
  return Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(
    Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength),
  );
}

/** Counts differing dots; a readable failure message for tests that expect none. */
export function countDifferentPixels(a: Bitmap, b: Bitmap): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) n++;
  return n;
}
