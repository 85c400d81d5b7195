import { siteConfigSchema, type SiteConfig, type Ticket } from '@luot/domain';
import type { AuditAction, AuditEntry } from '@luot/protocol';
import type pg from 'pg';
import type { DeviceRow, PurgedDay, Store } from '../store.ts';
import { commit, parseEvents } from './commit.ts';
import {
  anchorEventsOfDay,
  appendChainedAudit,
  chainDigests,
  purgeChainedAudit,
  sealDay,
} from './chain.ts';
import type { PgDb } from './pool.ts';
import { packStoredDay } from './report-days.ts';
import { ticketOfRow } from '../ticket-row.ts';
import { DOSSIER_VISITS_SQL, dossierVisitOfRow } from '../db/dossier-visits.ts';

const DEVICE_COLUMNS = `site_id AS "siteId", id, kind, name, counter_id AS "counterId", speaks,
  created_at AS "createdAt", revoked_at AS "revokedAt", last_seen_at AS "lastSeenAt"`;

/** One site's part of the province's database (the `Store` port), with `turn`. */
export function createPgSiteStore(db: PgDb, siteId: string): Store {
  const site = siteId;
  const one = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    (await db.query<R>(text, values)).rows[0] ?? null;

  return {
    siteId,
    async readConfig(): Promise<SiteConfig | null> {
      const row = await one<{ json: string }>('SELECT json FROM sites WHERE id = $1', [site]);
      return row ? siteConfigSchema.parse(JSON.parse(row.json)) : null;
    },
    async writeConfig(config, at) {
      // A site written before it was created is created by its first configuration.
      await db.query(
        `INSERT INTO sites (id, json, created_at, updated_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
        [site, JSON.stringify(config), at],
      );
    },
    async latestDay() {
      const row = await one<{ day: string }>(
        'SELECT day FROM events WHERE site_id = $1 ORDER BY seq DESC LIMIT 1',
        [site],
      );
      return row?.day ?? null;
    },
    async eventsOfDay(day) {
      const { rows } = await db.query<{ seq: number; payload: string }>(
        'SELECT seq, payload FROM events WHERE site_id = $1 AND day = $2 ORDER BY seq',
        [site, day],
      );
      return parseEvents(rows);
    },
    async eventsAfter(seq) {
      const { rows } = await db.query<{ seq: number; payload: string }>(
        'SELECT seq, payload FROM events WHERE site_id = $1 AND seq > $2 ORDER BY seq',
        [site, seq],
      );
      return parseEvents(rows);
    },
    async lastSeq() {
      const row = await one<{ head_seq: number }>('SELECT head_seq FROM sites WHERE id = $1', [
        site,
      ]);
      return row?.head_seq ?? 0;
    },
    append(commands) {
      return commit(db, site, null, async () => commands);
    },
    turn(afterSeq, decide) {
      return commit(db, site, afterSeq, decide);
    },
    async ticketIdByRequestKey(key) {
      const row = await one<{ id: string }>(
        'SELECT id FROM tickets WHERE site_id = $1 AND request_key = $2',
        [site, key],
      );
      return row?.id ?? null;
    },
    async ticketIssuer(ticketId) {
      const row = await one<{ issued_by: string | null }>(
        'SELECT issued_by FROM tickets WHERE site_id = $1 AND id = $2',
        [site, ticketId],
      );
      return row?.issued_by ?? null;
    },
    async ticketSnapshot(ticketId): Promise<Ticket | null> {
      const r = await one<Record<string, unknown>>(
        'SELECT * FROM tickets WHERE site_id = $1 AND id = $2',
        [site, ticketId],
      );
      return r ? ticketOfRow(r) : null;
    },
    async createDevice(device, at) {
      await db.query(
        `INSERT INTO devices (site_id, id, kind, name, counter_id, speaks, token_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          site,
          device.id,
          device.kind,
          device.name,
          device.counterId,
          device.speaks,
          device.tokenHash,
          at,
        ],
      );
    },
    async deviceById(id) {
      return one<DeviceRow>(
        `SELECT ${DEVICE_COLUMNS} FROM devices WHERE site_id = $1 AND id = $2`,
        [site, id],
      );
    },
    async listDevices() {
      const { rows } = await db.query<DeviceRow>(
        `SELECT ${DEVICE_COLUMNS} FROM devices WHERE site_id = $1 ORDER BY kind, id`,
        [site],
      );
      return rows;
    },
    async revokeDevice(id, at) {
      const r = await db.query(
        `UPDATE devices SET revoked_at = $3 WHERE site_id = $1 AND id = $2 AND revoked_at IS NULL`,
        [site, id, at],
      );
      return r.rowCount === 1;
    },
    async touchDevice(id, at) {
      await db.query(`UPDATE devices SET last_seen_at = $3 WHERE site_id = $1 AND id = $2`, [
        site,
        id,
        at,
      ]);
    },
    appendAudit(entry) {
      return appendChainedAudit(db, site, entry);
    },
    async dossierVisits(from, to) {
      const { rows } = await db.query(DOSSIER_VISITS_SQL, [site, from, to]);
      return rows.map(dossierVisitOfRow);
    },
    async listAudit(limit, beforeId = Number.MAX_SAFE_INTEGER) {
      const { rows } = await db.query<
        Omit<AuditEntry, 'detail' | 'action'> & { action: AuditAction; detail: string }
      >(
        `SELECT id, at, actor, action, target, detail FROM audit_log
         WHERE site_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3`,
        [site, beforeId, limit],
      );
      return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as AuditEntry['detail'] }));
    },
    async packNextDayBefore(today, at, after) {
      return db.tx(async (c) => {
        const { rows } = await c.query<{ day: string | null }>(
          `SELECT MIN(t.day) AS day FROM tickets t
           WHERE t.site_id = $1 AND t.day > $2 AND t.day < $3
             AND NOT EXISTS (SELECT 1 FROM report_days r WHERE r.site_id = $1 AND r.day = t.day)`,
          [site, after, today],
        );
        const day = rows[0]?.day ?? null;
        if (day !== null) await packStoredDay(c, site, day, at);
        return day;
      });
    },
    async purgeOldestDayBefore(before, at): Promise<PurgedDay | null> {
      return db.tx(async (c) => {
        const latest = (
          await c.query<{ day: string }>(
            'SELECT day FROM events WHERE site_id = $1 ORDER BY seq DESC LIMIT 1',
            [site],
          )
        ).rows[0]?.day;
        // The newest stored day always stays: the queue restores itself from it.
        const bound = latest !== undefined && latest < before ? latest : before;
        const day = (
          await c.query<{ day: string | null }>(
            `SELECT LEAST(
               (SELECT MIN(day) FROM events WHERE site_id = $1 AND day < $2),
               (SELECT MIN(day) FROM tickets WHERE site_id = $1 AND day < $2),
               (SELECT MIN(day) FROM services WHERE site_id = $1 AND day < $2)) AS day`,
            [site, bound],
          )
        ).rows[0]?.day;
        if (!day) return null;
        const { rows } = await c.query<{ has_rows: boolean; packed: boolean }>(
          `SELECT (EXISTS (SELECT 1 FROM tickets WHERE site_id = $1 AND day = $2)
                   OR EXISTS (SELECT 1 FROM services WHERE site_id = $1 AND day = $2)) AS has_rows,
                  EXISTS (SELECT 1 FROM report_days WHERE site_id = $1 AND day = $2) AS packed`,
          [site, day],
        );
        if (rows[0]!.has_rows && !rows[0]!.packed) await packStoredDay(c, site, day, at);
        const services = (
          await c.query('DELETE FROM services WHERE site_id = $1 AND day = $2', [site, day])
        ).rowCount!;
        // A ticket whose visit is stored under another day keeps its row until that day goes.
        const tickets = (
          await c.query(
            `DELETE FROM tickets t WHERE t.site_id = $1 AND t.day = $2 AND NOT EXISTS
               (SELECT 1 FROM services s WHERE s.site_id = $1 AND s.ticket_id = t.id)`,
            [site, day],
          )
        ).rowCount!;
        await anchorEventsOfDay(c, site, day);
        const events = (
          await c.query('DELETE FROM events WHERE site_id = $1 AND day = $2', [site, day])
        ).rowCount!;
        return { day, events, tickets, services };
      });
    },
    purgeAudit(auditBefore) {
      return purgeChainedAudit(db, site, auditBefore);
    },
    sealDay(day, at) {
      return sealDay(db, site, day, at);
    },
    chainDigests(from, to) {
      return chainDigests(db, site, from, to);
    },
  };
}
