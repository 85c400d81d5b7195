import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { reloadOnCrash } from './crash-recovery.ts';
import { fakeWebContents } from './fake-web-contents.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const crash = (contents: ReturnType<typeof fakeWebContents>, reason = 'crashed') =>
  contents.emit('render-process-gone', {}, { reason, exitCode: 139 });

it('reloads the screen after its renderer crashes, backing off when it keeps crashing', () => {
  const contents = fakeWebContents();
  const logged: string[] = [];
  reloadOnCrash(contents, { log: (m) => logged.push(m), now: () => Date.now() });
  crash(contents);
  vi.advanceTimersByTime(999);
  expect(contents.reloads).toBe(0);
  vi.advanceTimersByTime(1);
  expect(contents.reloads).toBe(1);
  crash(contents, 'oom');
  vi.advanceTimersByTime(1999);
  expect(contents.reloads).toBe(1);
  vi.advanceTimersByTime(1);
  expect(contents.reloads).toBe(2);
  expect(logged[1]).toMatch(/oom.*2000 ms/);
});

it('reloads a hung screen, but not one that exited cleanly or was destroyed', () => {
  const contents = fakeWebContents();
  reloadOnCrash(contents);
  crash(contents, 'clean-exit');
  vi.advanceTimersByTime(60_000);
  expect(contents.reloads).toBe(0);
  contents.emit('unresponsive');
  contents.emit('unresponsive');
  vi.advanceTimersByTime(1000);
  expect(contents.reloads).toBe(1);
  crash(contents);
  contents.destroyed = true;
  vi.advanceTimersByTime(60_000);
  expect(contents.reloads).toBe(1);
});
