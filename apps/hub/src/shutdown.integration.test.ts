import { connect, type Socket } from 'node:net';
import { expect, it } from 'vitest';
import { startTestHub } from '../testing/test-hub.ts';

it('stops at once while a browser holds a connection it has not used yet', async () => {
  const t = await startTestHub();
  // Chromium opens spare connections ahead of need; Node would otherwise keep them for a minute.
  const { port } = new URL(t.url);
  const spare: Socket = connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => spare.once('connect', resolve));
  const dropped = new Promise((resolve) => spare.once('close', resolve));

  const outcome = await Promise.race([
    t.close().then(() => 'stopped'),
    new Promise((resolve) => setTimeout(resolve, 20_000, 'still waiting on the connection')),
  ]);
  expect(outcome).toBe('stopped');
  await dropped;
  expect(spare.destroyed).toBe(true);
});
