import type { FastifyInstance } from 'fastify';
import { sendFailure } from '../http-errors.ts';
import { resolveCredential, type CredentialDeps } from '../identity.ts';
import { requestToken } from '../session-cookie.ts';
import type { Sites } from '../sites.ts';
import { requireStaff, type Staff } from '../staff-auth.ts';
import type { Messaging } from './messaging.ts';
import { pushSubscriptionSchema } from './messaging.ts';
import { applyUpdate, parseSettings, publicSettings, settingsUpdateSchema } from './settings.ts';
import { KIND_NAMES_VI } from './texts.ts';

/**
 * The phone page's Web Push opt-in, on both listeners, authenticated by the ticket's phone link
 * (`Authorization: Bearer <token>`): `GET /api/public/push` answers whether the site sends
 * notifications and the VAPID public key; `POST /api/public/push` keeps the subscription for
 * the ticket until it is over.
 */
export function registerPushRoutes(
  app: FastifyInstance,
  deps: CredentialDeps & { messaging: Messaging },
) {
  async function ticketOf(token: string | null) {
    const credential = token ? await resolveCredential(deps, token) : null;
    if (credential?.kind !== 'ticket' || !('ticketId' in credential.identity)) return null;
    return credential.identity;
  }
  app.get('/api/public/push', async (request, reply) => {
    const ticket = await ticketOf(requestToken(request));
    if (!ticket) return sendFailure(reply, 'UNAUTHENTICATED');
    return {
      ok: true,
      data: {
        enabled: await deps.messaging.pushEnabled(ticket.siteId),
        publicKey: deps.messaging.vapidPublicKey,
      },
    };
  });
  app.post('/api/public/push', async (request, reply) => {
    const ticket = await ticketOf(requestToken(request));
    if (!ticket) return sendFailure(reply, 'UNAUTHENTICATED');
    const body = pushSubscriptionSchema.safeParse(request.body);
    if (!body.success) return sendFailure(reply, 'BAD_REQUEST');
    if (!(await deps.messaging.pushEnabled(ticket.siteId))) return sendFailure(reply, 'INVALID_STATE');
    await deps.messaging.followByPush(ticket.siteId, ticket.ticketId, body.data);
    return { ok: true, data: {} };
  });
}

/**
 * A site's messages in the administration: its settings (admin only; secrets written, never
 * read back) and the delivery list with counts (supervisors and admins).
 */
export function registerMessageAdminRoutes(
  app: FastifyInstance,
  deps: CredentialDeps & { sites: Sites; messaging: Messaging },
) {
  const { province, clock, sites } = deps;
  const siteOf = (staff: Staff) => sites.get(staff.siteId);

  app.get('/api/admin/messages/settings', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ['admin']);
    if (!staff) return reply;
    const settings = parseSettings(await province.readMessageSettings(staff.siteId));
    return { ok: true, data: { settings: publicSettings(settings), vapidPublicKey: deps.messaging.vapidPublicKey } };
  });

  app.put('/api/admin/messages/settings', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ['admin']);
    if (!staff) return reply;
    const site = siteOf(staff);
    if (!site) return sendFailure(reply, 'NOT_FOUND');
    const body = settingsUpdateSchema.safeParse(request.body);
    if (!body.success) return sendFailure(reply, 'BAD_REQUEST');
    const current = parseSettings(await province.readMessageSettings(staff.siteId));
    const next = applyUpdate(current, body.data);
    await province.writeMessageSettings(staff.siteId, next, clock.now());
    // Which settings changed, without any secret's value.
    const before = publicSettings(current);
    const after = publicSettings(next);
    const keys = diff(before, after).map((d) => d.path);
    const changes = [
      { section: 'other' as const, item: 'messages', name: 'Tin nhắn', change: 'changed' as const, keys },
    ];
    await site.store.appendAudit({
      at: clock.now(),
      actor: staff.username,
      action: 'messages.settings',
      target: null,
      detail: { changes },
    });
    return { ok: true, data: { settings: after } };
  });

  app.get('/api/admin/messages', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ['supervisor', 'admin']);
    if (!staff) return reply;
    const [counts, messages] = await Promise.all([
      province.countMessages(staff.siteId),
      province.listMessages(staff.siteId, 200),
    ]);
    return {
      ok: true,
      data: {
        counts,
        messages: messages.map((m) => ({ ...m, kindName: KIND_NAMES_VI[m.kind] })),
      },
    };
  });
}

/** The leaves that differ between two plain objects, as "a.b" paths. */
function diff(a: unknown, b: unknown, path = ''): { path: string; from: unknown; to: unknown }[] {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k),
    );
  }
  return a === b ? [] : [{ path, from: a, to: b }];
}
