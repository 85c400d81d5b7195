import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../testing/test-hub.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ serveApps: true });
});
afterAll(async () => {
  await t.close();
});

it('serves an app route with the app, and a missing file as a 404 (not the app)', async () => {
  const route = await fetch(`${t.url}/display/lobby`);
  expect(route.status).toBe(200);
  expect(await route.text()).toContain('<div id="root">');

  const clip = await fetch(`${t.url}/display/voice/vi/khong-co-that.opus`);
  expect(clip.status).toBe(404);
  const real = await fetch(`${t.url}/display/voice/vi/chime.opus`);
  expect(real.status).toBe(200);
  expect(real.headers.get('content-type')).not.toContain('text/html');
});
