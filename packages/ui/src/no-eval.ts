// Imported first by every front end's entry, before any zod schema is built: zod 4 probes
// whether `new Function` is allowed to compile faster parsers, and under the hub's
// Content-Security-Policy (no 'unsafe-eval') that probe is a reported violation. `jitless`
// skips the probe; the interpreted parsers are what zod falls back to anyway.
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };

export {};
