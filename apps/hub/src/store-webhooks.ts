// Webhooks (issue 16): subscriptions, the per-site cursors that follow the event log, and the
// durable outbox of deliveries. Part of the store port (`ProvinceStore` extends it).
import type {
  WebhookDelivery,
  WebhookDeliveryState,
  WebhookEventType,
  WebhookSubscriptionSummary,
} from '@luot/protocol';

/** Delivered and dead deliveries are kept this long (shorter when the site's retention is). */
export const WEBHOOK_DELIVERY_RETENTION_MS = 30 * 24 * 60 * 60_000;

/** A subscription as stored: its signing secret sealed (messages/recipient-crypto.ts). */
export interface StoredWebhook extends WebhookSubscriptionSummary {
  sealedSecret: string;
}

/** A subscription handed to the store. */
export interface NewWebhook {
  id: string;
  url: string;
  events: WebhookEventType[];
  siteId: string | null;
  description: string;
  sealedSecret: string;
  createdBy: string;
}

/** A live subscription that gets a site's events, and how far it has followed that site's log. */
export interface WebhookCursor {
  subscription: StoredWebhook;
  /** The last sequence number turned into deliveries (or skipped as not subscribed). */
  seq: number;
}

/** One delivery handed to the store by the filler. */
export interface NewWebhookDelivery {
  id: string;
  subscriptionId: string;
  siteId: string;
  seq: number;
  type: WebhookEventType;
  ticketId: string | null;
  /** The ticket's number as printed ("A012"), kept for the delivery log after its day. */
  ticketLabel: string | null;
  /**
   * What this delivery is ordered behind (`webhookOrderKey`, webhooks/bodies.ts): an earlier pending delivery of the
   * same subscription, site and key holds it back.
   */
  orderKey: string;
  idempotencyKey: string;
  /** The exact JSON body sent (a `WebhookBody`). */
  body: string;
  at: number;
}

/** A subscription's cursor moved from `from` to `to` at a site, with the deliveries between. */
export interface WebhookFill {
  subscriptionId: string;
  from: number;
  to: number;
  deliveries: readonly NewWebhookDelivery[];
}

/** A delivery claimed by a sender: `sending` until its lease ends. */
export interface ClaimedWebhookDelivery {
  id: string;
  subscriptionId: string;
  url: string;
  sealedSecret: string;
  type: WebhookEventType;
  idempotencyKey: string;
  body: string;
  /** This claim included. */
  attempts: number;
  /** When its retry window began: its creation, or the last "send again". */
  windowFrom: number;
}

/** How an attempt ended. */
export type WebhookOutcome =
  | { state: 'delivered'; at: number; status: number }
  | { state: 'pending'; nextAt: number; status: number | null; error: string }
  | { state: 'dead'; at: number; status: number | null; error: string };

/** The outcome of one claim of a delivery (`attempts`: the claim's count). */
export interface WebhookResult {
  id: string;
  attempts: number;
  outcome: WebhookOutcome;
}

/** A page of the delivery log. */
export interface WebhookDeliveryQuery {
  /** Only deliveries of these subscriptions (the ones the person may see). */
  subscriptionIds: readonly string[];
  state?: WebhookDeliveryState;
  limit: number;
  /** The `next` of the previous page. */
  before?: number;
}

export interface WebhookDeliveryPage {
  deliveries: WebhookDelivery[];
  /** Where the next (older) page starts, or null for the last page. */
  next: number | null;
}

/**
 * Webhook subscriptions and their durable outbox. The filler follows each site's event log with
 * one cursor per subscription and site, and moves a cursor in the same transaction that stores
 * its deliveries, only if it still stands where the filler read it (so a crash loses nothing,
 * and two nodes never both fill). Senders claim due deliveries (on PostgreSQL with SKIP LOCKED),
 * never a ticket's later event while an earlier one of the same subscription is not done.
 */
export interface WebhookStore {
  /**
   * Stores a subscription and, in the same transaction, its cursors at each site it covers
   * standing at that site's newest event (it gets what happens from now on).
   */
  createWebhook(webhook: NewWebhook, at: number): Promise<void>;
  webhookById(id: string): Promise<StoredWebhook | null>;
  /** Subscriptions of one site, and those of every site when `withAllSites`, newest first. */
  listWebhooks(siteId: string, withAllSites: boolean): Promise<StoredWebhook[]>;
  /**
   * Marks a subscription deleted, drops its cursors and gives up its pending deliveries
   * (`dead`, "subscription deleted"), in one transaction. False when unknown or already deleted.
   */
  deleteWebhook(id: string, at: number): Promise<boolean>;
  /** The live subscriptions that get a site's events, each with its cursor there (0 if none yet). */
  webhookCursors(siteId: string): Promise<WebhookCursor[]>;
  /**
   * In ONE transaction, for each fill whose cursor still stands at `from`: moves it to `to` and
   * stores its deliveries (one per idempotency key). Resolves how many deliveries were stored.
   */
  fillWebhookDeliveries(siteId: string, fills: readonly WebhookFill[]): Promise<number>;
  /**
   * Claims due deliveries (pending ones whose time has come, and `sending` ones past their
   * lease), at most `perSubscription` in flight per subscription, oldest first, never one whose
   * ticket (or, without a ticket, whose subscription and site) has an earlier delivery not done.
   * Each becomes `sending` until `now + leaseMs`, its attempts counted.
   */
  claimWebhookDeliveries(
    now: number,
    options: { limit: number; perSubscription: number; leaseMs: number },
  ): Promise<ClaimedWebhookDelivery[]>;
  /**
   * Records attempts' outcomes in ONE transaction, each only if its delivery is still that
   * claim's (`attempts`); resolves how many were recorded.
   */
  finishWebhookDeliveries(results: readonly WebhookResult[]): Promise<number>;
  webhookDeliveryById(id: string): Promise<WebhookDelivery | null>;
  listWebhookDeliveries(query: WebhookDeliveryQuery): Promise<WebhookDeliveryPage>;
  /**
   * "Send again": a dead or delivered delivery of a live subscription becomes pending now, its
   * retry window starting again, with the same idempotency key. False otherwise.
   */
  retryWebhookDelivery(id: string, at: number): Promise<boolean>;
  /** Removes a site's delivered and dead deliveries created before `before`; resolves how many. */
  purgeWebhookDeliveries(siteId: string, before: number): Promise<number>;
}
