import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import {
  loginRequestSchema,
  passwordChangeSchema,
  sessionSiteSchema,
  type SiteSummary,
  type LoginResult,
  type SessionInfo,
  type UserRole,
} from '@luot/protocol';
import { deskById } from '@luot/domain';
import { ADMIN_MESSAGES_VI } from './admin/messages-vi.ts';
import {
  hashPassword,
  hashSecret,
  newSecret,
  PASSWORD_HASHING_BUSY_VI,
  PasswordHashingBusy,
  verifyPassword,
} from './auth.ts';
import type { Clock } from './clock.ts';
import type { ProvinceStore } from './store.ts';
import type { Site, Sites } from './sites.ts';
import { sendFailure } from './http-errors.ts';
import { belongsTo, resolveCredential, sitesOf } from './identity.ts';
import { clearSessionCookie, requestToken, setSessionCookie } from './session-cookie.ts';
import { createSignInAudit, type SignInAudit } from './sign-in-audit.ts';
import {
  createSignInGuard,
  type SignInAttempt,
  type SignInGuard,
  type SignInGuardOptions,
} from './sign-in-guard.ts';
import { requireSession } from './staff-auth.ts';
import type { UserRow } from './store.ts';

/** What a sign-in refused by the guard or the hashing cap says, in Vietnamese. */
export const SIGN_IN_MESSAGES_VI = {
  lockedMinutes: (minutes: number) =>
    `Sai mật khẩu quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
  inProgress:
    'Đang kiểm tra một lần đăng nhập khác của tài khoản này từ máy này. Vui lòng đợi giây lát rồi thử lại.',
  busy: PASSWORD_HASHING_BUSY_VI,
  guideNeedsDesk: 'Tài khoản hướng dẫn cần chọn bàn hướng dẫn khi đăng nhập.',
  deskOnlyForGuides: 'Chỉ tài khoản hướng dẫn mới đăng nhập tại bàn hướng dẫn.',
  counterNotForGuides: 'Tài khoản hướng dẫn đăng nhập tại bàn hướng dẫn, không tại quầy.',
  unknownDesk: 'Bàn hướng dẫn này không có trong cấu hình của điểm phục vụ.',
};

/**
 * Why a sign-in names the wrong kind of place, or null: a guide signs in at a desk (and at no
 * counter), a clerk at a counter, and nobody else at a desk.
 */
function placeRefusal(
  role: UserRole,
  counterId: string | undefined,
  deskId: string | undefined,
): string | null {
  const M = SIGN_IN_MESSAGES_VI;
  if (role === 'guide') {
    if (counterId) return M.counterNotForGuides;
    return deskId ? null : M.guideNeedsDesk;
  }
  return deskId ? M.deskOnlyForGuides : null;
}

/** Seconds a client is told to wait (Retry-After) when the hashing cap is full. */
const BUSY_RETRY_AFTER_S = 1;

/** A password checked under the guard, or the refusal already answered. */
type Checked =
  { answered: FastifyReply } | { user: UserRow | null; valid: boolean; attempt: SignInAttempt };

/** HTTP endpoints: health, sign-in and sign-out of people, and the public facts a sign-in screen needs. */
export function registerHttpRoutes(
  app: FastifyInstance,
  deps: {
    province: ProvinceStore;
    sites: Sites;
    clock: Clock;
    sessionTtlMs: number;
    sessionIdleMs: number;
    startedAt: number;
    connections: () => number;
    onSignOut: (tokenHash: string) => void;
    /** Drops the sockets of a person's other sessions (their password changed). */
    disconnectUser: (username: string, keepTokenHash?: string) => void;
    signInGuard: SignInGuardOptions;
    /** A guard shared by several nodes (shared-state/); one in this node's memory otherwise. */
    guard?: SignInGuard;
    log: Logger;
  },
) {
  const { province, sites, clock } = deps;
  const guard = deps.guard ?? createSignInGuard(deps.signInGuard);
  const M = SIGN_IN_MESSAGES_VI;
  /** Sign-ins are written to the audit trail of the site they were made at. */
  const audits = new Map<string, SignInAudit>();
  const auditAt = (site: Site): SignInAudit => {
    let audit = audits.get(site.id);
    if (!audit) {
      audit = createSignInAudit({ store: site.store, log: deps.log, clock });
      audits.set(site.id, audit);
    }
    return audit;
  };
  /** The site a request names (`?site=`, a sign-in's `siteId`), else the deployment's first. */
  const siteNamed = (id: unknown): Site | undefined =>
    typeof id === 'string' ? sites.get(id) : sites.all()[0];

  app.get('/healthz', async () => {
    const first = sites.all()[0]!;
    const { state, seq } = await first.queue.durable();
    return {
      ok: true,
      day: state.day,
      seq,
      sites: sites.all().length,
      uptimeSeconds: Math.round((clock.now() - deps.startedAt) / 1000),
      connections: deps.connections(),
      memoryMb: memoryMb(),
    };
  });

  /** What a sign-in screen shows of a site (`?site=<id>`; the first site without one). */
  app.get('/api/site', async (request, reply) => {
    const site = siteNamed((request.query as { site?: unknown }).site);
    if (!site) return sendFailure(reply, 'NOT_FOUND');
    const config = (await site.queue.durable()).state.config;
    return {
      ok: true,
      data: {
        id: site.id,
        name: config.site.name,
        counters: config.counters.map(({ id, number, name }) => ({ id, number, name })),
        fields: config.fields.map(({ id, name }) => ({ id, name })),
        // Names only: a desk's printer address is nobody's business on a sign-in screen.
        desks: config.desks.map(({ id, name }) => ({ id, name })),
      },
    };
  });

  /**
   * Checks a person's password under the sign-in guard: the attempt counts (as a failure)
   * before its hash, one at a time per address and username, and a full hashing cap answers
   * 503 at once. The caller then records the outcome with `guard.failed` / `guard.succeeded`.
   */
  async function checkPassword(
    request: FastifyRequest,
    reply: FastifyReply,
    site: Site,
    username: string,
    password: string,
  ): Promise<Checked> {
    const audit = auditAt(site);
    const address = request.ip;
    const begun = await guard.begin(address, username, clock.now());
    if (!begun.ok) {
      if (begun.reason === 'busy') {
        void reply.header('retry-after', '1');
        return { answered: sendFailure(reply, 'RATE_LIMITED', M.inProgress) };
      }
      if (begun.newLock) {
        const known = begun.scope === 'account' && (await province.findUser(username)) !== null;
        await audit.lockedOut(known ? username : null, address, begun.scope, begun.waitMs);
      }
      void reply.header('retry-after', String(Math.ceil(begun.waitMs / 1000)));
      const minutes = Math.ceil(begun.waitMs / 60_000);
      return { answered: sendFailure(reply, 'RATE_LIMITED', M.lockedMinutes(minutes)) };
    }
    const { attempt } = begun;
    try {
      const user = await province.findUser(username);
      // Hash even for unknown users, so timing does not tell which usernames exist.
      const valid = await verifyPassword(
        password,
        user?.passwordHash ?? 'scrypt$16384$8$1$AAAA$AAAA',
        { priority: await guard.isKnown(address, attempt.at) },
      );
      return { user, valid, attempt };
    } catch (err) {
      // Not checked after all: the attempt does not count.
      await guard.withdrawn(attempt);
      if (!(err instanceof PasswordHashingBusy)) throw err;
      await audit.hashBusy(address);
      void reply.header('retry-after', String(BUSY_RETRY_AFTER_S));
      return { answered: sendFailure(reply, 'UNAVAILABLE', M.busy) };
    }
  }

  app.post('/api/login', async (request, reply) => {
    const parsed = loginRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendFailure(reply, 'BAD_REQUEST');
    const { username, password, counterId, deskId, bearer } = parsed.data;
    const address = request.ip;
    // The site asked for; a person who names none works at their first (or the deployment's).
    const named = parsed.data.siteId ? sites.get(parsed.data.siteId) : undefined;
    if (parsed.data.siteId && !named) return sendFailure(reply, 'NOT_FOUND');
    const checked = await checkPassword(
      request,
      reply,
      named ?? sites.all()[0]!,
      username,
      password,
    );
    if ('answered' in checked) return checked.answered;
    const { user, valid, attempt } = checked;
    const site = named ?? (user ? sites.get(user.sites?.[0] ?? '') : undefined) ?? sites.all()[0]!;
    const audit = auditAt(site);
    if (!user || !valid || user.disabled) {
      await guard.failed(attempt);
      await audit.failed(user ? user.username : null, address);
      return sendFailure(reply, 'UNAUTHENTICATED');
    }
    await guard.succeeded(attempt);
    // The right password at a site the person does not work at signs in nowhere.
    if (!belongsTo(user.sites, site.id)) return sendFailure(reply, 'FORBIDDEN');
    // A clerk works at a counter, a guide at a desk; nobody names the other's place.
    const place = placeRefusal(user.role, counterId, deskId);
    if (place) return sendFailure(reply, 'BAD_REQUEST', place);
    if (deskId && !deskById(site.queue.live.config, deskId))
      return sendFailure(reply, 'NOT_FOUND', M.unknownDesk);
    let counter: string | null = deskId ?? null;
    if (user.role === 'clerk') {
      if (!counterId) return sendFailure(reply, 'BAD_REQUEST');
      const result = await site.queue.execute(
        { type: 'openCounter', counterId, clerkId: user.username },
        { actor: `user:${user.username}` },
      );
      if (!result.ok) return sendFailure(reply, result.error.code);
      counter = counterId;
    }
    const token = newSecret('ses');
    await province.createSession(
      {
        tokenHash: hashSecret(token),
        id: randomBytes(12).toString('hex'),
        username: user.username,
        siteId: site.id,
        counterId: counter,
        ttlMs: deps.sessionTtlMs,
        address,
        userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
      },
      clock.now(),
    );
    await audit.signedIn(user.username, address);
    const info: SessionInfo = {
      user: { username: user.username, name: user.name, role: user.role },
      counterId: user.role === 'clerk' ? counter : null,
      deskId: user.role === 'guide' ? counter : null,
      siteId: site.id,
      sites: user.sites,
    };
    // A browser app gets the session only as an HttpOnly cookie; a client that asks for a
    // bearer token (scripts, the test harness, the bench) gets it in the answer instead.
    if (bearer) return { ok: true, data: { ...info, token } satisfies LoginResult };
    setSessionCookie(request, reply, token);
    return { ok: true, data: info satisfies LoginResult };
  });

  /**
   * Who the request's session is: lets the counter and admin apps resume after a reload.
   * No session at all is an answer (`data: null`), not an error, so a fresh browser's sign-in
   * page logs none; a session that ended answers 401 and its cookie is cleared.
   */
  app.get('/api/session', async (request, reply) => {
    const token = requestToken(request);
    if (!token) return { ok: true, data: null };
    const credential = await resolveCredential(deps, token);
    const identity = credential?.identity;
    if (
      credential?.kind !== 'session' ||
      !identity ||
      (identity.role !== 'clerk' &&
        identity.role !== 'guide' &&
        identity.role !== 'supervisor' &&
        identity.role !== 'admin')
    ) {
      clearSessionCookie(request, reply);
      return sendFailure(reply, 'UNAUTHENTICATED');
    }
    const info: SessionInfo = {
      user: { username: identity.username, name: identity.name, role: identity.role },
      counterId: identity.role === 'clerk' ? identity.counterId : null,
      deskId: identity.role === 'guide' ? identity.deskId : null,
      siteId: identity.siteId,
      sites: sitesOf(credential),
    };
    return { ok: true, data: info };
  });

  /** The sites a signed-in person may work at (a province administrator: every site). */
  app.get('/api/sites', async (request, reply) => {
    const credential = await requireSession(request, reply, deps);
    if (!credential) return reply;
    const mine = sites.all().filter((site) => belongsTo(sitesOf(credential), site.id));
    // Names only: the live state's configuration is enough (no wait for a hundred sites' stores).
    const data: SiteSummary[] = mine.map((site) => ({
      id: site.id,
      name: site.queue.live.config.site.name,
    }));
    return { ok: true, data };
  });

  /**
   * A supervisor or administrator of several sites moves their session to another of theirs;
   * its sockets (opened at the first site) close, and reconnect at the new one. A clerk's
   * session belongs to a counter and stays.
   */
  app.post('/api/session/site', async (request, reply) => {
    const credential = await requireSession(request, reply, deps);
    if (!credential) return reply;
    const parsed = sessionSiteSchema.safeParse(request.body);
    if (!parsed.success) return sendFailure(reply, 'BAD_REQUEST');
    const { identity } = credential;
    if (identity.role !== 'supervisor' && identity.role !== 'admin')
      return sendFailure(reply, 'FORBIDDEN');
    const site = sites.get(parsed.data.siteId);
    if (!site || !belongsTo(sitesOf(credential), site.id)) return sendFailure(reply, 'NOT_FOUND');
    if (site.id !== identity.siteId) {
      if (!(await province.moveSession(credential.tokenHash, site.id, clock.now())))
        return sendFailure(reply, 'UNAUTHENTICATED');
      deps.onSignOut(credential.tokenHash);
    }
    const info: SessionInfo = {
      user: { username: identity.username, name: identity.name, role: identity.role },
      counterId: null,
      deskId: null,
      siteId: site.id,
      sites: sitesOf(credential),
    };
    return { ok: true, data: info };
  });

  /**
   * A signed-in person changes their own password: the current one is checked (under the
   * sign-in guard, so a borrowed session cannot guess it), and every other session of theirs
   * ends at once, sockets included; this one stays.
   */
  app.post('/api/password', async (request, reply) => {
    const credential = await requireSession(request, reply, deps);
    if (!credential) return reply;
    const parsed = passwordChangeSchema.safeParse(request.body);
    if (!parsed.success)
      return sendFailure(reply, 'BAD_REQUEST', ADMIN_MESSAGES_VI.invalidPasswordChange);
    const { currentPassword, newPassword } = parsed.data;
    const identity = credential.identity;
    if (!('username' in identity)) return sendFailure(reply, 'UNAUTHENTICATED');
    const username = identity.username;
    const site = sites.get(identity.siteId);
    if (!site) return sendFailure(reply, 'NOT_FOUND');
    const audit = auditAt(site);
    const checked = await checkPassword(request, reply, site, username, currentPassword);
    if ('answered' in checked) return checked.answered;
    if (!checked.user) {
      await guard.withdrawn(checked.attempt);
      return sendFailure(reply, 'UNAUTHENTICATED');
    }
    if (!checked.valid) {
      await guard.failed(checked.attempt);
      await audit.failed(username, request.ip);
      return sendFailure(reply, 'FORBIDDEN', ADMIN_MESSAGES_VI.wrongPassword);
    }
    await guard.succeeded(checked.attempt);
    if (currentPassword === newPassword)
      return sendFailure(reply, 'BAD_REQUEST', ADMIN_MESSAGES_VI.samePassword);
    const hash = await hashPassword(newPassword);
    await province.setPassword(username, hash, clock.now(), credential.tokenHash);
    deps.disconnectUser(username, credential.tokenHash);
    await site.store.appendAudit({
      at: clock.now(),
      actor: username,
      action: 'password.change',
      target: username,
      detail: {},
    });
    return { ok: true, data: { changed: true } };
  });

  app.post('/api/logout', async (request, reply) => {
    const token = requestToken(request);
    const credential = token ? await resolveCredential(deps, token) : null;
    if (!credential || credential.kind !== 'session') {
      // A browser holding an ended session's cookie forgets it.
      clearSessionCookie(request, reply);
      return sendFailure(reply, 'UNAUTHENTICATED');
    }
    const identity = credential.identity;
    const site = sites.get(identity.siteId);
    if (identity.role === 'clerk' && site) {
      const result = await site.queue.execute(
        { type: 'closeCounter', counterId: identity.counterId, clerkId: identity.username },
        { actor: `user:${identity.username}` },
      );
      if (!result.ok) return sendFailure(reply, result.error.code);
    }
    await province.endSession(credential.tokenHash, clock.now());
    deps.onSignOut(credential.tokenHash);
    if ('username' in identity && site)
      await auditAt(site).signedOut(identity.username, request.ip);
    clearSessionCookie(request, reply);
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
