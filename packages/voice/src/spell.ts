import { DIGIT_WORDS, MAX_SPOKEN_NUMBER, numberWords } from './number-words.ts';
import type { NumberWord } from './number-words.ts';

/**
 * How a letter of a ticket prefix is read: the Vietnamese letter names used when spelling an
 * abbreviation aloud ("VTV" → "vê tê vê"), for A–Z and Đ. F, J, W and Z are not Vietnamese
 * letters; they get the names in common use.
 */
export const LETTER_NAMES: Readonly<Record<string, string>> = {
  A: 'a',
  B: 'bê',
  C: 'xê',
  D: 'dê',
  Đ: 'đê',
  E: 'e',
  F: 'ép',
  G: 'giê',
  H: 'hát',
  I: 'i',
  J: 'gi',
  K: 'ca',
  L: 'e-lờ',
  M: 'em-mờ',
  N: 'en-nờ',
  O: 'o',
  P: 'pê',
  Q: 'quy',
  R: 'e-rờ',
  S: 'ét-xì',
  T: 'tê',
  U: 'u',
  V: 'vê',
  W: 'vê-kép',
  X: 'ích-xì',
  Y: 'i-dài',
  Z: 'dét',
};

/** A ticket label split into its letter prefix and its digits. */
export interface ParsedLabel {
  /** Upper-case letters, each a key of {@link LETTER_NAMES}; may be empty. */
  letters: string[];
  /** The digits as printed, leading zeros kept ("012"). */
  digits: string;
}

const LABEL = /^(\p{L}*)[-.\s]?(\d+)$/u;

/**
 * Splits a ticket label such as "A012", "AB-7" or "1023" into letters and digits.
 * Letters are case-insensitive; one "-", "." or space may separate them from the digits.
 * Throws a TypeError for any other shape or a letter without a name in {@link LETTER_NAMES}.
 */
export function parseLabel(label: string): ParsedLabel {
  const match = LABEL.exec(label.trim());
  if (!match) {
    throw new TypeError(`Cannot read ticket label "${label}": expected letters then digits.`);
  }
  const letters = [...(match[1] ?? '').toUpperCase()];
  for (const letter of letters) {
    if (!(letter in LETTER_NAMES)) {
      throw new TypeError(`Cannot read ticket label "${label}": no name for letter "${letter}".`);
    }
  }
  return { letters, digits: match[2] ?? '' };
}

/** Each digit of a string by its name: "1023" → "một không hai ba". Throws on a non-digit. */
export function spellDigits(digits: string): string {
  return digitWords(digits).join(' ');
}

/** The digit names of a string of digits, one word per digit. */
export function digitWords(digits: string): NumberWord[] {
  return [...digits].map((c) => {
    const word = /^\d$/.test(c) ? DIGIT_WORDS[Number(c)] : undefined;
    if (word === undefined) throw new TypeError(`Cannot spell "${digits}": "${c}" is not a digit.`);
    return word;
  });
}

/**
 * The number part of a label as words: its value (leading zeros are not read: "012" →
 * "mười hai", since the printed number is read as a number), or each digit when `digitByDigit`.
 */
export function labelDigitWords(digits: string, digitByDigit: boolean): NumberWord[] {
  if (digitByDigit) return digitWords(digits);
  const value = Number(digits);
  if (digits.length === 0 || value > MAX_SPOKEN_NUMBER) {
    throw new RangeError(
      `Cannot read "${digits}" as a number (at most ${MAX_SPOKEN_NUMBER}); read it digit by digit.`,
    );
  }
  return numberWords(value);
}

/**
 * A ticket label as Vietnamese words, the same words the clips say:
 * "A012" → "a mười hai", "1023" → "một nghìn không trăm hai mươi ba",
 * and with `digitByDigit` "A012" → "a không một hai".
 */
export function labelToVietnamese(label: string, options: { digitByDigit?: boolean } = {}): string {
  const { letters, digits } = parseLabel(label);
  return [
    ...letters.map((l) => LETTER_NAMES[l] as string),
    ...labelDigitWords(digits, options.digitByDigit ?? false),
  ].join(' ');
}
