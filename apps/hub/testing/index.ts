// Test harness for browser and integration tests of every app: a real hub on a temporary
// SQLite file, and Chromium. Imported by tests only (apps/*/e2e may import it; see eslint.config.js).
export * from './test-hub.ts';
export * from './browser.ts';
export * from './raw-http.ts';
export * from './staff-api.ts';
export * from './screen-recipe.ts';
export * from './nginx.ts';
export * from './redis.ts';
export * from './postgres.ts';
export * from './pg-node.ts';
export * from './hub-process.ts';
export * from './phone-messages.ts';
export * from './pg-hubs.ts';
export * from './fake-provider.ts';
export * from './push-subscriber.ts';
export * from './id-cards.ts';
export * from './desk.ts';
export * from './api-key-probe.ts';
export * from './webhook-receiver.ts';
