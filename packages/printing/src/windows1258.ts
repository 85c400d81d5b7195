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
