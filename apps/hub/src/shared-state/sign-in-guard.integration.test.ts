// The sign-in guard shared through a real redis-server: the same behaviour as the in-memory
// guard, lock-outs that hold on every node, and no free guessing while Redis is down.
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasRedis, startRedis, type TestRedis } from '../../testing/redis.ts';
import { signInGuardContract } from '../../testing/sign-in-guard-contract.ts';
import type { SignInGuard } from '../sign-in-guard.ts';
import { connectRedis } from './redis-client.ts';
import { createRedisSignInGuard } from './sign-in-guard.ts';

if (!hasRedis)
  console.warn(
    'sign-in guard (Redis): skipped, `redis-server` is not on PATH (apt-get install redis-server)',
  );

const MIN = 60_000;
const options = { perAccount: 3, perAddress: 5, windowMs: 15 * MIN };
const quiet = pino({ level: 'silent' });

/** A log whose lines the test can read. */
function capturedLog() {
  const lines: { level: number; msg: string }[] = [];
  const log = pino(
    { level: 'info' },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { log, lines };
}

describe.skipIf(!hasRedis)('sign-in guard shared through Redis', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  /** A node's connection to the shared Redis. */
  async function node(): Promise<Redis> {
    const client = await connectRedis(redis.url, { log: quiet, name: 'test' });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await redis?.stop();
  });

  describe('behaves as the in-memory guard', () => {
    let client: Redis;
    beforeAll(async () => {
      client = await node();
    });
    beforeEach(async () => {
      await client.flushall();
    });
    signInGuardContract((opts) =>
      createRedisSignInGuard({ redis: client, log: quiet, options: opts }),
    );
  });

  describe('across nodes and outages', () => {
    let a: SignInGuard;
    let b: SignInGuard;
    let logOfA: ReturnType<typeof capturedLog>;
    let logOfB: ReturnType<typeof capturedLog>;
    beforeEach(async () => {
      await redis.restart(); // empty, and up again after the outage test
      logOfA = capturedLog();
      a = createRedisSignInGuard({ redis: await node(), log: logOfA.log, options });
      logOfB = capturedLog();
      b = createRedisSignInGuard({ redis: await node(), log: logOfB.log, options });
    });
    afterEach(async () => {
      await redis.restart();
    });

    it('holds a lock-out earned on one node on the other', async () => {
      for (let i = 0; i < 3; i++) {
        const begun = await a.begin('10.0.0.5', 'cb01', i * MIN);
        if (!begun.ok) throw new Error('refused too early');
        await a.failed(begun.attempt);
      }
      expect(await b.begin('10.0.0.5', 'cb01', 3 * MIN)).toMatchObject({
        ok: false,
        reason: 'locked',
        scope: 'account',
        waitMs: 12 * MIN,
      });
      // One attempt checked at a time across nodes, too.
      const first = await a.begin('10.0.0.6', 'cb01', 0);
      expect(first.ok).toBe(true);
      expect(await b.begin('10.0.0.6', 'cb01', 0)).toEqual({ ok: false, reason: 'busy' });
      // A sign-in on B from an address makes it known on A.
      const ok = await b.begin('10.0.0.7', 'cb02', 0);
      if (!ok.ok) throw new Error('refused');
      await b.succeeded(ok.attempt);
      expect(await a.isKnown('10.0.0.7', MIN)).toBe(true);
    });

    it('counts in the node’s memory while Redis is down, and says so in the log', async () => {
      await redis.stop();
      await b.waitMs('10.0.0.9', 'cb09', 0); // B notices the outage too
      const refusals = [];
      for (let i = 0; i < 5; i++) {
        const begun = await a.begin('10.0.0.5', 'cb01', i);
        if (begun.ok) await a.failed(begun.attempt);
        else refusals.push(begun);
      }
      // Three guesses were checked; the rest were refused, Redis or not.
      expect(refusals).toHaveLength(2);
      expect(refusals[0]).toMatchObject({ reason: 'locked', scope: 'account' });
      const errors = logOfA.lines.filter((l) => l.level >= 50);
      expect(errors.map((l) => l.msg)).toEqual([
        'sign-in guard: Redis unavailable; counting failed sign-ins in this node’s memory',
      ]);

      await redis.restart();
      // Redis back (and empty): both nodes count there again (A says so), and share it again.
      const back = async (guard: SignInGuard, log: ReturnType<typeof capturedLog>) =>
        expect
          .poll(
            async () => {
              await guard.waitMs('10.0.0.9', 'cb09', 0);
              return log.lines.some((l) => l.msg.includes('Redis answers again'));
            },
            { timeout: 20_000 },
          )
          .toBe(true);
      await back(a, logOfA);
      await back(b, logOfB);
      expect((await b.begin('10.0.0.9', 'cb09', 0)).ok).toBe(true);
      expect(await a.begin('10.0.0.9', 'cb09', 0)).toEqual({ ok: false, reason: 'busy' });
    });
  });
});
