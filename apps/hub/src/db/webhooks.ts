import type { Sync } from '../store.ts';
import type {
  ClaimedWebhookDelivery,
  WebhookCursor,
  WebhookFill,
  WebhookResult,
  WebhookStore,
} from '../store-webhooks.ts';
import {
  DELIVERY_COLUMNS,
  webhookColumns,
  pickClaims,
  toDelivery,
  toWebhook,
  type DeliveryRecord,
  type WebhookRecord,
} from '../webhooks/claims.ts';
import type { Db } from './open-database.ts';

/** Due deliveries that wait behind no earlier one of their ticket (see migration 014). */
const DUE = `SELECT d.id, d.subscription_id AS subscriptionId, s.url, s.secret AS sealedSecret,
    d.type, d.idempotency_key AS idempotencyKey, d.body, d.attempts, d.window_from AS windowFrom
  FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
  WHERE d.state IN ('pending', 'sending') AND d.next_at <= ? AND s.deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
      WHERE e.subscription_id = d.subscription_id AND e.site_id = d.site_id
        AND e.order_key = d.order_key AND e.seq < d.seq AND e.state IN ('pending', 'sending'))
  ORDER BY d.next_at, d.n LIMIT ?`;

/**
 * Webhook subscriptions, cursors and deliveries in the SQLite file (migration 014). One process
 * writes the file, so a fill and a claim are plain transactions.
 */
export function createWebhookStore(db: Db): Sync<WebhookStore> {
  const q = {
    insert: db.prepare(
      `INSERT INTO webhook_subscriptions (id, url, events, site_id, description, secret,
         created_at, created_by)
       VALUES (@id, @url, @events, @siteId, @description, @sealedSecret, @at, @createdBy)`,
    ),
    // A site's newest event (0 for none) for each site the subscription covers.
    startCursors: db.prepare(
      `INSERT INTO webhook_cursors (subscription_id, site_id, seq)
       SELECT ?, s.id, COALESCE((SELECT MAX(seq) FROM events e WHERE e.site_id = s.id), 0)
       FROM sites s WHERE ? IS NULL OR s.id = ?`,
    ),
    byId: db.prepare(`SELECT ${webhookColumns()} FROM webhook_subscriptions WHERE id = ?`),
    list: db.prepare(
      `SELECT ${webhookColumns()} FROM webhook_subscriptions
       WHERE site_id = ? OR (? AND site_id IS NULL) ORDER BY created_at DESC, rowid DESC`,
    ),
    markDeleted: db.prepare(
      `UPDATE webhook_subscriptions SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`,
    ),
    dropCursors: db.prepare(`DELETE FROM webhook_cursors WHERE subscription_id = ?`),
    giveUp: db.prepare(
      `UPDATE webhook_deliveries SET state = 'dead', next_at = NULL,
         last_error = 'subscription deleted'
       WHERE subscription_id = ? AND state IN ('pending', 'sending')`,
    ),
    cursors: db.prepare(
      `SELECT ${webhookColumns('s')},
         COALESCE(c.seq, 0) AS seq
       FROM webhook_subscriptions s
       LEFT JOIN webhook_cursors c ON c.subscription_id = s.id AND c.site_id = ?
       WHERE s.deleted_at IS NULL AND (s.site_id IS NULL OR s.site_id = ?)
       ORDER BY s.created_at, s.rowid`,
    ),
    moveCursor: db.prepare(
      `INSERT INTO webhook_cursors (subscription_id, site_id, seq) VALUES (@sub, @site, @to)
       ON CONFLICT (subscription_id, site_id) DO UPDATE SET seq = excluded.seq
       WHERE webhook_cursors.seq = @from`,
    ),
    cursorAt: db.prepare(
      `SELECT seq FROM webhook_cursors WHERE subscription_id = ? AND site_id = ?`,
    ),
    insertDelivery: db.prepare(
      `INSERT INTO webhook_deliveries (id, subscription_id, site_id, seq, type, ticket_id,
         ticket_label, order_key, idempotency_key, body, state, attempts, created_at,
         window_from, next_at)
       VALUES (@id, @subscriptionId, @siteId, @seq, @type, @ticketId, @ticketLabel, @orderKey,
         @idempotencyKey, @body, 'pending', 0, @at, @at, @at)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    ),
    due: db.prepare(DUE),
    inFlight: db.prepare(
      `SELECT subscription_id AS subscriptionId, COUNT(*) AS n FROM webhook_deliveries
       WHERE state = 'sending' AND next_at > ? GROUP BY subscription_id`,
    ),
    claim: db.prepare(
      `UPDATE webhook_deliveries SET state = 'sending', attempts = attempts + 1, next_at = ?
       WHERE id = ?`,
    ),
    finish: db.prepare(
      `UPDATE webhook_deliveries SET state = @state, next_at = @nextAt, last_status = @status,
         last_error = @error, delivered_at = @deliveredAt
       WHERE id = @id AND state = 'sending' AND attempts = @attempts`,
    ),
    delivery: db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = ?`),
    page: db.prepare(
      `SELECT n, ${DELIVERY_COLUMNS} FROM webhook_deliveries
       WHERE subscription_id IN (SELECT value FROM json_each(@subs))
         AND (@state IS NULL OR state = @state OR (@state = 'pending' AND state = 'sending'))
         AND n < @before
       ORDER BY n DESC LIMIT @limit`,
    ),
    retry: db.prepare(
      `UPDATE webhook_deliveries SET state = 'pending', next_at = ?, window_from = ?,
         delivered_at = NULL
       WHERE id = ? AND state IN ('dead', 'delivered')
         AND subscription_id IN (SELECT id FROM webhook_subscriptions WHERE deleted_at IS NULL)`,
    ),
    purge: db.prepare(
      `DELETE FROM webhook_deliveries
       WHERE site_id = ? AND state IN ('delivered', 'dead') AND created_at < ?`,
    ),
  };

  const create = db.transaction((w: Parameters<WebhookStore['createWebhook']>[0], at: number) => {
    q.insert.run({ ...w, events: JSON.stringify(w.events), at });
    q.startCursors.run(w.id, w.siteId, w.siteId);
  });
  const remove = db.transaction((id: string, at: number): boolean => {
    if (q.markDeleted.run(at, id).changes === 0) return false;
    q.dropCursors.run(id);
    q.giveUp.run(id);
    return true;
  });
  const fill = db.transaction((siteId: string, fills: readonly WebhookFill[]): number => {
    let stored = 0;
    for (const f of fills) {
      const current = (q.cursorAt.get(f.subscriptionId, siteId) as { seq: number } | undefined)
        ?.seq;
      if ((current ?? 0) !== f.from) continue;
      q.moveCursor.run({ sub: f.subscriptionId, site: siteId, to: f.to, from: f.from });
      for (const d of f.deliveries) stored += q.insertDelivery.run(d).changes;
    }
    return stored;
  });
  const finish = db.transaction((results: readonly WebhookResult[]): number => {
    let recorded = 0;
    for (const { id, attempts, outcome: o } of results)
      recorded += q.finish.run({
        id,
        attempts,
        state: o.state,
        nextAt: o.state === 'pending' ? o.nextAt : null,
        status: o.status,
        error: o.state === 'delivered' ? null : o.error,
        deliveredAt: o.state === 'delivered' ? o.at : null,
      }).changes;
    return recorded;
  });
  type Candidate = ClaimedWebhookDelivery;
  const claim = db.transaction(
    (now: number, o: { limit: number; perSubscription: number; leaseMs: number }) => {
      const candidates = q.due.all(now, o.limit * 4) as Candidate[];
      if (candidates.length === 0) return [];
      const inFlight = new Map(
        (q.inFlight.all(now) as { subscriptionId: string; n: number }[]).map((r) => [
          r.subscriptionId,
          r.n,
        ]),
      );
      return pickClaims(candidates, inFlight, o.perSubscription, o.limit).map((c) => {
        q.claim.run(now + o.leaseMs, c.id);
        return { ...c, attempts: c.attempts + 1 };
      });
    },
  );

  return {
    createWebhook(webhook, at): void {
      create(webhook, at);
    },
    webhookById(id) {
      const row = q.byId.get(id) as WebhookRecord | undefined;
      return row ? toWebhook(row) : null;
    },
    listWebhooks: (siteId, withAllSites) =>
      (q.list.all(siteId, withAllSites ? 1 : 0) as WebhookRecord[]).map(toWebhook),
    deleteWebhook: (id, at) => remove(id, at),
    webhookCursors(siteId): WebhookCursor[] {
      return (q.cursors.all(siteId, siteId) as (WebhookRecord & { seq: number })[]).map(
        ({ seq, ...row }) => ({ subscription: toWebhook(row), seq }),
      );
    },
    fillWebhookDeliveries: (siteId, fills) => fill(siteId, fills),
    claimWebhookDeliveries: (now, options) => claim(now, options),
    finishWebhookDeliveries: (results) => finish(results),
    webhookDeliveryById(id) {
      const row = q.delivery.get(id) as DeliveryRecord | undefined;
      return row ? toDelivery(row) : null;
    },
    listWebhookDeliveries(query) {
      const rows = q.page.all({
        subs: JSON.stringify(query.subscriptionIds),
        state: query.state ?? null,
        before: query.before ?? Number.MAX_SAFE_INTEGER,
        limit: query.limit + 1,
      }) as (DeliveryRecord & { n: number })[];
      const page = rows.slice(0, query.limit);
      return {
        deliveries: page.map(toDelivery),
        next: rows.length > query.limit ? page[page.length - 1]!.n : null,
      };
    },
    retryWebhookDelivery: (id, at) => q.retry.run(at, at, id).changes === 1,
    purgeWebhookDeliveries: (siteId, before) => q.purge.run(siteId, before).changes,
  };
}
