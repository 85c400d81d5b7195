/** The largest number {@link numberToVietnamese} reads (five digits). */
export const MAX_SPOKEN_NUMBER = 99_999;

/** The plain name of each digit, as read digit by digit and as a hundreds digit. */
export const DIGIT_WORDS = [
  'không',
  'một',
  'hai',
  'ba',
  'bốn',
  'năm',
  'sáu',
  'bảy',
  'tám',
  'chín',
] as const;

/** Every word a number can be read with; each one has its own clip. */
export const NUMBER_WORDS = [
  ...DIGIT_WORDS,
  'mười',
  'mươi',
  'mốt',
  'lăm',
  'tư',
  'linh',
  'trăm',
  'nghìn',
] as const;

export type NumberWord = (typeof NUMBER_WORDS)[number];

function digit(d: number): NumberWord {
  return DIGIT_WORDS[d] as NumberWord;
}

/** 1–99 as the tens-and-units part of a number; `afterHundreds` when a hundreds word precedes. */
function tensAndUnits(n: number, afterHundreds: boolean): NumberWord[] {
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  if (tens === 0) {
    // 104 → "một trăm linh tư", 105 → "một trăm linh năm", but 4 → "bốn".
    if (!afterHundreds) return [digit(unit)];
    return ['linh', unit === 4 ? 'tư' : digit(unit)];
  }
  const words: NumberWord[] = tens === 1 ? ['mười'] : [digit(tens), 'mươi'];
  if (unit === 0) return words;
  if (unit === 5) words.push('lăm');
  else if (unit === 1 && tens > 1) words.push('mốt');
  else if (unit === 4 && tens > 1) words.push('tư');
  else words.push(digit(unit));
  return words;
}

/** 0–999 as one three-digit group; `inner` when a thousands group precedes it. */
function group(n: number, inner: boolean): NumberWord[] {
  if (n === 0) return [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const words: NumberWord[] = [];
  // Inside a larger number a zero hundreds digit is spoken: 1023 → "… không trăm hai mươi ba".
  if (hundreds > 0 || inner) words.push(digit(hundreds), 'trăm');
  if (rest > 0) words.push(...tensAndUnits(rest, hundreds > 0 || inner));
  return words;
}

/**
 * The words of a whole number 0–99 999 in northern standard Vietnamese, as an array.
 *
 * Rules:
 * - 0 is "không"; units are không một hai ba bốn năm sáu bảy tám chín.
 * - 10–19 start with "mười" (low tone): 10 "mười", 11 "mười một", 14 "mười bốn".
 * - 20–99 are the tens digit + "mươi" (level tone): 20 "hai mươi".
 * - After "mười" or "mươi", a 5 is "lăm": 15 "mười lăm", 25 "hai mươi lăm".
 * - After "mươi" only, a 1 is "mốt" and a 4 is "tư": 21 "hai mươi mốt", 24 "hai mươi tư";
 *   but 11 "mười một", 14 "mười bốn".
 * - A zero tens digit after a hundreds word is "linh", and a 4 after "linh" is "tư":
 *   101 "một trăm linh một", 104 "một trăm linh tư", 105 "một trăm linh năm".
 * - Hundreds are the digit + "trăm": 100 "một trăm". The thousands part (1–99) is read by the
 *   same rules + "nghìn": 21000 "hai mươi mốt nghìn".
 * - Below a thousands part, a zero hundreds digit is "không trăm" unless the whole lower group
 *   is zero: 1023 "một nghìn không trăm hai mươi ba", 2005 "hai nghìn không trăm linh năm",
 *   1010 "một nghìn không trăm mười", 1000 "một nghìn", 1100 "một nghìn một trăm".
 *
 * Throws a RangeError for anything that is not an integer in 0–99 999.
 */
export function numberWords(n: number): NumberWord[] {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) {
    throw new RangeError(`Cannot read ${n} aloud: expected an integer 0–${MAX_SPOKEN_NUMBER}.`);
  }
  if (n === 0) return ['không'];
  const thousands = Math.floor(n / 1000);
  const low = n % 1000;
  if (thousands === 0) return group(low, false);
  return [...tensAndUnits(thousands, false), 'nghìn', ...group(low, true)];
}

/** A whole number 0–99 999 in northern standard Vietnamese words (rules: {@link numberWords}). */
export function numberToVietnamese(n: number): string {
  return numberWords(n).join(' ');
}
