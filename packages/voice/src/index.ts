export * from './number-words.ts';
export * from './spell.ts';
export * from './clips.ts';
