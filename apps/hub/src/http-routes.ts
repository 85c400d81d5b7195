import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { loginRequestSchema, type LoginResult } from '@luot/protocol';
import {
  hashSecret,
  newSecret,
  PASSWORD_HASHING_BUSY_VI,
  PasswordHashingBusy,
  verifyPassword,
} from './auth.ts';
import type { Clock } from './clock.ts';
import type { Store } from './store.ts';
import { sendFailure } from './http-errors.ts';
import { resolveCredential } from './identity.ts';
import type { QueueService } from './queue-service.ts';
import { createSignInAudit } from './sign-in-audit.ts';
import { createSignInGuard, type SignInGuardOptions } from './sign-in-guard.ts';

/** What a sign-in refused by the guard or the hashing cap says, in Vietnamese. */
export const SIGN_IN_MESSAGES_VI = {
  lockedMinutes: (minutes: number) =>
    `Sai mật khẩu quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
  inProgress:
    'Đang kiểm tra một lần đăng nhập khác của tài khoản này từ máy này. Vui lòng đợi giây lát rồi thử lại.',
  busy: PASSWORD_HASHING_BUSY_VI,
};

/** Seconds a client is told to wait (Retry-After) when the hashing cap is full. */
const BUSY_RETRY_AFTER_S = 1;

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : null;
}

/** HTTP endpoints: health, sign-in and sign-out of people, and the public facts a sign-in screen needs. */
export function registerHttpRoutes(
  app: FastifyInstance,
  deps: {
    store: Store;
    queue: QueueService;
    clock: Clock;
    sessionTtlMs: number;
    startedAt: number;
    connections: () => number;
    onSignOut: (tokenHash: string) => void;
    signInGuard: SignInGuardOptions;
    log: Logger;
  },
) {
  const { store, queue, clock } = deps;
  const guard = createSignInGuard(deps.signInGuard);
  const M = SIGN_IN_MESSAGES_VI;
  const audit = createSignInAudit({ store, log: deps.log, clock });

  app.get('/healthz', async () => {
    const { state, seq } = await queue.durable();
    return {
      ok: true,
      day: state.day,
      seq,
      uptimeSeconds: Math.round((clock.now() - deps.startedAt) / 1000),
      connections: deps.connections(),
      memoryMb: memoryMb(),
    };
  });

  app.get('/api/site', async () => {
    const config = (await queue.durable()).state.config;
    return {
      ok: true,
      data: {
        name: config.site.name,
        counters: config.counters.map(({ id, number, name }) => ({ id, number, name })),
        fields: config.fields.map(({ id, name }) => ({ id, name })),
      },
    };
  });

  app.post('/api/login', async (request, reply) => {
    const parsed = loginRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendFailure(reply, 'BAD_REQUEST');
    const { username, password, counterId } = parsed.data;
    const address = request.ip;
    // The attempt counts (as a failure) before its password is checked; see sign-in-guard.ts.
    const begun = guard.begin(address, username, clock.now());
    if (!begun.ok) {
      if (begun.reason === 'busy') {
        void reply.header('retry-after', '1');
        return sendFailure(reply, 'RATE_LIMITED', M.inProgress);
      }
      if (begun.newLock) {
        const known = begun.scope === 'account' && (await store.findUser(username)) !== null;
        await audit.lockedOut(known ? username : null, address, begun.scope, begun.waitMs);
      }
      void reply.header('retry-after', String(Math.ceil(begun.waitMs / 1000)));
      return sendFailure(reply, 'RATE_LIMITED', M.lockedMinutes(Math.ceil(begun.waitMs / 60_000)));
    }
    const { attempt } = begun;
    let user: Awaited<ReturnType<Store['findUser']>>;
    let valid: boolean;
    try {
      user = await store.findUser(username);
      // Hash even for unknown users, so timing does not tell which usernames exist.
      valid = await verifyPassword(password, user?.passwordHash ?? 'scrypt$16384$8$1$AAAA$AAAA', {
        priority: guard.isKnown(address, attempt.at),
      });
    } catch (err) {
      // Not checked after all: the attempt does not count.
      guard.withdrawn(attempt);
      if (!(err instanceof PasswordHashingBusy)) throw err;
      await audit.hashBusy(address);
      void reply.header('retry-after', String(BUSY_RETRY_AFTER_S));
      return sendFailure(reply, 'UNAVAILABLE', M.busy);
    }
    if (!user || !valid || user.disabled) {
      guard.failed(attempt);
      await audit.failed(user ? user.username : null, address);
      return sendFailure(reply, 'UNAUTHENTICATED');
    }
    guard.succeeded(attempt);
    let counter: string | null = null;
    if (user.role === 'clerk') {
      if (!counterId) return sendFailure(reply, 'BAD_REQUEST');
      const result = await queue.execute(
        { type: 'openCounter', counterId, clerkId: user.username },
        { actor: `user:${user.username}` },
      );
      if (!result.ok) return sendFailure(reply, result.error.code);
      counter = counterId;
    }
    const token = newSecret('ses');
    await store.createSession(
      hashSecret(token),
      user.username,
      counter,
      clock.now(),
      deps.sessionTtlMs,
    );
    const body: LoginResult = {
      token,
      user: { username: user.username, name: user.name, role: user.role },
      counterId: counter,
    };
    await audit.signedIn(user.username, address);
    return { ok: true, data: body };
  });

  app.post('/api/logout', async (request, reply) => {
    const token = bearer(request);
    const credential = token ? await resolveCredential(store, clock, token) : null;
    if (!credential || credential.kind !== 'session') return sendFailure(reply, 'UNAUTHENTICATED');
    const identity = credential.identity;
    if (identity.role === 'clerk') {
      const result = await queue.execute(
        { type: 'closeCounter', counterId: identity.counterId, clerkId: identity.username },
        { actor: `user:${identity.username}` },
      );
      if (!result.ok) return sendFailure(reply, result.error.code);
    }
    await store.endSession(credential.tokenHash, clock.now());
    deps.onSignOut(credential.tokenHash);
    if ('username' in identity) await audit.signedOut(identity.username, request.ip);
    return { ok: true, data: { signedOut: true } };
  });
}

/** The process's memory in MB: resident, the JavaScript heap (used of reserved), and outside it. */
function memoryMb() {
  const m = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 104_857.6) / 10;
  return {
    rss: mb(m.rss),
    heapUsed: mb(m.heapUsed),
    heapTotal: mb(m.heapTotal),
    external: mb(m.external),
  };
}
