import { describe, expect, it } from 'vitest';
import { NUMBER_WORDS, numberToVietnamese, numberWords } from './number-words.ts';

describe('numberToVietnamese', () => {
  it.each([
    [0, 'không'],
    [1, 'một'],
    [4, 'bốn'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [14, 'mười bốn'],
    [15, 'mười lăm'],
    [20, 'hai mươi'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [91, 'chín mươi mốt'],
    [100, 'một trăm'],
    [101, 'một trăm linh một'],
    [104, 'một trăm linh tư'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [115, 'một trăm mười lăm'],
    [121, 'một trăm hai mươi mốt'],
    [1000, 'một nghìn'],
    [1010, 'một nghìn không trăm mười'],
    [1023, 'một nghìn không trăm hai mươi ba'],
    [1100, 'một nghìn một trăm'],
    [1001, 'một nghìn không trăm linh một'],
    [1004, 'một nghìn không trăm linh tư'],
    [2005, 'hai nghìn không trăm linh năm'],
    [10000, 'mười nghìn'],
    [15000, 'mười lăm nghìn'],
    [21000, 'hai mươi mốt nghìn'],
    [24104, 'hai mươi tư nghìn một trăm linh tư'],
    [99999, 'chín mươi chín nghìn chín trăm chín mươi chín'],
  ])('%i → %s', (n, words) => {
    expect(numberToVietnamese(n)).toBe(words);
  });

  it.each([-1, 1.5, 100_000, Number.NaN])('refuses %s', (n) => {
    expect(() => numberToVietnamese(n)).toThrow(RangeError);
  });
});

const UNIT: Record<string, number> = {
  không: 0,
  một: 1,
  mốt: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  lăm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
};

/** An independent reader of Vietnamese number words, strict about what may follow what. */
function parseVietnamese(text: string): number {
  const words = text.split(' ');
  let i = 0;
  const peek = () => words[i];
  const unit = (): number => {
    const w = words[i++];
    const v = w === undefined ? undefined : UNIT[w];
    if (v === undefined) throw new Error(`expected a digit at ${i - 1} in "${text}"`);
    return v;
  };
  // 0–99, or "linh" + unit when a hundreds word came before.
  const below100 = (): number => {
    if (peek() === 'linh') {
      i++;
      return unit();
    }
    if (peek() === 'mười') {
      i++;
      return i < words.length && peek() !== 'nghìn' ? 10 + unit() : 10;
    }
    const tens = unit();
    if (peek() !== 'mươi') return tens;
    i++;
    return i < words.length && peek() !== 'nghìn' ? tens * 10 + unit() : tens * 10;
  };
  const below1000 = (): number => {
    if (words[i + 1] === 'trăm') {
      const h = unit();
      i++;
      return h * 100 + (i < words.length ? below100() : 0);
    }
    return below100();
  };
  let value = below1000();
  if (peek() === 'nghìn') {
    i++;
    value = value * 1000 + (i < words.length ? below1000() : 0);
  }
  if (i !== words.length) throw new Error(`trailing words in "${text}"`);
  return value;
}

/** Structural rules a reading must follow; returns what is wrong with it. */
function ruleBreaks(words: readonly string[], vocabulary: ReadonlySet<string>): string[] {
  const breaks: string[] = [];
  for (const [k, w] of words.entries()) {
    const before = words[k - 1];
    if (!vocabulary.has(w)) breaks.push(`"${w}" is not a number word`);
    if (w === 'lăm' && before !== 'mười' && before !== 'mươi') breaks.push('lăm after ' + before);
    if (w === 'mốt' && before !== 'mươi') breaks.push('mốt after ' + before);
    if (w === 'tư' && before !== 'mươi' && before !== 'linh') breaks.push('tư after ' + before);
    if (w === 'linh' && before !== 'trăm') breaks.push('linh after ' + before);
    if (w === 'mươi' && (before === undefined || before === 'một' || before === 'không')) {
      breaks.push('mươi after ' + before);
    }
  }
  const text = words.join(' ');
  for (const bad of ['mươi một', 'mười năm', 'mươi năm', 'mươi bốn', 'linh bốn']) {
    if (text.includes(bad)) breaks.push(bad);
  }
  if (words.length > 1 && words[0] === 'không') breaks.push('leading không');
  return breaks;
}

describe('number words, swept', () => {
  const vocabulary = new Set<string>(NUMBER_WORDS);

  it('follows the structural rules for 0–9999', () => {
    const failures: string[] = [];
    for (let n = 0; n <= 9999; n++) {
      const words = numberWords(n);
      for (const b of ruleBreaks(words, vocabulary))
        failures.push(`${n} "${words.join(' ')}": ${b}`);
      if (n % 1000 === 0 && n > 0 && words.includes('không')) failures.push(`${n}: không`);
    }
    expect(failures).toEqual([]);
  });

  it('reads back to the same number for 0–99 999', () => {
    const failures: string[] = [];
    for (let n = 0; n <= 99_999; n++) {
      const text = numberToVietnamese(n);
      let back: number | string;
      try {
        back = parseVietnamese(text);
      } catch (error) {
        back = String(error);
      }
      if (back !== n) failures.push(`${n} "${text}" → ${back}`);
      if (ruleBreaks(text.split(' '), vocabulary).length > 0) failures.push(`${n} "${text}"`);
    }
    expect(failures).toEqual([]);
  });

  it('says "không trăm" exactly when a thousands part precedes a non-zero group under 100', () => {
    const failures: number[] = [];
    for (let n = 0; n <= 99_999; n++) {
      const expected = n >= 1000 && n % 1000 > 0 && n % 1000 < 100;
      if (numberToVietnamese(n).includes('không trăm') !== expected) failures.push(n);
    }
    expect(failures).toEqual([]);
  });
});
