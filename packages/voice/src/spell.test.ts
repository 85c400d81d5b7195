import { describe, expect, it } from 'vitest';
import { LETTER_NAMES, labelToVietnamese, parseLabel, spellDigits } from './spell.ts';

describe('spellDigits', () => {
  it('names each digit', () => {
    expect(spellDigits('1023')).toBe('một không hai ba');
    expect(spellDigits('0459')).toBe('không bốn năm chín');
  });

  it('refuses a non-digit', () => {
    expect(() => spellDigits('1a')).toThrow(TypeError);
  });
});

describe('letters', () => {
  it('names every letter A–Z and Đ', () => {
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'Đ'];
    expect(Object.keys(LETTER_NAMES).sort()).toEqual(letters.sort());
    expect(LETTER_NAMES).toMatchObject({ A: 'a', B: 'bê', C: 'xê', D: 'dê', Đ: 'đê', E: 'e' });
  });
});

describe('labels', () => {
  it.each([
    ['1023', {}, 'một nghìn không trăm hai mươi ba'],
    ['A012', {}, 'a mười hai'],
    ['a012', {}, 'a mười hai'],
    ['B-105', {}, 'bê một trăm linh năm'],
    ['đ7', {}, 'đê bảy'],
    ['A000', {}, 'a không'],
    ['A012', { digitByDigit: true }, 'a không một hai'],
    ['1023', { digitByDigit: true }, 'một không hai ba'],
  ])('%s %o → %s', (label, options, words) => {
    expect(labelToVietnamese(label, options)).toBe(words);
  });

  it('splits letters from digits', () => {
    expect(parseLabel(' LV 08 ')).toEqual({ letters: ['L', 'V'], digits: '08' });
  });

  it.each(['', 'A', '12A', 'A-', 'Ă12', '1 2'])('refuses "%s"', (label) => {
    expect(() => parseLabel(label)).toThrow(TypeError);
  });

  it('reads a long number only digit by digit', () => {
    expect(() => labelToVietnamese('123456')).toThrow(RangeError);
    expect(labelToVietnamese('123456', { digitByDigit: true })).toBe('một hai ba bốn năm sáu');
  });
});
