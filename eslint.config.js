// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Forbids imports that would make a dependency point the wrong way (see STYLE.md). */
const boundary = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: patterns.map((group) => ({ group: [group], message })) },
    ],
  },
});

const appNames = ['hub', 'kiosk', 'counter', 'display', 'admin'];
const packageNames = [
  'domain',
  'protocol',
  'hub-client',
  'ui',
  'printing',
  'voice',
  'test-support',
];
const otherApps = (app) =>
  appNames.filter((a) => a !== app).flatMap((a) => [`@luot/${a}`, `**/apps/${a}/**`]);
const otherThan = (...allowed) =>
  [...appNames, ...packageNames].map((n) => `@luot/${n}`).filter((n) => !allowed.includes(n));

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      'bench/results/**',
      'docs/**',
      '.tmp/**',
      'release/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  boundary(
    ['packages/domain/**'],
    ['@luot/*', 'node:*', 'better-sqlite3', 'socket.io*', 'react*', 'electron'],
    'packages/domain is pure queue rules: no IO, no other @luot package.',
  ),
  boundary(
    ['packages/protocol/**'],
    [...otherThan('@luot/domain'), 'better-sqlite3', 'react*', 'electron'],
    'packages/protocol may depend on @luot/domain only.',
  ),
  boundary(
    ['packages/test-support/**'],
    ['@luot/*', 'better-sqlite3'],
    'packages/test-support is small pure helpers for tests, bench and simulator: no other @luot package.',
  ),
  boundary(
    ['packages/hub-client/**', 'packages/ui/**', 'packages/printing/**', 'packages/voice/**'],
    [...appNames.map((a) => `@luot/${a}`), 'better-sqlite3'],
    'Shared packages never import apps or the database.',
  ),
  {
    // The lobby display runs @luot/voice in the browser: Node APIs only in its tests.
    ...boundary(
      ['packages/voice/src/**'],
      [...appNames.map((a) => `@luot/${a}`), 'better-sqlite3', 'node:*'],
      'packages/voice runs in the browser: no Node APIs outside tests.',
    ),
    ignores: ['**/*.test.ts'],
  },
  {
    files: ['packages/voice/src/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name,
          message: 'packages/voice runs in the browser: no Node globals outside tests.',
        })),
      ],
    },
  },
  ...appNames.map((app) =>
    boundary(
      [`apps/${app}/**`],
      [...otherApps(app), 'better-sqlite3'],
      'Apps never import each other, and only apps/hub/src/db/ touches SQLite.',
    ),
  ),
  // Browser tests start a real hub through its test harness; nothing else crosses apps.
  boundary(
    ['apps/*/e2e/**'],
    [
      ...appNames.filter((a) => a !== 'hub').map((a) => `@luot/${a}`),
      '**/apps/*/src/**',
      'better-sqlite3',
    ],
    'Browser tests drive the built app through Chromium and may import only @luot/hub/testing.',
  ),
  {
    files: ['apps/hub/src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...otherApps('hub').map((group) => ({
              group: [group],
              message: 'Apps never import each other; share code through packages/.',
            })),
            {
              group: ['@luot/domain'],
              importNames: [
                'decide',
                'decideEvents',
                'canDecide',
                'evolve',
                'evolveAll',
                'evolveOwned',
              ],
              message:
                'The store writes what the queue service hands it; the queue rules stay out of persistence.',
            },
          ],
        },
      ],
    },
  },
  {
    // A second rule name, so this adds to the boundaries above instead of replacing them.
    files: ['apps/*/src/**', 'packages/*/src/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@luot/test-support',
                '@luot/hub/testing',
                '@luot/hub/bench',
                '**/testing/*',
                '**/bench/*',
              ],
              message: 'Production code never imports test, bench or simulator support.',
            },
          ],
        },
      ],
    },
  },
);
