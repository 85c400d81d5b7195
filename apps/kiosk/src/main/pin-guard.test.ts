import { expect, it } from 'vitest';
import { createPinGuard } from './pin-guard.ts';

it('locks the settings for a while after five wrong PINs, even for the right one', () => {
  let now = 0;
  const guard = createPinGuard({ now: () => now, lockMs: 60_000 });
  for (let i = 0; i < 5; i++) expect(guard.attempt(() => false)).toBe('wrong-pin');
  expect(guard.attempt(() => true)).toBe('locked');
  now = 60_001;
  expect(guard.attempt(() => true)).toBe('ok');
});

it('forgets wrong attempts after a right PIN', () => {
  const guard = createPinGuard();
  for (let i = 0; i < 4; i++) guard.attempt(() => false);
  expect(guard.attempt(() => true)).toBe('ok');
  for (let i = 0; i < 4; i++) expect(guard.attempt(() => false)).toBe('wrong-pin');
  expect(guard.attempt(() => true)).toBe('ok');
});
