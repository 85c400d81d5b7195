import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  attemptId,
  createMemorySignInGuard,
  DEFAULT_SIGN_IN_GUARD,
  KNOWN_FOR_MS,
  type SignInAttempt,
  type SignInBegin,
  type SignInGuard,
  type SignInGuardOptions,
} from '../sign-in-guard.ts';
import { withFallback } from './fallback.ts';
import { luaScript } from './lua.ts';

/** An attempt's "being checked" mark outlives a node that died while checking it by this much. */
const BUSY_TTL_MS = 30_000;

/** Drops failures that left the window; the wait an address has before its next try at a key. */
const WINDOW = `
local now = tonumber(ARGV[1])
local win = tonumber(ARGV[2])
local function waitFor(key, limit)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - win)
  local n = redis.call('ZCARD', key)
  if n < limit then return 0 end
  local oldest = redis.call('ZRANGE', key, n - limit, n - limit, 'WITHSCORES')
  return tonumber(oldest[2]) + win - now
end
local accountWait = waitFor(KEYS[1], tonumber(ARGV[3]))
local addressWait = waitFor(KEYS[2], tonumber(ARGV[4]))
`;

/** KEYS: account failures, address failures. ARGV: now, window, perAccount, perAddress. */
const waitScript = luaScript(`${WINDOW}
return math.max(accountWait, addressWait)`);

/**
 * The same decision as the in-memory guard's \`begin\`, atomically.
 * KEYS: account failures, address failures, busy mark, account lock, address lock.
 * ARGV: now, window, perAccount, perAddress, member, busy ttl.
 */
const beginScript = luaScript(`${WINDOW}
if accountWait > 0 or addressWait > 0 then
  local scope, wait, lock = 'account', accountWait, KEYS[4]
  if addressWait >= accountWait then scope, wait, lock = 'address', addressWait, KEYS[5] end
  local reported = redis.call('GET', lock)
  local fresh = 1
  local untilAt = now + wait
  if reported then
    reported = tonumber(reported)
    if reported > now then fresh = 0 end
    if reported > untilAt then untilAt = reported end
  end
  redis.call('SET', lock, untilAt, 'PX', untilAt - now)
  return {'locked', wait, scope, fresh}
end
if not redis.call('SET', KEYS[3], ARGV[5], 'NX', 'PX', ARGV[6]) then return {'busy'} end
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('PEXPIRE', KEYS[1], win)
redis.call('ZADD', KEYS[2], now, ARGV[5])
redis.call('PEXPIRE', KEYS[2], win)
return {'ok'}`);

/**
 * The sign-in guard of several hub nodes: the same rules as `createSignInGuard`, its counts in
 * Redis (sorted sets of failure times with TTLs, decided by one Lua script per attempt), so a
 * lock-out earned on one node holds on every node. Keys are grouped by address (`{address}`),
 * so a Redis Cluster keeps each script's keys on one shard.
 *
 * When Redis does not answer, the guard counts in this node's memory (logged once per outage):
 * guessing is still limited per node, never let through. Addresses someone signed in from are
 * kept in memory too, so the hashing slots kept for them still work during an outage.
 */
export function createRedisSignInGuard(deps: {
  redis: Redis;
  log: Logger;
  options?: SignInGuardOptions;
}): SignInGuard {
  const { redis, log } = deps;
  const options = deps.options ?? DEFAULT_SIGN_IN_GUARD;
  const memory = createMemorySignInGuard(options);
  /** Attempts begun in memory (during an outage) are finished there too. */
  const inMemory = new WeakSet<SignInAttempt>();

  const keys = (address: string, username: string) => {
    const base = `luot:signin:{${address}}`;
    const user = username.toLowerCase();
    return {
      account: `${base}:fail:${user}`,
      address: `${base}:fail`,
      busy: `${base}:busy:${user}`,
      accountLock: `${base}:lock:${user}`,
      addressLock: `${base}:lock`,
      known: `${base}:known`,
    };
  };
  const member = (attempt: SignInAttempt) => `${attempt.at}:${attempt.id}`;
  const windowArgs = (now: number) => [
    now,
    options.windowMs,
    options.perAccount,
    options.perAddress,
  ];

  const shared = withFallback(
    log,
    'sign-in guard',
    'counting failed sign-ins in this node’s memory',
  );

  /** Finishes an attempt counted in Redis; if Redis is gone, its marks expire by themselves. */
  async function finish(attempt: SignInAttempt, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (err) {
      log.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'sign-in guard: could not record an attempt’s outcome in Redis',
      );
    }
  }

  return {
    waitMs(address, username, now) {
      const k = keys(address, username);
      return shared(
        async () => Number(await waitScript(redis, [k.account, k.address], windowArgs(now))),
        () => memory.waitMs(address, username, now),
      );
    },
    begin(address, username, now) {
      const k = keys(address, username);
      const id = attemptId();
      return shared(
        async (): Promise<SignInBegin> => {
          const reply = (await beginScript(
            redis,
            [k.account, k.address, k.busy, k.accountLock, k.addressLock],
            [...windowArgs(now), `${now}:${id}`, BUSY_TTL_MS],
          )) as [string, number?, string?, number?];
          if (reply[0] === 'busy') return { ok: false, reason: 'busy' };
          if (reply[0] === 'locked')
            return {
              ok: false,
              reason: 'locked',
              waitMs: Number(reply[1]),
              scope: reply[2] === 'account' ? 'account' : 'address',
              newLock: reply[3] === 1,
            };
          return { ok: true, attempt: { address, username, at: now, id } };
        },
        () => {
          const begun = memory.begin(address, username, now);
          if (begun.ok) inMemory.add(begun.attempt);
          return begun;
        },
      );
    },
    async failed(attempt) {
      if (inMemory.has(attempt)) return memory.failed(attempt);
      const k = keys(attempt.address, attempt.username);
      await finish(attempt, () => redis.del(k.busy));
    },
    isKnown(address, now) {
      return shared(
        async () => {
          const at = await redis.get(keys(address, '').known);
          return at !== null && now - Number(at) < KNOWN_FOR_MS;
        },
        () => memory.isKnown(address, now),
      );
    },
    async succeeded(attempt) {
      if (inMemory.has(attempt)) return memory.succeeded(attempt);
      // Known in memory as well, for an outage to come (see above); no failure is counted there.
      memory.succeeded(attempt);
      const k = keys(attempt.address, attempt.username);
      await finish(attempt, () =>
        redis
          .multi()
          .set(k.known, String(attempt.at), 'PX', KNOWN_FOR_MS)
          .del(k.busy, k.account, k.accountLock)
          .zrem(k.address, member(attempt))
          .exec(),
      );
    },
    async withdrawn(attempt) {
      if (inMemory.has(attempt)) return memory.withdrawn(attempt);
      const k = keys(attempt.address, attempt.username);
      await finish(attempt, () =>
        redis
          .multi()
          .del(k.busy)
          .zrem(k.account, member(attempt))
          .zrem(k.address, member(attempt))
          .exec(),
      );
    },
  };
}
