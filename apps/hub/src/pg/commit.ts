// A site's commit on PostgreSQL, shared by `turn` and `append`: the site's head row locked, other
// nodes' events read, the commands' events and rows written, the head moved and announced.
import type { QueueEvent } from '@luot/domain';
import type pg from 'pg';
import type { RowChange, StoredCommand, StoredEvent } from '../store.ts';
import type { PgDb } from './pool.ts';
import { chainHash, eventContent, GENESIS_HASH } from '../chain/chain.ts';

/** The channel every commit is announced on, as `<siteId>:<seq>` (see commit-listener.ts). */
export const COMMIT_CHANNEL = 'luot_commit';

/** Writes one row change of a command (what each kind writes: see `RowChange`). */
async function writeRow(c: pg.PoolClient, site: string, row: RowChange): Promise<void> {
  switch (row.kind) {
    case 'ticket.insert': {
      const t = row.ticket;
      await c.query({
        name: 'ticket.insert',
        text: `INSERT INTO tickets (site_id, id, day, field_id, original_field_id, number, label,
                 priority_class_id, status, issued_at, token_hash, issued_by, request_key, origin,
                 estimated_wait_minutes)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        values: [
          site,
          t.id,
          t.day,
          t.fieldId,
          t.originalFieldId,
          t.number,
          t.label,
          t.priorityClassId,
          t.status,
          t.issuedAt,
          row.tokenHash,
          row.issuedBy,
          row.requestKey,
          t.origin ?? null,
          t.estimatedWaitMinutes ?? null,
        ],
      });
      return;
    }
    case 'ticket.update': {
      const t = row.ticket;
      await c.query({
        name: 'ticket.update',
        text: `UPDATE tickets SET status = $3, field_id = $4, counter_id = $5, clerk_id = $6,
                 finished_at = $7, first_called_at = COALESCE(first_called_at, $8), rating = $9
               WHERE site_id = $1 AND id = $2`,
        values: [
          site,
          t.id,
          t.status,
          t.fieldId,
          t.counterId,
          t.clerkId,
          t.finishedAt,
          t.calledAt,
          t.rating,
        ],
      });
      return;
    }
    case 'visit.open':
      await c.query({
        name: 'visit.open',
        text: `INSERT INTO services (site_id, ticket_id, day, field_id, counter_id, clerk_id,
                 priority, waiting_since, called_at, origin)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        values: [
          site,
          row.ticketId,
          row.day,
          row.fieldId,
          row.counterId,
          row.clerkId,
          row.priority ? 1 : 0,
          row.waitingSince,
          row.calledAt,
          row.origin,
        ],
      });
      return;
    case 'visit.recall':
      await c.query({
        name: 'visit.recall',
        text: `UPDATE services SET recalls = recalls + 1
               WHERE site_id = $1 AND ticket_id = $2 AND ended_at IS NULL`,
        values: [site, row.ticketId],
      });
      return;
    case 'visit.start':
      await c.query({
        name: 'visit.start',
        text: `UPDATE services SET started_at = $3
               WHERE site_id = $1 AND ticket_id = $2 AND ended_at IS NULL`,
        values: [site, row.ticketId, row.at],
      });
      return;
    case 'visit.end':
      await c.query({
        name: 'visit.end',
        text: `UPDATE services SET ended_at = $3, outcome = $4, dossier_outcome = $5,
                 dossier_codes = $6
               WHERE site_id = $1 AND ticket_id = $2 AND ended_at IS NULL`,
        values: [
          site,
          row.ticketId,
          row.at,
          row.outcome,
          row.dossier?.outcome ?? null,
          row.dossier ? JSON.stringify(row.dossier.codes) : null,
        ],
      });
      return;
    case 'visit.rate':
      await c.query({
        name: 'visit.rate',
        text: `UPDATE services SET rating = $3 WHERE id = (
                 SELECT id FROM services WHERE site_id = $1 AND ticket_id = $2 AND outcome = 'done'
                 ORDER BY id DESC LIMIT 1)`,
        values: [site, row.ticketId, row.score],
      });
      return;
    case 'config':
      await c.query(`UPDATE sites SET json = $2, updated_at = $3 WHERE id = $1`, [
        site,
        JSON.stringify(row.config),
        row.at,
      ]);
      return;
  }
}

/** The site's row is missing: no command can be stored for a site that was never created. */
export class UnknownSiteError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(siteId: string) {
    super(`no site "${siteId}"`);
    this.name = 'UnknownSiteError';
  }
}

/**
 * The commit of one site's commands, shared by `turn` and `append`: in one transaction, lock the
 * site's head row, hand `decide` the events stored after `afterSeq` (null: none expected, so
 * none read), store the events of the commands it returns numbered from head + 1, write their
 * rows, move the head, drop the packed report days they change, and NOTIFY; then COMMIT.
 */
export async function commit(
  db: PgDb,
  site: string,
  afterSeq: number | null,
  decide: (missed: StoredEvent[]) => Promise<readonly StoredCommand[]>,
): Promise<number[][]> {
  return db.tx(
    async (c) => {
      // The lock and the read of what other nodes stored go out together: the read runs once
      // the lock is held.
      // The event chain's head hash comes with the head, under the same lock.
      const locked = c.query<{ head_seq: number; head_hash: string | null; chain_site: string }>({
        name: 'site.lock',
        text: `SELECT head_seq, head_hash, COALESCE(chain_site_id, id) AS chain_site
               FROM sites WHERE id = $1 FOR UPDATE`,
        values: [site],
      });
      const after =
        afterSeq === null
          ? null
          : c.query<{ seq: number; payload: string }>({
              name: 'events.after',
              text: 'SELECT seq, payload FROM events WHERE site_id = $1 AND seq > $2 ORDER BY seq',
              values: [site, afterSeq],
            });
      after?.catch(() => {});
      const head = await locked;
      if (head.rowCount === 0) throw new UnknownSiteError(site);
      let seq = head.rows[0]!.head_seq;
      let hash = head.rows[0]!.head_hash ?? GENESIS_HASH;
      const chainSite = head.rows[0]!.chain_site;
      const missed = after ? parseEvents((await after).rows) : [];
      const commands = await decide(missed);
      const columns: unknown[][] = Array.from({ length: 12 }, () => []);
      const days = new Set<string>();
      const seqs = commands.map((command) =>
        command.events.map((event) => {
          const ticket = event.type === 'ticket.issued' ? event.ticket : null;
          const row = {
            siteId: chainSite,
            day: event.day,
            at: event.at,
            type: event.type,
            ticketId: ('ticketId' in event ? event.ticketId : ticket?.id) ?? null,
            fieldId: ('fieldId' in event ? event.fieldId : ticket?.fieldId) ?? null,
            counterId: ('counterId' in event ? event.counterId : null) ?? null,
            clerkId: ('clerkId' in event ? event.clerkId : null) ?? null,
            actor: command.ctx.actor,
            payload: JSON.stringify(event),
          };
          const prevHash = hash;
          hash = chainHash(prevHash, eventContent(row));
          const values = [
            ++seq,
            row.day,
            row.at,
            row.type,
            row.ticketId,
            row.fieldId,
            row.counterId,
            row.clerkId,
            row.actor,
            row.payload,
            prevHash,
            hash,
          ];
          values.forEach((v, i) => columns[i]!.push(v));
          if (event.type !== 'day.opened') days.add(event.day);
          return seq;
        }),
      );
      // The writes go out together (the pool's connections pipeline): one round trip, not one
      // per row. A failed statement aborts the transaction: the statements after it fail too.
      const writes: Promise<unknown>[] = [];
      if (columns[0]!.length > 0)
        writes.push(
          c.query({
            name: 'events.insert',
            text: `INSERT INTO events (site_id, seq, day, at, type, ticket_id, field_id, counter_id,
                     clerk_id, actor, payload, prev_hash, hash)
                   SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::text[],
                     $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                     $12::text[], $13::text[])`,
            values: [site, ...columns],
          }),
        );
      for (const command of commands)
        for (const row of command.rows) {
          if (row.kind === 'ticket.insert' || row.kind === 'ticket.update')
            days.add(row.ticket.day);
          writes.push(writeRow(c, site, row));
        }
      if (columns[0]!.length > 0 || days.size > 0)
        // A packed day that these rows change is packed again when a report needs it.
        writes.push(
          c.query({
            name: 'site.head',
            text: `WITH head AS (UPDATE sites SET head_seq = $2, head_hash = $4 WHERE id = $1),
                        unpacked AS (DELETE FROM report_days WHERE site_id = $1 AND day = ANY($3))
                   SELECT pg_notify('${COMMIT_CHANNEL}', $1 || ':' || $2)`,
            values: [site, seq, [...days], columns[0]!.length > 0 ? hash : head.rows[0]!.head_hash],
          }),
        );
      // COMMIT goes out behind the writes, in the same round trip; after a failed write the
      // server answers it by rolling back, so nothing of the group is stored.
      const committed = c.query('COMMIT');
      writes.push(committed);
      await settleAll(writes);
      return seqs;
    },
    { workCommits: true },
  );
}

/** Waits for every statement sent; rejects with the first failure (the others are handled). */
async function settleAll(writes: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(writes);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export function parseEvents(rows: { seq: number; payload: string }[]): StoredEvent[] {
  return rows.map((r) => ({ seq: r.seq, event: JSON.parse(r.payload) as QueueEvent }));
}
