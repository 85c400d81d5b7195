export * from './number-words.ts';
export * from './spell.ts';
export * from './clips.ts';
export * from './announcer.ts';
export * from './audio-element-player.ts';
export * from './prompts.ts';
