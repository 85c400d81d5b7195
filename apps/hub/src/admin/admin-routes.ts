import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { siteConfigSchema, type SiteConfig } from '@luot/domain';
import {
  configIssueVi,
  configUpdateSchema,
  devicePairSchema,
  HTTP_STATUS,
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
import type { DeviceRow, Store } from '../store.ts';
import { sendFailure } from '../http-errors.ts';
import type { QueueService } from '../queue-service.ts';
import { addUser, pairDevice } from '../setup.ts';
import { requireStaff, type Staff } from '../staff-auth.ts';
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
    store: Store;
    queue: QueueService;
    clock: Clock;
    sessionIdleMs: number;
    /** Drops every socket of a device at once (a revocation). */
    disconnectDevice: (deviceId: string) => void;
    /** Drops every socket of one session (a revocation). */
    disconnectCredential: (tokenHash: string) => void;
    /** Drops every socket of a person's sessions (a password reset). */
    disconnectUser: (username: string, keepTokenHash?: string) => void;
  },
) {
  const { store, queue, clock } = deps;
  const audit = (staff: Staff, entry: Omit<Parameters<Store['appendAudit']>[0], 'at' | 'actor'>) =>
    store.appendAudit({ ...entry, at: clock.now(), actor: staff.username });

  app.get('/api/admin/config', async (request, reply) => {
    if (!(await requireStaff(request, reply, deps, ADMIN))) return reply;
    const config = (await queue.durable()).state.config;
    return { ok: true, data: { config, version: configVersion(config) } };
  });

  app.put('/api/admin/config', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ADMIN);
    if (!staff) return reply;
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
    await audit(staff, { action: 'config.update', target: null, detail: { changes } });
    const config = (await queue.durable()).state.config;
    return { ok: true, data: { config, version: configVersion(config), changes } };
  });

  app.get('/api/admin/users', async (request, reply) => {
    if (!(await requireStaff(request, reply, deps, ADMIN))) return reply;
    const users: AdminUser[] = (await store.listUsers()).map((u) => ({
      username: u.username,
      name: u.name,
      role: u.role,
      disabled: u.disabled,
    }));
    return { ok: true, data: users };
  });

  app.post('/api/admin/users', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ADMIN);
    if (!staff) return reply;
    const body = userCreateSchema.safeParse(request.body);
    if (!body.success) return sendFailure(reply, 'BAD_REQUEST', ADMIN_MESSAGES_VI.invalidUser);
    if (await store.findUser(body.data.username))
      return sendFailure(reply, 'INVALID_STATE', ADMIN_MESSAGES_VI.userExists);
    await addUser(store, body.data, clock.now());
    await audit(staff, {
      action: 'user.create',
      target: body.data.username,
      detail: { role: body.data.role, name: body.data.name },
    });
    const { username, name, role } = body.data;
    return { ok: true, data: { username, name, role, disabled: false } satisfies AdminUser };
  });

  app.post<{ Params: { username: string } }>(
    '/api/admin/users/:username/password',
    async (request, reply) => {
      const staff = await requireStaff(request, reply, deps, ADMIN);
      if (!staff) return reply;
      const body = passwordResetSchema.safeParse(request.body);
      if (!body.success) return sendFailure(reply, 'BAD_REQUEST', ADMIN_MESSAGES_VI.invalidUser);
      const { username } = request.params;
      const hash = await hashPassword(body.data.password);
      // A reset ends every session of that person, the admin's own one too when they reset
      // their own password here (changing it at POST /api/password keeps the current one).
      if (!(await store.setPassword(username, hash, clock.now())))
        return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noUser);
      deps.disconnectUser(username);
      await audit(staff, { action: 'user.password', target: username, detail: {} });
      return { ok: true, data: { username } };
    },
  );

  app.post<{ Params: { username: string } }>(
    '/api/admin/users/:username/disabled',
    async (request, reply) => {
      const staff = await requireStaff(request, reply, deps, ADMIN);
      if (!staff) return reply;
      const body = userDisabledSchema.safeParse(request.body);
      if (!body.success) return sendFailure(reply, 'BAD_REQUEST');
      const { username } = request.params;
      if (body.data.disabled && username === staff.username)
        return sendFailure(reply, 'INVALID_STATE', ADMIN_MESSAGES_VI.notYourself);
      if (!(await store.setDisabled(username, body.data.disabled, clock.now())))
        return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noUser);
      if (body.data.disabled) {
        // A disabled clerk's idle counter closes now; one holding a citizen stays until handled.
        for (const counter of Object.values((await queue.durable()).state.counters))
          if (counter.clerkId === username && counter.status !== 'closed')
            await queue.execute(
              { type: 'closeCounter', counterId: counter.id, clerkId: username },
              { actor: `user:${staff.username}` },
            );
      }
      await audit(staff, {
        action: body.data.disabled ? 'user.disable' : 'user.enable',
        target: username,
        detail: {},
      });
      return { ok: true, data: { username, disabled: body.data.disabled } };
    },
  );

  app.get('/api/admin/sessions', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ADMIN);
    if (!staff) return reply;
    const now = clock.now();
    const open = await store.listOpenSessions(now, now - deps.sessionIdleMs);
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
    const staff = await requireStaff(request, reply, deps, ADMIN);
    if (!staff) return reply;
    const parsed = sessionIdSchema.safeParse(request.params.id);
    if (!parsed.success) return sendFailure(reply, 'BAD_REQUEST', ADMIN_MESSAGES_VI.invalidSession);
    const id = parsed.data;
    const ended = await store.endSessionById(id, clock.now());
    if (!ended) return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noSession);
    deps.disconnectCredential(ended.tokenHash);
    // A clerk's counter stays as it is: a citizen being served is not dropped by a revocation;
    // the clerk signs in again to the same counter.
    await audit(staff, { action: 'session.revoke', target: ended.username, detail: {} });
    return { ok: true, data: { id, revoked: true } };
  });

  app.get('/api/admin/devices', async (request, reply) => {
    if (!(await requireStaff(request, reply, deps, ADMIN))) return reply;
    return { ok: true, data: (await store.listDevices()).map(toAdminDevice) };
  });

  app.post('/api/admin/devices', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ADMIN);
    if (!staff) return reply;
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
    await audit(staff, {
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
    const staff = await requireStaff(request, reply, deps, ADMIN);
    if (!staff) return reply;
    const { id } = request.params;
    if (!(await store.revokeDevice(id, clock.now())))
      return sendFailure(reply, 'NOT_FOUND', ADMIN_MESSAGES_VI.noDevice);
    deps.disconnectDevice(id);
    const device = (await store.deviceById(id))!;
    await audit(staff, {
      action: 'device.revoke',
      target: id,
      detail: { kind: device.kind, name: device.name },
    });
    return { ok: true, data: toAdminDevice(device) };
  });

  app.get<{ Querystring: { before?: string; limit?: string } }>(
    '/api/admin/audit',
    async (request, reply) => {
      if (!(await requireStaff(request, reply, deps, ADMIN))) return reply;
      const limit = Math.min(Math.max(Number(request.query.limit) || 50, 1), 500);
      const before = Number(request.query.before) || undefined;
      return { ok: true, data: await store.listAudit(limit, before) };
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
