import {
  WEBHOOK_DELIVERY_STATES,
  webhookCreateSchema,
  type WebhookCreated,
  type WebhookSubscriptionSummary,
} from '@luot/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendFailure } from '../http-errors.ts';
import type { CredentialDeps } from '../identity.ts';
import type { Sites } from '../sites.ts';
import { requireStaff, type Staff } from '../staff-auth.ts';
import type { StoredWebhook } from '../store.ts';
import { makeWebhookSecret } from '../webhooks/signing.ts';
import type { Webhooks } from '../webhooks/webhooks.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });

const deliveryQuery = z.strictObject({
  state: z.enum(WEBHOOK_DELIVERY_STATES).optional(),
  subscriptionId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `next` of the previous page. */
  before: z.coerce.number().int().min(1).optional(),
});

/** A subscription as the admin app lists it: never its secret. */
function summary(w: StoredWebhook): WebhookSubscriptionSummary {
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    siteId: w.siteId,
    description: w.description,
    createdAt: w.createdAt,
    createdBy: w.createdBy,
    deletedAt: w.deletedAt,
  };
}

/** Whether a person may see and manage a subscription: their site's, or every site's when they administer all. */
function mayManage(staff: Staff, w: StoredWebhook): boolean {
  return w.siteId === null ? staff.sites === null : w.siteId === staff.siteId;
}

/**
 * Webhook subscriptions and their delivery log in the administration (admins only), scoped to
 * the site the session works at; subscriptions of every site to those who administer every
 * site. Every change is audited at that site.
 *
 * - `GET /api/admin/webhooks`: the subscriptions (deleted ones too, marked), no secrets;
 * - `POST /api/admin/webhooks` (`webhookCreateSchema`): `WebhookCreated`, its secret shown once;
 * - `DELETE /api/admin/webhooks/:id`: stops it (pending deliveries given up), keeps its log;
 * - `GET /api/admin/webhooks/deliveries?state=&subscriptionId=&limit=&before=`: newest first,
 *   `{ deliveries, next }` (`next` goes in `before` for the older page);
 * - `POST /api/admin/webhooks/deliveries/:id/retry`: "Gửi lại" a dead or delivered one, with
 *   the same idempotency key.
 */
export function registerWebhookRoutes(
  app: FastifyInstance,
  deps: CredentialDeps & { sites: Sites; webhooks: Webhooks },
) {
  const { province, clock, sites, webhooks } = deps;

  async function audit(
    staff: Staff,
    action: 'webhook.create' | 'webhook.delete' | 'webhook.retry',
    target: string,
    detail: Record<string, unknown>,
  ) {
    await sites.get(staff.siteId)?.store.appendAudit({
      at: clock.now(),
      actor: staff.username,
      action,
      target,
      detail,
    });
  }

  /** The subscriptions a person may see (their site's; every site's too for a province admin). */
  const visible = (staff: Staff) => province.listWebhooks(staff.siteId, staff.sites === null);

  app.get('/api/admin/webhooks', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ['admin']);
    if (!staff) return reply;
    return { ok: true, data: { subscriptions: (await visible(staff)).map(summary) } };
  });

  app.post('/api/admin/webhooks', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ['admin']);
    if (!staff) return reply;
    const body = webhookCreateSchema.safeParse(request.body);
    if (!body.success)
      return sendFailure(reply, 'BAD_REQUEST', body.error.issues[0]?.message ?? undefined);
    const input = body.data;
    if (input.siteId === null ? staff.sites !== null : input.siteId !== staff.siteId)
      return sendFailure(
        reply,
        'FORBIDDEN',
        input.siteId === null
          ? 'Chỉ người quản trị mọi điểm mới tạo được đăng ký cho mọi điểm.'
          : 'Chỉ tạo được đăng ký cho điểm đang làm việc.',
      );
    const secret = makeWebhookSecret();
    const id = `wh_${crypto.randomUUID()}`;
    const events = [...new Set(input.events)];
    await province.createWebhook(
      {
        id,
        url: input.url,
        events,
        siteId: input.siteId,
        description: input.description,
        sealedSecret: webhooks.sealer.seal(secret),
        createdBy: staff.username,
      },
      clock.now(),
    );
    const stored = await province.webhookById(id);
    if (!stored) return sendFailure(reply, 'INTERNAL');
    await audit(staff, 'webhook.create', id, { url: input.url, events, siteId: input.siteId });
    const created: WebhookCreated = { ...summary(stored), secret };
    return reply.code(201).send({ ok: true, data: created });
  });

  app.delete('/api/admin/webhooks/:id', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ['admin']);
    if (!staff) return reply;
    const params = idParams.safeParse(request.params);
    if (!params.success) return sendFailure(reply, 'BAD_REQUEST');
    const webhook = await province.webhookById(params.data.id);
    if (!webhook || !mayManage(staff, webhook)) return sendFailure(reply, 'NOT_FOUND');
    if (!(await province.deleteWebhook(webhook.id, clock.now())))
      return sendFailure(reply, 'INVALID_STATE', 'Đăng ký này đã bị xoá.');
    await audit(staff, 'webhook.delete', webhook.id, { url: webhook.url });
    return { ok: true, data: summary((await province.webhookById(webhook.id))!) };
  });

  app.get('/api/admin/webhooks/deliveries', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ['admin']);
    if (!staff) return reply;
    const query = deliveryQuery.safeParse(request.query);
    if (!query.success) return sendFailure(reply, 'BAD_REQUEST');
    const { state, subscriptionId, limit, before } = query.data;
    let ids = (await visible(staff)).map((w) => w.id);
    if (subscriptionId !== undefined) {
      if (!ids.includes(subscriptionId)) return sendFailure(reply, 'NOT_FOUND');
      ids = [subscriptionId];
    }
    const page = await province.listWebhookDeliveries({
      subscriptionIds: ids,
      limit,
      ...(state && { state }),
      ...(before !== undefined && { before }),
    });
    return { ok: true, data: page };
  });

  app.post('/api/admin/webhooks/deliveries/:id/retry', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ['admin']);
    if (!staff) return reply;
    const params = idParams.safeParse(request.params);
    if (!params.success) return sendFailure(reply, 'BAD_REQUEST');
    const delivery = await province.webhookDeliveryById(params.data.id);
    const webhook = delivery && (await province.webhookById(delivery.subscriptionId));
    if (!delivery || !webhook || !mayManage(staff, webhook)) return sendFailure(reply, 'NOT_FOUND');
    if (webhook.deletedAt !== null)
      return sendFailure(reply, 'INVALID_STATE', 'Đăng ký này đã bị xoá, không gửi lại được.');
    if (!(await province.retryWebhookDelivery(delivery.id, clock.now())))
      return sendFailure(reply, 'INVALID_STATE', 'Lần gửi này đang chờ gửi, chưa gửi lại được.');
    await audit(staff, 'webhook.retry', delivery.id, {
      url: webhook.url,
      idempotencyKey: delivery.idempotencyKey,
    });
    webhooks.wake();
    return { ok: true, data: await province.webhookDeliveryById(delivery.id) };
  });
}
