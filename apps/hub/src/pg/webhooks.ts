import type { ClaimedWebhookDelivery, WebhookStore } from '../store-webhooks.ts';
import {
  DELIVERY_COLUMNS,
  pickClaims,
  toDelivery,
  toWebhook,
  webhookColumns,
  type DeliveryRecord,
  type WebhookRecord,
} from '../webhooks/claims.ts';
import type { PgDb } from './pool.ts';

/**
 * Webhook subscriptions, cursors and deliveries on PostgreSQL (migration 009). Several nodes
 * fill and send: a cursor moves only from the value its filler read (a row lock orders two
 * nodes; the second finds it moved and stores nothing), and a claim locks its due rows
 * `FOR UPDATE SKIP LOCKED`, so two nodes never claim the same delivery.
 */
export function createPgWebhookStore(db: PgDb): WebhookStore {
  return {
    async createWebhook(w, at) {
      await db.tx(async (c) => {
        await c.query(
          `INSERT INTO webhook_subscriptions (id, url, events, site_id, description, secret,
             created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            w.id,
            w.url,
            JSON.stringify(w.events),
            w.siteId,
            w.description,
            w.sealedSecret,
            at,
            w.createdBy,
          ],
        );
        await c.query(
          `INSERT INTO webhook_cursors (subscription_id, site_id, seq)
           SELECT $1, id, head_seq FROM sites WHERE $2::text IS NULL OR id = $2`,
          [w.id, w.siteId],
        );
      });
    },
    async webhookById(id) {
      const { rows } = await db.query<WebhookRecord>(
        `SELECT ${webhookColumns()} FROM webhook_subscriptions WHERE id = $1`,
        [id],
      );
      return rows[0] ? toWebhook(rows[0]) : null;
    },
    async listWebhooks(siteId, withAllSites) {
      const { rows } = await db.query<WebhookRecord>(
        `SELECT ${webhookColumns()} FROM webhook_subscriptions
         WHERE site_id = $1 OR ($2 AND site_id IS NULL) ORDER BY position DESC`,
        [siteId, withAllSites],
      );
      return rows.map(toWebhook);
    },
    async deleteWebhook(id, at) {
      return db.tx(async (c) => {
        const { rowCount } = await c.query(
          `UPDATE webhook_subscriptions SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL`,
          [at, id],
        );
        if (!rowCount) return false;
        await c.query(`DELETE FROM webhook_cursors WHERE subscription_id = $1`, [id]);
        await c.query(
          `UPDATE webhook_deliveries SET state = 'dead', next_at = NULL,
             last_error = 'subscription deleted'
           WHERE subscription_id = $1 AND state IN ('pending', 'sending')`,
          [id],
        );
        return true;
      });
    },
    async webhookCursors(siteId) {
      const { rows } = await db.query<WebhookRecord & { seq: number }>(
        `SELECT ${webhookColumns('s')}, COALESCE(c.seq, 0) AS seq
         FROM webhook_subscriptions s
         LEFT JOIN webhook_cursors c ON c.subscription_id = s.id AND c.site_id = $1
         WHERE s.deleted_at IS NULL AND (s.site_id IS NULL OR s.site_id = $1)
         ORDER BY s.position`,
        [siteId],
      );
      return rows.map(({ seq, ...row }) => ({ subscription: toWebhook(row), seq: Number(seq) }));
    },
    async fillWebhookDeliveries(siteId, fills) {
      if (fills.length === 0) return 0;
      return db.tx(async (c) => {
        let stored = 0;
        for (const f of fills) {
          // Moves the cursor only from where the filler read it; another node's fill holds the
          // row lock until it commits, and then this finds the cursor moved.
          const moved =
            f.from === 0
              ? await c.query(
                  `INSERT INTO webhook_cursors (subscription_id, site_id, seq) VALUES ($1, $2, $3)
                   ON CONFLICT (subscription_id, site_id) DO UPDATE SET seq = excluded.seq
                   WHERE webhook_cursors.seq = 0`,
                  [f.subscriptionId, siteId, f.to],
                )
              : await c.query(
                  `UPDATE webhook_cursors SET seq = $3
                   WHERE subscription_id = $1 AND site_id = $2 AND seq = $4`,
                  [f.subscriptionId, siteId, f.to, f.from],
                );
          if (!moved.rowCount || f.deliveries.length === 0) continue;
          const values = f.deliveries.flatMap((d) => [
            d.id,
            d.subscriptionId,
            d.siteId,
            d.seq,
            d.type,
            d.ticketId,
            d.ticketLabel,
            d.orderKey,
            d.idempotencyKey,
            d.body,
            d.at,
          ]);
          const tuples = f.deliveries.map((_, r) => {
            const $ = (k: number) => `$${r * 11 + k}`;
            return `(${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)}, ${$(8)}, ${$(9)}, ${$(10)}, 'pending', 0, ${$(11)}, ${$(11)}, ${$(11)})`;
          });
          const { rowCount } = await c.query(
            `INSERT INTO webhook_deliveries (id, subscription_id, site_id, seq, type, ticket_id,
               ticket_label, order_key, idempotency_key, body, state, attempts, created_at, window_from, next_at)
             VALUES ${tuples.join(', ')} ON CONFLICT (idempotency_key) DO NOTHING`,
            values,
          );
          stored += rowCount ?? 0;
        }
        return stored;
      });
    },
    async claimWebhookDeliveries(now, o) {
      return db.tx(async (c) => {
        const { rows: candidates } = await c.query<ClaimedWebhookDelivery>(
          `SELECT d.id, d.subscription_id AS "subscriptionId", s.url, s.secret AS "sealedSecret",
             d.type, d.idempotency_key AS "idempotencyKey", d.body, d.attempts,
             d.window_from AS "windowFrom"
           FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
           WHERE d.state IN ('pending', 'sending') AND d.next_at <= $1 AND s.deleted_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
               WHERE e.subscription_id = d.subscription_id AND e.site_id = d.site_id
                 AND e.order_key = d.order_key AND e.seq < d.seq
                 AND e.state IN ('pending', 'sending'))
           ORDER BY d.next_at, d.n LIMIT $2
           FOR UPDATE OF d SKIP LOCKED`,
          [now, o.limit * 4],
        );
        if (candidates.length === 0) return [];
        const { rows: flying } = await c.query<{ subscriptionId: string; n: string }>(
          `SELECT subscription_id AS "subscriptionId", COUNT(*) AS n FROM webhook_deliveries
           WHERE state = 'sending' AND next_at > $1 GROUP BY subscription_id`,
          [now],
        );
        const inFlight = new Map(flying.map((r) => [r.subscriptionId, Number(r.n)]));
        const picked = pickClaims(candidates, inFlight, o.perSubscription, o.limit);
        if (picked.length === 0) return [];
        await c.query(
          `UPDATE webhook_deliveries SET state = 'sending', attempts = attempts + 1, next_at = $1
           WHERE id = ANY($2::text[])`,
          [now + o.leaseMs, picked.map((p) => p.id)],
        );
        return picked.map((p) => ({
          ...p,
          attempts: p.attempts + 1,
          windowFrom: Number(p.windowFrom),
        }));
      });
    },
    async finishWebhookDeliveries(results) {
      if (results.length === 0) return 0;
      // One statement: every outcome, each applied only to its own claim.
      const { rowCount } = await db.query(
        `UPDATE webhook_deliveries d SET state = r.state, next_at = r.next_at,
           last_status = r.status, last_error = r.error, delivered_at = r.delivered_at
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, attempts integer, state text,
           next_at bigint, status integer, error text, delivered_at bigint)
         WHERE d.id = r.id AND d.state = 'sending' AND d.attempts = r.attempts`,
        [
          JSON.stringify(
            results.map(({ id, attempts, outcome: o }) => ({
              id,
              attempts,
              state: o.state,
              next_at: o.state === 'pending' ? o.nextAt : null,
              status: o.status,
              error: o.state === 'delivered' ? null : o.error,
              delivered_at: o.state === 'delivered' ? o.at : null,
            })),
          ),
        ],
      );
      return rowCount ?? 0;
    },
    async webhookDeliveryById(id) {
      const { rows } = await db.query<DeliveryRecord>(
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1`,
        [id],
      );
      return rows[0] ? toDelivery(rows[0]) : null;
    },
    async listWebhookDeliveries(query) {
      const { rows } = await db.query<DeliveryRecord & { n: string }>(
        `SELECT n, ${DELIVERY_COLUMNS} FROM webhook_deliveries
         WHERE subscription_id = ANY($1::text[])
           AND ($2::text IS NULL OR state = $2 OR ($2 = 'pending' AND state = 'sending'))
           AND n < $3
         ORDER BY n DESC LIMIT $4`,
        [
          [...query.subscriptionIds],
          query.state ?? null,
          query.before ?? Number.MAX_SAFE_INTEGER,
          query.limit + 1,
        ],
      );
      const page = rows.slice(0, query.limit);
      return {
        deliveries: page.map(toDelivery),
        next: rows.length > query.limit ? Number(page[page.length - 1]!.n) : null,
      };
    },
    async retryWebhookDelivery(id, at) {
      const { rowCount } = await db.query(
        `UPDATE webhook_deliveries SET state = 'pending', next_at = $2, window_from = $2,
           delivered_at = NULL
         WHERE id = $1 AND state IN ('dead', 'delivered')
           AND subscription_id IN (SELECT id FROM webhook_subscriptions WHERE deleted_at IS NULL)`,
        [id, at],
      );
      return rowCount === 1;
    },
    async purgeWebhookDeliveries(siteId, before) {
      const { rowCount } = await db.query(
        `DELETE FROM webhook_deliveries
         WHERE site_id = $1 AND state IN ('delivered', 'dead') AND created_at < $2`,
        [siteId, before],
      );
      return rowCount ?? 0;
    },
  };
}
