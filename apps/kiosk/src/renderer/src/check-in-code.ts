import { CHECK_IN_CODE, CHECK_IN_CODE_ALPHABET } from '@luot/protocol';

/** The length of a check-in code: the keypad takes no more. */
export const CODE_LENGTH = 6;

/** The keypad's keys: the code alphabet, digits first (codes read aloud start with them as often). */
export const CODE_KEYS: readonly string[] = [
  ...Array.from(CHECK_IN_CODE_ALPHABET).filter((c) => /\d/.test(c)),
  ...Array.from(CHECK_IN_CODE_ALPHABET).filter((c) => !/\d/.test(c)),
];

/**
 * What a key typed on a keyboard adds to the code: the character of the alphabet (lower case
 * taken as upper case), or null for anything else (0, O, 1, I, L are not in it).
 */
export function codeCharacter(key: string): string | null {
  if (key.length !== 1) return null;
  const upper = key.toUpperCase();
  return CHECK_IN_CODE_ALPHABET.includes(upper) ? upper : null;
}

/** The code with one more character, or as it was when it is full. */
export function appendToCode(code: string, character: string): string {
  return code.length >= CODE_LENGTH ? code : code + character;
}

/** Whether the code can be sent: six characters of the alphabet. */
export function codeComplete(code: string): boolean {
  return CHECK_IN_CODE.test(code);
}
