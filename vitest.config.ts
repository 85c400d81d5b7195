import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.{ts,tsx}',
      'apps/*/src/**/*.test.{ts,tsx}',
      'apps/*/e2e/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', '**/out/**'],
    // Browser tests wait on Chromium, the hub and sockets sharing two cores; none asserts a time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A screen or page catches up when the machine lets it: poll patiently (the default is 1 s,
    // which a loaded CI machine misses on a first page load).
    expect: { poll: { timeout: 10_000 } },
    // Integration and browser tests start servers and Chromium; two cores share them.
    maxWorkers: 2,
  },
});
