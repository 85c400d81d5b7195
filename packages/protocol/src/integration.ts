// The link to the one-stop information system (issue 16): API keys for the REST API, and webhook
// subscriptions with their deliveries. The REST routes themselves are the client events of
// messages.ts (the same schemas and roles), reached over HTTP with a key.
import { z } from 'zod';
import type { QueueEventType } from '@luot/domain';
import { siteIdSchema } from './roles.ts';

/**
 * What an API key may do. Each REST route needs one:
 * - `queue:read`: the queue, a ticket, the counters, the devices;
 * - `tickets:issue`: take a number for a citizen (as a kiosk does);
 * - `counters:act`: a counter's actions (call, start, finish, no-show, transfer, recall, pause);
 * - `tickets:manage`: a supervisor's actions on tickets and counters (cancel, move, close);
 * - `reports:read`: reports and their exports.
 */
export const API_PERMISSIONS = [
  'queue:read',
  'tickets:issue',
  'counters:act',
  'tickets:manage',
  'reports:read',
] as const;
export type ApiPermission = (typeof API_PERMISSIONS)[number];

/** Body of POST /api/admin/api-keys. */
export const apiKeyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  /** The one site the key acts at; null: every site (only an admin of every site may ask). */
  siteId: siteIdSchema.nullable(),
  permissions: z.array(z.enum(API_PERMISSIONS)).min(1).max(API_PERMISSIONS.length),
});
export type ApiKeyCreate = z.infer<typeof apiKeyCreateSchema>;

/** A key as the admin app lists it: never its secret, which only its creation shows, once. */
export interface ApiKeySummary {
  id: string;
  name: string;
  siteId: string | null;
  permissions: ApiPermission[];
  /** The secret's first characters (`luot_k_ab12…`), to tell keys apart. */
  prefix: string;
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** The answer to a key's creation: the secret, shown once (the store keeps only its hash). */
export interface ApiKeyCreated extends ApiKeySummary {
  secret: string;
}

/** Every queue event a subscription may ask for (each stored event is one delivery). */
export const WEBHOOK_EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.finished',
  'ticket.no_show',
  'ticket.transferred',
  'ticket.cancelled',
  'ticket.expired',
  'ticket.arrived',
  'ticket.rated',
  'counter.opened',
  'counter.closed',
  'counter.paused',
  'counter.resumed',
  'day.opened',
  'config.updated',
] as const satisfies readonly QueueEventType[];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
// Every event type is listed: a new one fails to compile here until it is.
type Unlisted = Exclude<QueueEventType, WebhookEventType>;
const everyEventListed: Unlisted extends never ? true : Unlisted = true;
void everyEventListed;

/** Body of POST /api/admin/webhooks (the hub makes the signing secret and shows it once). */
export const webhookCreateSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .max(2000)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'http or https'),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
  /** The one site whose events it gets; null: every site (only an admin of every site). */
  siteId: siteIdSchema.nullable(),
  description: z.string().trim().max(200).default(''),
});
export type WebhookCreate = z.input<typeof webhookCreateSchema>;

export interface WebhookSubscriptionSummary {
  id: string;
  url: string;
  events: WebhookEventType[];
  siteId: string | null;
  description: string;
  createdAt: number;
  createdBy: string;
  /** A deleted subscription stays listed with its deliveries until they are purged. */
  deletedAt: number | null;
}

/** The answer to a subscription's creation: its signing secret, shown once. */
export interface WebhookCreated extends WebhookSubscriptionSummary {
  secret: string;
}

export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/** One event for one subscription, as the delivery log and the dead-letter list show it. */
export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  siteId: string;
  /** The stored event's sequence number at its site. */
  seq: number;
  type: WebhookEventType;
  ticketId: string | null;
  /**
   * The ticket's number as printed ("A012"), as in the body sent (`WebhookBody.ticketLabel`), so
   * the delivery log can name a ticket of an earlier day.
   */
  ticketLabel: string | null;
  /** Sent with every attempt of this delivery; a receiver acts on each key once. */
  idempotencyKey: string;
  state: WebhookDeliveryState;
  attempts: number;
  /** The receiver's last HTTP status, or null (no answer). */
  lastStatus: number | null;
  /** Why the last attempt failed (timeout, refused, status), in English. */
  lastError: string | null;
  createdAt: number;
  nextAttemptAt: number | null;
  deliveredAt: number | null;
}

/** What a receiver gets as the JSON body of each delivery. */
export interface WebhookBody {
  /** The idempotency key (also in the `Idempotency-Key` header). */
  id: string;
  type: WebhookEventType;
  siteId: string;
  seq: number;
  /** When the event happened (epoch ms). */
  occurredAt: number;
  /** The ticket's number as printed and announced ("A012"), for a ticket's event; else null. */
  ticketLabel: string | null;
  /** The event's counter as the site's configuration names it then, or null. */
  counter: { id: string; number: number; name: string } | null;
  /** The event's field (a ticket's field of service), or null. */
  field: { id: string; name: string } | null;
  /** The stored event as a supervisor sees it (`eventFor('staff', …)`). */
  event: { type: WebhookEventType } & Record<string, unknown>;
}

/**
 * The headers of a delivery. The signature is `t=<unix seconds>,v1=<hex>`, where hex is
 * HMAC-SHA256 with the subscription's secret over `${t}.${raw body}`; a receiver recomputes it,
 * compares in constant time, and refuses a `t` more than 5 minutes away from its clock.
 */
export const WEBHOOK_HEADERS = {
  signature: 'x-luot-signature',
  idempotencyKey: 'idempotency-key',
  event: 'x-luot-event',
  delivery: 'x-luot-delivery',
} as const;

/** How long a delivery is retried before it goes to the dead-letter list. */
export const WEBHOOK_RETRY_WINDOW_MS = 24 * 60 * 60_000;
