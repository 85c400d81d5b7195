import type { WebhookDelivery, WebhookDeliveryState, WebhookEventType } from '@luot/protocol';
import type { StoredWebhook } from '../store-webhooks.ts';

/**
 * The claim rule both stores share, over due candidates the store found (oldest first, none
 * waiting behind an earlier delivery of its ticket): at most `perSubscription` in flight per
 * subscription (those already `sending` under a live lease count), `limit` in all.
 */
export function pickClaims<C extends { subscriptionId: string }>(
  candidates: readonly C[],
  inFlight: ReadonlyMap<string, number>,
  perSubscription: number,
  limit: number,
): C[] {
  const taken = new Map(inFlight);
  const picked: C[] = [];
  for (const c of candidates) {
    if (picked.length >= limit) break;
    const n = taken.get(c.subscriptionId) ?? 0;
    if (n >= perSubscription) continue;
    taken.set(c.subscriptionId, n + 1);
    picked.push(c);
  }
  return picked;
}

/** A delivery row as both stores select it (`DELIVERY_COLUMNS`). */
export interface DeliveryRecord {
  id: string;
  subscriptionId: string;
  siteId: string;
  seq: number;
  type: string;
  ticketId: string | null;
  ticketLabel: string | null;
  idempotencyKey: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  nextAt: number | null;
  deliveredAt: number | null;
}

/** The columns of a `DeliveryRecord` (both stores quote the aliases). */
export const DELIVERY_COLUMNS = `id, subscription_id AS "subscriptionId", site_id AS "siteId", seq,
  type, ticket_id AS "ticketId", ticket_label AS "ticketLabel", idempotency_key AS "idempotencyKey", state, attempts,
  last_status AS "lastStatus", last_error AS "lastError", created_at AS "createdAt",
  next_at AS "nextAt", delivered_at AS "deliveredAt"`;

/** A stored row as the delivery log shows it: `sending` is still pending to a reader. */
export function toDelivery(r: DeliveryRecord): WebhookDelivery {
  const state = (r.state === 'sending' ? 'pending' : r.state) as WebhookDeliveryState;
  return {
    id: r.id,
    subscriptionId: r.subscriptionId,
    siteId: r.siteId,
    seq: Number(r.seq),
    type: r.type as WebhookEventType,
    ticketId: r.ticketId,
    ticketLabel: r.ticketLabel,
    idempotencyKey: r.idempotencyKey,
    state,
    attempts: r.attempts,
    lastStatus: r.lastStatus,
    lastError: r.lastError,
    createdAt: Number(r.createdAt),
    nextAttemptAt: state === 'pending' && r.nextAt !== null ? Number(r.nextAt) : null,
    deliveredAt: r.deliveredAt === null ? null : Number(r.deliveredAt),
  };
}

/** A subscription row as both stores select it (`WEBHOOK_COLUMNS`). */
export interface WebhookRecord {
  id: string;
  url: string;
  events: string;
  siteId: string | null;
  description: string;
  sealedSecret: string;
  createdAt: number;
  createdBy: string;
  deletedAt: number | null;
}

/** The columns of a `WebhookRecord`, of the table aliased `t` when given. */
export function webhookColumns(t = ''): string {
  const p = t ? `${t}.` : '';
  return `${p}id, ${p}url, ${p}events, ${p}site_id AS "siteId", ${p}description,
    ${p}secret AS "sealedSecret", ${p}created_at AS "createdAt", ${p}created_by AS "createdBy",
    ${p}deleted_at AS "deletedAt"`;
}

export function toWebhook(r: WebhookRecord): StoredWebhook {
  return {
    ...r,
    events: JSON.parse(r.events) as WebhookEventType[],
    createdAt: Number(r.createdAt),
    deletedAt: r.deletedAt === null ? null : Number(r.deletedAt),
  };
}
