/**
 * Splits an ESC/POS byte stream into commands, knowing how long each is, so that bytes inside
 * image or QR data are never mistaken for commands. It covers what our encoder emits and the
 * common commands around it; the decoder and the printer emulator share it.
 */

export const DLE = 0x10;
export const EOT = 0x04;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;

export type CommandKind =
  | 'text' // one printable byte, or LF/CR/other control byte
  | 'status-query' // DLE EOT n: real-time status
  | 'init' // ESC @
  | 'raster' // GS v 0: raster bit image
  | 'column-image' // ESC *: bit image in columns
  | 'cut' // GS V
  | 'other';

export interface Command {
  kind: CommandKind;
  offset: number;
  length: number;
}

/** What `readCommand` found at an offset: a command, a command cut short by the end of the bytes, or an unknown one. */
export type ReadResult =
  | { type: 'command'; command: Command }
  | { type: 'incomplete' }
  | { type: 'unknown'; offset: number; bytes: number[] };

const u16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);

// ESC and GS commands with a fixed total length, by their second byte.
const ESC_FIXED: Record<number, number> = {
  0x40: 2, // @ initialize
  0x32: 2, // 2 default line spacing
  0x3c: 2, // < return home
  0x53: 2, // S standard mode
  0x4c: 2, // L page mode
  0x0c: 2, // FF print in page mode
  0x21: 3, // ! print mode
  0x2d: 3, // - underline
  0x33: 3, // 3 line spacing
  0x34: 3, // 4 italic (some models)
  0x45: 3, // E emphasis
  0x47: 3, // G double strike
  0x4d: 3, // M font
  0x52: 3, // R international character set
  0x54: 3, // T print direction in page mode
  0x55: 3, // U unidirectional
  0x56: 3, // V 90° rotation
  0x61: 3, // a justification
  0x64: 3, // d feed lines
  0x65: 3, // e reverse feed lines
  0x4a: 3, // J feed dots
  0x4b: 3, // K reverse feed dots
  0x74: 3, // t code page
  0x7b: 3, // { upside down
  0x20: 3, // SP right-side spacing
  0x25: 3, // % user-defined characters on/off
  0x3d: 3, // = peripheral device
  0x3f: 3, // ? cancel user-defined character
  0x72: 3, // r print colour
  0x24: 4, // $ absolute position
  0x5c: 4, // \ relative position
  0x63: 4, // c 3/4/5 paper sensors, panel keys
  0x70: 5, // p pulse
  0x57: 10, // W print area in page mode
};

const GS_FIXED: Record<number, number> = {
  0x3a: 2, // : macro definition start/end
  0x21: 3, // ! character size
  0x42: 3, // B reverse
  0x48: 3, // H HRI position
  0x49: 3, // I printer ID
  0x54: 3, // T start of line
  0x61: 3, // a automatic status back
  0x62: 3, // b smoothing
  0x66: 3, // f HRI font
  0x68: 3, // h barcode height
  0x72: 3, // r transmit status
  0x77: 3, // w barcode width
  0x2f: 3, // / print downloaded image
  0x45: 3, // E head energy
  0x50: 4, // P motion units
  0x4c: 4, // L left margin
  0x57: 4, // W print area width
  0x24: 4, // $ absolute vertical position
  0x5c: 4, // \ relative vertical position
  0x5e: 5, // ^ execute macro
};

const FS_FIXED: Record<number, number> = {
  0x2e: 2, // . cancel Kanji mode
  0x26: 2, // & Kanji mode
  0x21: 3, // ! Kanji print mode
  0x2d: 3, // - Kanji underline
  0x43: 3, // C Kanji code system
  0x57: 3, // W Kanji quadruple size
  0x53: 4, // S Kanji spacing
};

function need(bytes: Uint8Array, offset: number, length: number, kind: CommandKind): ReadResult {
  return offset + length <= bytes.length
    ? { type: 'command', command: { kind, offset, length } }
    : { type: 'incomplete' };
}

/** Reads the command that starts at `offset`. */
export function readCommand(bytes: Uint8Array, offset: number): ReadResult {
  const first = bytes[offset];
  if (first === undefined) return { type: 'incomplete' };
  const second = bytes[offset + 1];
  const unknown = (): ReadResult => ({
    type: 'unknown',
    offset,
    bytes: Array.from(bytes.subarray(offset, offset + 4)),
  });

  if (first === DLE) {
    if (second === undefined) return { type: 'incomplete' };
    if (second === EOT) {
      const n = bytes[offset + 2];
      if (n === undefined) return { type: 'incomplete' };
      // DLE EOT 7 a and DLE EOT 8 a carry one more byte.
      return need(bytes, offset, n === 7 || n === 8 ? 4 : 3, 'status-query');
    }
    if (second === 0x05) return need(bytes, offset, 3, 'other'); // DLE ENQ n
    if (second === 0x14) return need(bytes, offset, 5, 'other'); // DLE DC4 fn a b
    return unknown();
  }

  if (first === ESC) {
    if (second === undefined) return { type: 'incomplete' };
    if (second === 0x40) return need(bytes, offset, 2, 'init');
    if (second === 0x2a) {
      // ESC * m nL nH d1…dk: k = n for 8-dot modes (m 0, 1), 3n for 24-dot modes (m 32, 33).
      if (offset + 5 > bytes.length) return { type: 'incomplete' };
      const m = bytes[offset + 2];
      const n = u16(bytes, offset + 3);
      const k = m === 0 || m === 1 ? n : m === 32 || m === 33 ? 3 * n : -1;
      return k < 0 ? unknown() : need(bytes, offset, 5 + k, 'column-image');
    }
    const fixed = ESC_FIXED[second];
    return fixed === undefined ? unknown() : need(bytes, offset, fixed, 'other');
  }

  if (first === GS) {
    if (second === undefined) return { type: 'incomplete' };
    if (second === 0x76) {
      // GS v 0 m xL xH yL yH d1…dk, k = (xL + xH·256) · (yL + yH·256).
      if (offset + 8 > bytes.length) return { type: 'incomplete' };
      if (bytes[offset + 2] !== 0x30) return unknown();
      const k = u16(bytes, offset + 4) * u16(bytes, offset + 6);
      return need(bytes, offset, 8 + k, 'raster');
    }
    if (second === 0x56) {
      // GS V m, or GS V m n for the feed-and-cut functions (m = 65, 66, 97, 98, 103, 104).
      const m = bytes[offset + 2];
      if (m === undefined) return { type: 'incomplete' };
      return need(bytes, offset, m >= 65 ? 4 : 3, 'cut');
    }
    if (second === 0x28) {
      // GS ( fn pL pH p1…pk (QR code, PDF417, graphics, …)
      if (offset + 5 > bytes.length) return { type: 'incomplete' };
      return need(bytes, offset, 5 + u16(bytes, offset + 3), 'other');
    }
    if (second === 0x38) {
      // GS 8 L p1 p2 p3 p4 …: graphics with a 32-bit length.
      if (offset + 7 > bytes.length) return { type: 'incomplete' };
      const k = u16(bytes, offset + 3) + u16(bytes, offset + 5) * 0x10000;
      return need(bytes, offset, 7 + k, 'other');
    }
    if (second === 0x6b) {
      // GS k m …: barcode, NUL-terminated for m ≤ 6, else with a length byte.
      const m = bytes[offset + 2];
      if (m === undefined) return { type: 'incomplete' };
      if (m <= 6) {
        const end = bytes.indexOf(0, offset + 3);
        return end < 0 ? { type: 'incomplete' } : need(bytes, offset, end - offset + 1, 'other');
      }
      const n = bytes[offset + 3];
      return n === undefined ? { type: 'incomplete' } : need(bytes, offset, 4 + n, 'other');
    }
    const fixed = GS_FIXED[second];
    return fixed === undefined ? unknown() : need(bytes, offset, fixed, 'other');
  }

  if (first === FS) {
    if (second === undefined) return { type: 'incomplete' };
    const fixed = FS_FIXED[second];
    return fixed === undefined ? unknown() : need(bytes, offset, fixed, 'other');
  }

  return { type: 'command', command: { kind: 'text', offset, length: 1 } };
}

/** Splits complete ESC/POS bytes into commands; throws on an unknown or truncated command. */
export function splitCommands(bytes: Uint8Array): Command[] {
  const commands: Command[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const r = readCommand(bytes, offset);
    if (r.type === 'incomplete') {
      throw new Error(`ESC/POS data ends inside a command at byte ${offset}`);
    }
    if (r.type === 'unknown') {
      const hex = r.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new Error(`Unknown ESC/POS command at byte ${offset}: ${hex}`);
    }
    commands.push(r.command);
    offset += r.command.length;
  }
  return commands;
}
