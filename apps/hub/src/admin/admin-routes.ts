import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { siteConfigSchema, type SiteConfig } from '@luot/domain';
import {
  configIssueVi,
  configUpdateSchema,
  devicePairSchema,
  HTTP_STATUS,
  isProvinceAdmin,
  passwordResetSchema,
  sessionIdSchema,
  userCreateSchema,
  userDisabledSchema,
  type AdminDevice,
  type AdminSession,
  type AdminUser,
  type ConfigRefusal,
  type DeviceKind,
  type PairedDevice,
} from '@luot/protocol';
import { hashPassword } from '../auth.ts';
import type { Clock } from '../clock.ts';
import type { DeviceRow, ProvinceStore, Store } from '../store.ts';
import type { Site, Sites } from '../sites.ts';
import { belongsTo } from '../identity.ts';
import { sendFailure } from '../http-errors.ts';
import { addUser, pairDevice } from '../setup.ts';
import { requireStaff, type Staff } from '../staff-auth.ts';
import { playlistIssues } from '../media/playlist-check.ts';
import { configChanges } from './config-diff.ts';
import { ADMIN_MESSAGES_VI, domainConfigRefusalVi } from './messages-vi.ts';

const ADMIN = ['admin'] as const;

/** A short fingerprint of a configuration: an edit must start from the current one. */
export function configVersion(config: SiteConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}

/** The path a browser device opens once to keep its token (see apps/display/src/device-token.ts). */
export function setupPath(device: { kind: DeviceKind; counterId: string | null }, token: string) {
  const mode =
    device.kind === 'kiosk'
      ? '/kiosk/'
      : device.kind === 'rating'
        ? '/display/rating'
        : device.counterId
          ? '/display/sign'
          : '/display/lobby';
  return `${mode}?token=${encodeURIComponent(token)}`;
}

function toAdminDevice(d: DeviceRow): AdminDevice {
  const { id, kind, name, counterId, speaks, createdAt, revokedAt, lastSeenAt } = d;
  return { id, kind, name, counterId, speaks, createdAt, revokedAt, lastSeenAt };
}

/**
 * The administration over HTTP, for the admin role only (supervisors get 403): the site
 * configuration (applied live through the queue's `updateConfig`, so every screen gets
 * `config.updated`), people, paired devices, and the audit log every change is written to.
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  deps: {
    province: ProvinceStore;
    sites: Sites;
    clock: Clock;
    sessionIdleMs: number;
    /** Drops every socket of a device at once (a revocation). */
    disconnectDevice: (siteId: string, deviceId: string) => void;
    /** Drops every socket of one session (a revocation). */
    disconnectCredential: (tokenHash: string) => void;
    /** Drops every socket of a person's sessions (a password reset). */
    disconnectUser: (username: string, keepTokenHash?: string) => void;
  },
) {
  const { province, sites, clock } = deps;
  /** An administrator of the request's session, and the site the session works at. */
  async function adminAt(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ staff: Staff; site: Site; store: Store; queue: Site['queue'] } | null> {
    const staff = await requireStaff(request, reply, deps, ADMIN);
    if (!staff) return null;
    const site = sites.get(staff.siteId);
    if (!site) {
      void sendFailure(reply, 'NOT_FOUND');
      return null;
    }
    return { staff, site, store: site.store, queue: site.queue };
  }
  /** Written to the audit trail of the administrator's site. */
  const audit = (
    at: { staff: Staff; store: Store },
    entry: Omit<Parameters<Store['appendAudit']>[0], 'at' | 'actor'>,
  ) => at.store.appendAudit({ ...entry, at: clock.now(), actor: at.staff.username });
  /**
   * Whether an administrator may manage this person: a province administrator anyone; a site's
   * administrator only people of their site who work nowhere they do not (nobody province-wide).
   */
  const manages = (staff: Staff, sites_: string[] | null): boolean =>
    isProvinceAdmin(staff) ||
    (sites_ !== null &&
      sites_.includes(staff.siteId) &&
      sites_.every((id) => belongsTo(staff.sites, id)));

  app.get('/api/admin/config', async (request, reply) => {
    const at = await adminAt(request, reply);
    if (!at) return reply;
    const config = (await at.queue.durable()).state.config;
    return { ok: true, data: { config, version: configVersion(config) } };
  });

  app.put('/api/admin/config', async (request, reply) => {
    const at = await adminAt(request, reply);
    if (!at) return reply;
    const { staff, queue } = at;
    const body = configUpdateSchema.safeParse(request.body);
    if (!body.success) return sendFailure(reply, 'BAD_REQUEST');
    const current = (await queue.durable()).state.config;
    if (body.data.baseVersion !== configVersion(current))
      return refuseConfig(reply, 'INVALID_STATE', ADMIN_MESSAGES_VI.staleConfig, []);
    const parsed = siteConfigSchema.safeParse(body.data.config);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => configIssueVi(i, body.data.config));
      return refuseConfig(reply, 'INVALID_CONFIG', ADMIN_MESSAGES_VI.invalidConfig, issues);
    }
    // The lobby board's playlist may only list files the site holds (see media/routes.ts).
    const playlist = await playlistIssues(province, staff.siteId, current.board, parsed.data.board);
    if (playlist.length > 0)
      return refuseConfig(reply, 'INVALID_CONFIG', ADMIN_MESSAGES_VI.invalidConfig, playlist);
    const changes = configChanges(current, parsed.data);
    if (changes.length === 0)
      return { ok: true, data: { config: current, version: configVersion(current), changes } };
    const result = await queue.execute(
      { type: 'updateConfig', config: parsed.data },
      { actor: `user:${staff.username}` },
    );
    if (!result.ok) {
      // A valid configuration the queue cannot take now (an open counter removed, a field with
      // today's tickets): a conflict with the current state, like a stale version.
      const message = domainConfigRefusalVi(result.error.detail);
      return refuseConfig(reply, 'INVALID_STATE', message, [{ path: [], message }]);
    }
    await audit(at, { action: 'config.update', target: null, detail: { changes } });
    const config = (await queue.durable()).state.config;
    return { ok: true, data: { config, version: configVersion(config), changes } };
  });

  app.get('/api/admin/users', async (request, reply) => {
    const at = await adminAt(request, reply);
    if (!at) return reply;
    const users: AdminUser[] = (await province.listUsers(at.site.id)).map((u) => ({
      username: u.username,
      name: u.name,
      role: u.role,
      disabled: u.disabled,
      sites: u.sites,
    }));
    return { ok: true, data: users };
  });

  app.post('/api/admin/users', async (request, reply) => {
    const at = await adminAt(request, reply);
    if (!at) return reply;
    const body = userCreateSchema.safeParse(request.body);
    if (!body.success) return sendFailure(reply, 'BAD_REQUEST', ADMIN_MESSAGES_VI.invalidUser);
    const userSites = body.data.sites === undefined ? [at.site.id] : body.data.sites;
    if (!manages(at.staff, userSites) || userSites?.some((id) => !sites.get(id)))
      return sendFailure(reply, 'FORBIDDEN', ADMIN_MESSAGES_VI.otherSites);
    if (await province.findUser(body.data.username))
      return sendFailure(reply, 'INVALID_STATE', ADMIN_MESSAGES_VI.userExists);
    await addUser(province, { ...body.data, sites: userSites }, clock.now());
    await audit(at, {
      action: 'user.create',
      target: body.data.username,
      detail: { role: body.data.role, name: body.data.name },
    });
    const { username, name, role } = body.data;
    return {
      ok: true,
      data: { username, name, role, disabled: false, sites: userSites } satisfies AdminUser,
    };
  });

  app.post<{ Params: { username: string } }>(
    '/api/admin/users/:username/password',
    async (request, reply) => {
      const at = await adminAt(request, reply);
      if (!at) return reply;
      const body = passwordResetSchema.safeParse(request.body);
      if (!body.success) return sendFailure(reply, 'BAD_REQUEST', ADMIN_MESSAGES_VI.invalidUser);
      const { username } = request.params;
      const target = await province.findUser(username);
      if (!target || !manages(at.staff, target.sites))
        return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noUser);
      const hash = await hashPassword(body.data.password);
      // A reset ends every session of that person, the admin's own one too when they reset
      // their own password here (changing it at POST /api/password keeps the current one).
      if (!(await province.setPassword(username, hash, clock.now())))
        return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noUser);
      deps.disconnectUser(username);
      await audit(at, { action: 'user.password', target: username, detail: {} });
      return { ok: true, data: { username } };
    },
  );

  app.post<{ Params: { username: string } }>(
    '/api/admin/users/:username/disabled',
    async (request, reply) => {
      const at = await adminAt(request, reply);
      if (!at) return reply;
      const { staff } = at;
      const body = userDisabledSchema.safeParse(request.body);
      if (!body.success) return sendFailure(reply, 'BAD_REQUEST');
      const { username } = request.params;
      if (body.data.disabled && username === staff.username)
        return sendFailure(reply, 'INVALID_STATE', ADMIN_MESSAGES_VI.notYourself);
      const target = await province.findUser(username);
      if (!target || !manages(staff, target.sites))
        return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noUser);
      if (!(await province.setDisabled(username, body.data.disabled, clock.now())))
        return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noUser);
      if (body.data.disabled) {
        // A disabled clerk's idle counter closes now (at every site of theirs); one holding a
        // citizen stays until handled.
        for (const site of sites.all())
          for (const counter of Object.values((await site.queue.durable()).state.counters))
            if (counter.clerkId === username && counter.status !== 'closed')
              await site.queue.execute(
                { type: 'closeCounter', counterId: counter.id, clerkId: username },
                { actor: `user:${staff.username}` },
              );
      }
      await audit(at, {
        action: body.data.disabled ? 'user.disable' : 'user.enable',
        target: username,
        detail: {},
      });
      return { ok: true, data: { username, disabled: body.data.disabled } };
    },
  );

  app.get('/api/admin/sessions', async (request, reply) => {
    const at = await adminAt(request, reply);
    if (!at) return reply;
    const { staff } = at;
    const now = clock.now();
    const open = await province.listOpenSessions(at.site.id, now, now - deps.sessionIdleMs);
    return {
      ok: true,
      data: open.map((s): AdminSession => ({
        id: s.id,
        username: s.username,
        name: s.name,
        role: s.role,
        counterId: s.counterId,
        startedAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        address: s.address,
        userAgent: s.userAgent,
        current: s.id === staff.sessionId,
      })),
    };
  });

  app.delete<{ Params: { id: string } }>('/api/admin/sessions/:id', async (request, reply) => {
    const at = await adminAt(request, reply);
    if (!at) return reply;
    const parsed = sessionIdSchema.safeParse(request.params.id);
    if (!parsed.success) return sendFailure(reply, 'BAD_REQUEST', ADMIN_MESSAGES_VI.invalidSession);
    const id = parsed.data;
    // Only a session at the administrator's site (a province administrator's: any).
    const now = clock.now();
    const scope = isProvinceAdmin(at.staff) ? null : at.site.id;
    const open = await province.listOpenSessions(scope, now, now - deps.sessionIdleMs);
    if (!open.some((s) => s.id === id))
      return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noSession);
    const ended = await province.endSessionById(id, now);
    if (!ended) return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noSession);
    deps.disconnectCredential(ended.tokenHash);
    // A clerk's counter stays as it is: a citizen being served is not dropped by a revocation;
    // the clerk signs in again to the same counter.
    await audit(at, { action: 'session.revoke', target: ended.username, detail: {} });
    return { ok: true, data: { id, revoked: true } };
  });

  app.get('/api/admin/devices', async (request, reply) => {
    const at = await adminAt(request, reply);
    if (!at) return reply;
    return { ok: true, data: (await at.store.listDevices()).map(toAdminDevice) };
  });

  app.post('/api/admin/devices', async (request, reply) => {
    const at = await adminAt(request, reply);
    if (!at) return reply;
    const { store, queue } = at;
    const body = devicePairSchema.safeParse(request.body);
    if (!body.success) return sendFailure(reply, 'BAD_REQUEST', ADMIN_MESSAGES_VI.invalidDevice);
    const d = body.data;
    if (await store.deviceById(d.id))
      return sendFailure(reply, 'INVALID_STATE', ADMIN_MESSAGES_VI.deviceExists);
    if (
      d.counterId &&
      !(await queue.durable()).state.config.counters.some((c) => c.id === d.counterId)
    )
      return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noCounter);
    if (d.kind === 'rating' && !d.counterId)
      return sendFailure(reply, 'BAD_REQUEST', ADMIN_MESSAGES_VI.invalidDevice);
    const token = await pairDevice(store, d, clock.now());
    await audit(at, {
      action: 'device.pair',
      target: d.id,
      detail: { kind: d.kind, name: d.name },
    });
    const paired: PairedDevice = {
      device: toAdminDevice((await store.deviceById(d.id))!),
      token,
      setupPath: setupPath(d, token),
    };
    return { ok: true, data: paired };
  });

  app.post<{ Params: { id: string } }>('/api/admin/devices/:id/revoke', async (request, reply) => {
    const at = await adminAt(request, reply);
    if (!at) return reply;
    const { store } = at;
    const { id } = request.params;
    if (!(await store.revokeDevice(id, clock.now())))
      return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noDevice);
    deps.disconnectDevice(at.site.id, id);
    const device = (await store.deviceById(id))!;
    await audit(at, {
      action: 'device.revoke',
      target: id,
      detail: { kind: device.kind, name: device.name },
    });
    return { ok: true, data: toAdminDevice(device) };
  });

  app.get<{ Querystring: { before?: string; limit?: string } }>(
    '/api/admin/audit',
    async (request, reply) => {
      const at = await adminAt(request, reply);
      if (!at) return reply;
      const limit = Math.min(Math.max(Number(request.query.limit) || 50, 1), 500);
      const before = Number(request.query.before) || undefined;
      return { ok: true, data: await at.store.listAudit(limit, before) };
    },
  );
}

function refuseConfig(
  reply: Parameters<typeof sendFailure>[0],
  code: ConfigRefusal['error']['code'],
  message: string,
  issues: ConfigRefusal['issues'],
) {
  const body: ConfigRefusal = { ok: false, error: { code, message }, issues };
  return reply.code(HTTP_STATUS[code]).send(body);
}
