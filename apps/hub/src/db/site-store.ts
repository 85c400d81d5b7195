import { siteConfigSchema, type SiteConfig, type Ticket } from '@luot/domain';
import type {
  DeviceRow,
  NewDevice,
  RowChange,
  StoredCommand,
  StoredEvent,
  SyncStore,
} from '../store.ts';
import { createAuditLog } from './audit-log.ts';
import { createSiteChain, type ChainLink } from './chain.ts';
import type { EventChainContent } from '../chain/chain.ts';
import { DOSSIER_VISITS_SQL, dossierVisitOfRow } from './dossier-visits.ts';
import type { Db } from './open-database.ts';
import { createPurge } from './purge.ts';
import { createReportDays } from './report-days.ts';
import { createReportQueries } from './report-queries.ts';
import { ticketOfRow } from '../ticket-row.ts';

export interface ServiceRow {
  id: number;
  ticketId: string;
  label: string;
  day: string;
  fieldId: string;
  counterId: string;
  clerkId: string | null;
  priority: number;
  waitingSince: number;
  calledAt: number;
  startedAt: number | null;
  endedAt: number | null;
  outcome: 'done' | 'no_show' | 'transferred' | 'cancelled' | 'expired' | null;
  recalls: number;
  rating: number | null;
}

/** One site's part of the SQLite file, answering at once, with what tools and tests read directly. */
export type SqliteSite = ReturnType<typeof createSiteStore>;

/** How the SQLite store is opened. */
export interface SqliteStoreOptions {
  /**
   * Whether events and audit records are written into the tamper-evident log (default true).
   * The bench's baseline only (the issuance bench measures the chain's cost); never a flag or
   * an env var: a hub always keeps its chain.
   */
  hashChain?: boolean;
}

/**
 * One site's store on the SQLite file, answering at once: every query filters by its site id.
 * `append` numbers each event as the site's last sequence number + 1, in the transaction, and
 * links it into the site's tamper-evident log (chain.ts). Also the site's report queries and
 * packed days, which the report worker and the benchmarks read directly.
 */
export function createSiteStore(
  db: Db,
  siteId: string,
  countSessions: (before: number) => number,
  options: SqliteStoreOptions = {},
) {
  const q = {
    insertEvent: db.prepare(
      `INSERT INTO events (site_id, seq, day, at, type, ticket_id, field_id, counter_id, clerk_id,
         actor, payload, prev_hash, hash)
       VALUES (@siteId, @seq, @day, @at, @type, @ticketId, @fieldId, @counterId, @clerkId,
         @actor, @payload, @prevHash, @hash)`,
    ),
    insertTicket: db.prepare(
      `INSERT INTO tickets (id, site_id, day, field_id, original_field_id, number, label,
         priority_class_id, status, issued_at, token_hash, issued_by, request_key, origin,
         estimated_wait_minutes)
       VALUES (@id, @siteId, @day, @fieldId, @originalFieldId, @number, @label, @priorityClassId,
         @status, @issuedAt, @tokenHash, @issuedBy, @requestKey, @origin, @estimate)`,
    ),
    ticketStatus: db.prepare(
      `UPDATE tickets SET status = @status, field_id = @fieldId, counter_id = @counterId,
         clerk_id = @clerkId, finished_at = @finishedAt,
         first_called_at = COALESCE(first_called_at, @calledAt), rating = @rating
       WHERE site_id = @siteId AND id = @id`,
    ),
    openService: db.prepare(
      `INSERT INTO services (site_id, ticket_id, day, field_id, counter_id, clerk_id, priority,
         waiting_since, called_at, origin)
       VALUES (@siteId, @ticketId, @day, @fieldId, @counterId, @clerkId, @priority,
         @waitingSince, @calledAt, @origin)`,
    ),
    serviceRecall: db.prepare(
      `UPDATE services SET recalls = recalls + 1
       WHERE site_id = ? AND ticket_id = ? AND ended_at IS NULL`,
    ),
    serviceStart: db.prepare(
      `UPDATE services SET started_at = ? WHERE site_id = ? AND ticket_id = ? AND ended_at IS NULL`,
    ),
    serviceEnd: db.prepare(
      `UPDATE services SET ended_at = ?, outcome = ?, dossier_outcome = ?, dossier_codes = ?
       WHERE site_id = ? AND ticket_id = ? AND ended_at IS NULL`,
    ),
    serviceRating: db.prepare(
      `UPDATE services SET rating = ? WHERE id =
         (SELECT id FROM services WHERE site_id = ? AND ticket_id = ? AND outcome = 'done'
          ORDER BY id DESC LIMIT 1)`,
    ),
    writeConfig: db.prepare(
      `INSERT INTO sites (id, json, created_at, updated_at) VALUES (@siteId, @json, @at, @at)
       ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    ),
    readConfig: db.prepare(`SELECT json FROM sites WHERE id = ?`),
    eventsOfDay: db.prepare(
      `SELECT seq, payload FROM events WHERE site_id = ? AND day = ? ORDER BY seq`,
    ),
    eventsAfter: db.prepare(
      `SELECT seq, payload FROM events WHERE site_id = ? AND seq > ? ORDER BY seq`,
    ),
    latestDay: db.prepare(`SELECT day FROM events WHERE site_id = ? ORDER BY seq DESC LIMIT 1`),
    lastSeq: db.prepare(`SELECT COALESCE(MAX(seq), 0) FROM events WHERE site_id = ?`).pluck(),
    dossierVisits: db.prepare(DOSSIER_VISITS_SQL.replace(/\$\d/g, '?')),
    servicesOfDay: db.prepare(
      `SELECT s.id, s.ticket_id AS ticketId, t.label, s.day, s.field_id AS fieldId,
         s.counter_id AS counterId, s.clerk_id AS clerkId, s.priority, s.waiting_since AS waitingSince,
         s.called_at AS calledAt, s.started_at AS startedAt, s.ended_at AS endedAt, s.outcome,
         s.recalls, s.rating
       FROM services s JOIN tickets t ON t.site_id = s.site_id AND t.id = s.ticket_id
       WHERE s.site_id = ? AND s.day = ? ORDER BY s.id`,
    ),
    ticketByRequestKey: db.prepare(`SELECT id FROM tickets WHERE site_id = ? AND request_key = ?`),
    ticketIssuer: db.prepare(
      `SELECT issued_by AS issuedBy FROM tickets WHERE site_id = ? AND id = ?`,
    ),
    ticketRow: db.prepare(`SELECT * FROM tickets WHERE site_id = ? AND id = ?`),
    insertDevice: db.prepare(
      `INSERT INTO devices (site_id, id, kind, name, counter_id, speaks, token_hash, created_at)
       VALUES (@siteId, @id, @kind, @name, @counterId, @speaks, @tokenHash, @createdAt)`,
    ),
    deviceById: db.prepare(`${deviceSelect()} WHERE site_id = ? AND id = ?`),
    listDevices: db.prepare(`${deviceSelect()} WHERE site_id = ? ORDER BY kind, id`),
    revokeDevice: db.prepare(
      `UPDATE devices SET revoked_at = ? WHERE site_id = ? AND id = ? AND revoked_at IS NULL`,
    ),
    touchDevice: db.prepare(`UPDATE devices SET last_seen_at = ? WHERE site_id = ? AND id = ?`),
  };

  const reportDays = createReportDays(db, siteId);
  const chain = createSiteChain(db, siteId, options.hashChain ?? true);
  const audit = createAuditLog(db, siteId, chain);
  const purge = createPurge(db, siteId, reportDays, countSessions, chain);
  const writeConfig = (config: SiteConfig, at: number) =>
    q.writeConfig.run({ siteId, json: JSON.stringify(config), at });

  function write(row: RowChange): void {
    switch (row.kind) {
      case 'ticket.insert':
        q.insertTicket.run({
          ...row.ticket,
          siteId,
          tokenHash: row.tokenHash,
          issuedBy: row.issuedBy,
          requestKey: row.requestKey,
          origin: row.ticket.origin ?? null,
          estimate: row.ticket.estimatedWaitMinutes ?? null,
        });
        return;
      case 'ticket.update':
        q.ticketStatus.run({ ...row.ticket, siteId });
        return;
      case 'visit.open':
        q.openService.run({ ...row, siteId, priority: row.priority ? 1 : 0 });
        return;
      case 'visit.recall':
        q.serviceRecall.run(siteId, row.ticketId);
        return;
      case 'visit.start':
        q.serviceStart.run(row.at, siteId, row.ticketId);
        return;
      case 'visit.end':
        q.serviceEnd.run(
          row.at,
          row.outcome,
          row.dossier?.outcome ?? null,
          row.dossier ? JSON.stringify(row.dossier.codes) : null,
          siteId,
          row.ticketId,
        );
        return;
      case 'visit.rate':
        q.serviceRating.run(row.score, siteId, row.ticketId);
        return;
      case 'config':
        writeConfig(row.config, row.at);
        return;
    }
  }

  /** Stores one command after `last`; returns its sequence numbers. */
  const appendOne = (
    command: StoredCommand,
    last: number,
    link: (row: EventChainContent) => ChainLink,
  ): number[] => {
    const { ctx } = command;
    const seqs: number[] = [];
    for (const event of command.events) {
      const ticket = event.type === 'ticket.issued' ? event.ticket : null;
      const seq = last + seqs.length + 1;
      const row: EventChainContent = {
        siteId,
        day: event.day,
        at: event.at,
        type: event.type,
        ticketId: 'ticketId' in event ? event.ticketId : (ticket?.id ?? null),
        fieldId: 'fieldId' in event ? event.fieldId : (ticket?.fieldId ?? null),
        counterId: 'counterId' in event ? event.counterId : null,
        clerkId: 'clerkId' in event ? event.clerkId : null,
        actor: ctx.actor,
        payload: JSON.stringify(event),
      };
      q.insertEvent.run({ ...row, seq, ...link(row) });
      seqs.push(seq);
      if (event.type !== 'day.opened') reportDays.forget(event.day);
    }
    for (const row of command.rows) {
      // A packed day that a row changes is packed again when a report needs it.
      if (row.kind === 'ticket.insert' || row.kind === 'ticket.update')
        reportDays.forget(row.ticket.day);
      write(row);
    }
    return seqs;
  };

  // The site's last number is read inside the transaction, so the numbers have no gaps.
  const appendGroup = db.transaction((commands: readonly StoredCommand[]): number[][] => {
    let last = q.lastSeq.get(siteId) as number;
    const link = chain.eventLinker();
    return commands.map((command) => {
      const seqs = appendOne(command, last, link);
      last += seqs.length;
      return seqs;
    });
  });

  const toEvents = (rows: unknown[]): StoredEvent[] =>
    (rows as { seq: number; payload: string }[]).map((r) => ({
      seq: r.seq,
      event: JSON.parse(r.payload) as StoredEvent['event'],
    }));

  const port: SyncStore = {
    siteId,
    appendAudit: (entry) => audit.append(entry),
    listAudit: (limit, beforeId) => audit.list(limit, beforeId),
    dossierVisits: (from, to) =>
      (q.dossierVisits.all(siteId, from, to) as Record<string, unknown>[]).map(dossierVisitOfRow),
    /** Stores commands' events and rows in one transaction (one sync to disk for all), in order. */
    append(commands: readonly StoredCommand[]): number[][] {
      return appendGroup(commands);
    },
    packNextDayBefore(today: string, at: number, after: string): string | null {
      return reportDays.packNextDayBefore(today, at, after);
    },
    purgeOldestDayBefore: (before, at) => purge.purgeOldestDayBefore(before, at),
    purgeAudit: (auditBefore) => purge.purgeAudit(auditBefore),
    sealDay: (day, at) => chain.sealDay(day, at),
    chainDigests: (from, to) => chain.chainDigests(from, to),
    latestDay(): string | null {
      return (q.latestDay.get(siteId) as { day: string } | undefined)?.day ?? null;
    },
    eventsOfDay(day: string): StoredEvent[] {
      return toEvents(q.eventsOfDay.all(siteId, day));
    },
    eventsAfter(seq: number): StoredEvent[] {
      return toEvents(q.eventsAfter.all(siteId, seq));
    },
    lastSeq(): number {
      return q.lastSeq.get(siteId) as number;
    },
    readConfig(): SiteConfig | null {
      const row = q.readConfig.get(siteId) as { json: string } | undefined;
      return row ? siteConfigSchema.parse(JSON.parse(row.json)) : null;
    },
    /** Writes the configuration; the first write creates the site. */
    writeConfig(config: SiteConfig, at: number): void {
      writeConfig(config, at);
    },
    ticketIdByRequestKey(key: string): string | null {
      return (q.ticketByRequestKey.get(siteId, key) as { id: string } | undefined)?.id ?? null;
    },
    ticketIssuer(ticketId: string): string | null {
      return (
        (q.ticketIssuer.get(siteId, ticketId) as { issuedBy: string | null } | undefined)
          ?.issuedBy ?? null
      );
    },
    ticketSnapshot(ticketId: string): Ticket | null {
      const r = q.ticketRow.get(siteId, ticketId) as Record<string, unknown> | undefined;
      return r ? ticketOfRow(r) : null;
    },
    createDevice(device: NewDevice, at: number): void {
      q.insertDevice.run({ ...device, siteId, speaks: device.speaks ? 1 : 0, createdAt: at });
    },
    deviceById(id: string): DeviceRow | null {
      return toDevice(q.deviceById.get(siteId, id));
    },
    listDevices(): DeviceRow[] {
      return q.listDevices.all(siteId).map((r) => toDevice(r)!);
    },
    revokeDevice(id: string, at: number): boolean {
      return q.revokeDevice.run(at, siteId, id).changes === 1;
    },
    touchDevice(id: string, at: number): void {
      q.touchDevice.run(at, siteId, id);
    },
  };
  return {
    ...port,
    siteId,
    /** Read-only queries of the site's reports (report-queries.ts), for tools and in-process reports. */
    reports: createReportQueries(db, siteId),
    /** The site's closed days packed for reports (report-days.ts). */
    reportDays,
    /**
     * What a purge with these cut-offs would remove at this site (`luot purge --dry-run`);
     * sessions across the deployment, as `purgeSessions` removes them.
     */
    purgeCounts: purge.count,
    /** Every visit to a counter on a day, oldest first: the raw material of waiting and service times. */
    services(day: string): ServiceRow[] {
      return q.servicesOfDay.all(siteId, day) as ServiceRow[];
    },
  };
}

/** The columns of a device row, as `DeviceRow` names them. */
export function deviceSelect(): string {
  return `SELECT site_id AS siteId, id, kind, name, counter_id AS counterId, speaks,
            created_at AS createdAt, revoked_at AS revokedAt, last_seen_at AS lastSeenAt
          FROM devices`;
}

export function toDevice(row: unknown): DeviceRow | null {
  if (!row) return null;
  const r = row as Omit<DeviceRow, 'speaks'> & { speaks: number };
  return { ...r, speaks: r.speaks === 1 };
}
