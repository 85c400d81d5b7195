// The hub's webhook admin routes, in one place for the pages that call them.
import type {
  WebhookCreate,
  WebhookCreated,
  WebhookDelivery,
  WebhookDeliveryState,
  WebhookSubscriptionSummary,
} from '@luot/protocol';
import type { Api } from '../api.ts';

/** Deliveries per page of the log and of the dead-letter list. */
export const PAGE_SIZE = 25;

export interface DeliveryFilter {
  state: WebhookDeliveryState | null;
  subscriptionId: string | null;
}

/** One page of deliveries, newest first, and where the next (older) page starts (null: none). */
export interface DeliveryPage {
  deliveries: WebhookDelivery[];
  next: number | null;
}

const BASE = '/api/admin/webhooks';

/** The subscriptions the person may see, deleted ones too (marked), newest first. */
export function listSubscriptions(api: Api) {
  return api.get<{ subscriptions: WebhookSubscriptionSummary[] }>(BASE);
}

export function createSubscription(api: Api, body: WebhookCreate) {
  return api.post<WebhookCreated>(BASE, body);
}

export function deleteSubscription(api: Api, id: string) {
  return api.delete<WebhookSubscriptionSummary>(`${BASE}/${encodeURIComponent(id)}`);
}

/** The page of deliveries that pass `filter` starting at `before` (null: the newest). */
export function listDeliveries(api: Api, filter: DeliveryFilter, before: number | null) {
  const q = new URLSearchParams();
  if (filter.state) q.set('state', filter.state);
  if (filter.subscriptionId) q.set('subscriptionId', filter.subscriptionId);
  q.set('limit', String(PAGE_SIZE));
  if (before !== null) q.set('before', String(before));
  return api.get<DeliveryPage>(`${BASE}/deliveries?${q}`);
}

/** Puts a dead delivery back in the outbox, to be sent at once under the same idempotency key. */
export function retryDelivery(api: Api, id: string) {
  return api.post<WebhookDelivery>(`${BASE}/deliveries/${encodeURIComponent(id)}/retry`, {});
}
