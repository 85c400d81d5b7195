/**
 * Windows-1258 (Epson code page 52, "WPC1258") holds the Vietnamese base letters (â ê ô ă ơ ư đ,
 * plus Latin-1 letters such as á é) but writes most tone marks as separate combining bytes
 * after the letter: "ố" is "ô" + U+0301. Text in the usual precomposed form (NFC) has to be
 * rewritten that way, or an encoder prints "?" for every toned letter.
 */

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

// The characters that code page holds, read from the platform's own Windows-1258 table.
const CP1258 = new Set(
  Array.from(new TextDecoder('windows-1258').decode(Uint8Array.from({ length: 256 }, (_, i) => i))),
);

/**
 * Rewrites text so every Vietnamese letter is either one Windows-1258 character or a
 * Windows-1258 base letter followed by a combining tone mark. Characters the code page
 * cannot express at all are left as they are (the encoder replaces them).
 */
export function toWindows1258Form(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (CP1258.has(ch)) {
      out += ch;
      continue;
    }
    const marks = Array.from(ch.normalize('NFD'));
    const tones = marks.filter((c) => TONE_MARKS.has(c));
    const base = marks
      .filter((c) => !TONE_MARKS.has(c))
      .join('')
      .normalize('NFC');
    out += CP1258.has(base) && tones.every((t) => CP1258.has(t)) ? base + tones.join('') : ch;
  }
  return out;
}

const COMBINING = /[\u0300-\u036f]/;

/** Characters a line takes on paper: combining marks print over the letter before them. */
export function printedLength(text: string): number {
  let n = 0;
  for (const ch of text) if (!COMBINING.test(ch)) n++;
  return n;
}

/** Letters with their combining marks attached, so a line break never separates them. */
function clusters(word: string): string[] {
  const out: string[] = [];
  for (const ch of word) {
    if (COMBINING.test(ch) && out.length > 0) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/**
 * Wraps text to lines of at most `columns` printed characters, at spaces where it can, and
 * keeps a dash with the word before it.
 */
export function wrapColumns(text: string, columns: number): string[] {
  const words: string[] = [];
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (/^[–—-]$/.test(w) && words.length > 0) words[words.length - 1] += ` ${w}`;
    else words.push(w);
  }
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (printedLength(candidate) <= columns) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const cluster of clusters(word)) {
      if (printedLength(line) >= columns) {
        lines.push(line);
        line = '';
      }
      line += cluster;
    }
  }
  if (line) lines.push(line);
  return lines;
}
