import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { createJobThread } from './job-thread.ts';

const SCRYPT = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

interface ScryptJob {
  password: string;
  salt: string;
  keyLength: number;
  params: { N: number; r: number; p: number };
}

/**
 * The password thread's code, plain JavaScript so it runs the same under tsx, vitest and the
 * built hub. Its jobs run one at a time with `scryptSync` (answers as in `job-thread.ts`).
 */
const PASSWORD_THREAD = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
parentPort.on('message', ({ id, job: { password, salt, keyLength, params } }) => {
  try {
    const key = scryptSync(password, Buffer.from(salt, 'base64url'), keyLength, params);
    parentPort.postMessage({ id, result: key.toString('base64url') });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message ? err.message : err) });
  }
});
`;

/**
 * Every scrypt of this process runs on one dedicated thread, one at a time. Each scrypt takes a
 * 16 MB block; run on libuv's thread pool, 200 clerks signing in at once left one such block in
 * glibc's arena of every pool thread (≈ 70 MB kept after the rush). One thread keeps at most
 * one. It is kept alive while a job is pending, so a command-line tool waits for its hash.
 */
const passwordThread = createJobThread<ScryptJob, string>({
  spawn: () =>
    new Worker(PASSWORD_THREAD, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
    }),
  inProcess: (job) =>
    new Promise((resolve, reject) =>
      scrypt(
        job.password,
        Buffer.from(job.salt, 'base64url'),
        job.keyLength,
        job.params,
        (err, key) => (err ? reject(err) : resolve(key.toString('base64url'))),
      ),
    ),
  holdWhileBusy: true,
});

/**
 * Raised, at once and without queueing anything, when a hash is asked for while `limit` are
 * already queued or running on the password thread: a flood of guesses from many addresses
 * then gets "busy, try again" instead of making every real sign-in wait behind it.
 */
export class PasswordHashingBusy extends Error {
  constructor(readonly limit: number) {
    super(`${limit} password hashes are already in progress`);
    this.name = 'PasswordHashingBusy';
  }
}

/** What a request refused for `PasswordHashingBusy` says. */
export const PASSWORD_HASHING_BUSY_VI =
  'Máy chủ đang bận kiểm tra mật khẩu của các lần đăng nhập khác. Vui lòng thử lại sau giây lát.';

/** The cap on password hashes queued or running at once in this process; see `setPasswordHashLimit`. */
export const DEFAULT_PASSWORD_HASH_LIMIT = 4;
let hashLimit = DEFAULT_PASSWORD_HASH_LIMIT;
let hashesInFlight = 0;

/**
 * Sets how many password hashes may be queued or running at once (the hub sets it from its
 * options). Every caller of `hashPassword` and `verifyPassword` shares it: sign-in, a password
 * reset, a new account. One scrypt takes ~50–70 ms on the thread, so 4 is a wait of at most
 * ~0.3 s for whoever is let in.
 */
export function setPasswordHashLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error('the hash limit is a whole number ≥ 1');
  hashLimit = limit;
}

/** How many password hashes are queued or running now. */
export function passwordHashesInFlight(): number {
  return hashesInFlight;
}

/**
 * Slots beyond the cap kept for priority hashes: a sign-in from an address where someone signed
 * in before (see `SignInGuard.isKnown`). Guesses from many addresses fill the cap and are
 * refused, but cannot take these, so a clerk at their usual PC still gets in during a flood.
 */
export const PRIORITY_HASH_SLOTS = 2;

/**
 * Hashes waiting for the thread, priority ones first. The thread is handed one at a time, so a
 * priority hash waits only for the one running (~60 ms), not for every guess queued before it.
 */
const waiting: { job: ScryptJob; priority: boolean; done: (p: Promise<string>) => void }[] = [];
let threadBusy = false;

function pump(): void {
  if (threadBusy) return;
  const next = waiting.shift();
  if (!next) return;
  threadBusy = true;
  const running = passwordThread.run(next.job);
  next.done(running);
  void running
    .catch(() => undefined)
    .finally(() => {
      threadBusy = false;
      pump();
    });
}

function schedule(job: ScryptJob, priority: boolean): Promise<string> {
  return new Promise<string>((resolve) => {
    const entry = { job, priority, done: resolve };
    const at = priority ? waiting.findIndex((w) => !w.priority) : -1;
    if (at < 0) waiting.push(entry);
    else waiting.splice(at, 0, entry);
    pump();
  });
}

/** `priority`: may use the slots kept beyond the cap, and goes first (a known address). */
async function runScrypt(job: ScryptJob, priority = false): Promise<Buffer> {
  const limit = priority ? hashLimit + PRIORITY_HASH_SLOTS : hashLimit;
  if (hashesInFlight >= limit) throw new PasswordHashingBusy(hashLimit);
  hashesInFlight++;
  try {
    return Buffer.from(await schedule(job, priority), 'base64url');
  } finally {
    hashesInFlight--;
  }
}

/**
 * A salted scrypt hash of a password, as "scrypt$N$r$p$salt$key" (base64url). Rejects with
 * `PasswordHashingBusy` when the cap is reached.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16).toString('base64url');
  const key = await runScrypt({ password, salt, keyLength: KEY_LENGTH, params: SCRYPT });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt, key.toString('base64url')].join('$');
}

/**
 * Whether a password matches a stored hash; constant-time in the key comparison. Rejects with
 * `PasswordHashingBusy` when the cap is reached.
 */
export async function verifyPassword(
  password: string,
  stored: string,
  options: { priority?: boolean } = {},
): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await runScrypt(
    {
      password,
      salt,
      keyLength: expected.length,
      params: { N: Number(n), r: Number(r), p: Number(p) },
    },
    options.priority,
  );
  return timingSafeEqual(expected, actual);
}

/** A fresh bearer secret: 24 random bytes, base64url, with a readable prefix. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

/** Secrets are stored only as their SHA-256, so a copied database file opens no door. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
