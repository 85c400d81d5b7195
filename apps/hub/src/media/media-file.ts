// What the hub reads from an uploaded file and a board's request: the type by the file's first
// bytes, a name safe to show, and an HTTP Range. Pure functions.
import type { MediaType } from '@luot/protocol';

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

/** ISO base media brands that are pictures (HEIF, AVIF), not MP4 video. */
const IMAGE_BRANDS = new Set([
  'heic',
  'heix',
  'hevc',
  'heim',
  'heis',
  'mif1',
  'msf1',
  'avif',
  'avis',
]);

/**
 * The file's type, by its first bytes alone (never its name or the request's Content-Type): PNG,
 * JPEG, WebP (RIFF…WEBP), MP4 (an ISO base media `ftyp` box, not a HEIF/AVIF picture), WebM
 * (an EBML header whose DocType is "webm"). Null for anything else.
 */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return 'image/webp';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp')
    return IMAGE_BRANDS.has(ascii(bytes, 8, 12)) ? null : 'video/mp4';
  // EBML's DocType element (0x42 0x82), its size, then "webm", within the header's first bytes.
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    const head = bytes.subarray(0, 64);
    for (let i = 4; i + 6 < head.length; i++)
      if (head[i] === 0x42 && head[i + 1] === 0x82 && ascii(head, i + 3, i + 7) === 'webm')
        return 'video/webm';
  }
  return null;
}

/** The longest name kept: a playlist item's name (`playlistItemSchema`). */
export const MEDIA_NAME_MAX = 120;

/**
 * The name an upload is listed under: its `x-file-name` header URI-decoded, without any folder,
 * control or invisible formatting characters (a right-to-left override could disguise it),
 * spaces collapsed, at most 120 characters; `fallback` when nothing is left.
 */
export function sanitizeMediaName(header: string | undefined, fallback: string): string {
  let name = header ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not URI-encoded: taken as sent.
  }
  name = name.normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  name = [...name].slice(0, MEDIA_NAME_MAX).join('').trim();
  return name || fallback;
}

/**
 * A request's `Range` over a file of `size` bytes: one range (`bytes=a-b`, `bytes=a-`,
 * `bytes=-n`) as first and last byte; 'unsatisfiable' when it starts past the end; null when
 * there is none or it is not one range we serve (the whole file is sent then, as RFC 9110 allows).
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (to !== '' && Number(to) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
