import { siteConfigSchema, type QueueEvent, type SiteConfig, type Ticket } from '@luot/domain';
import type {
  DeviceRow,
  NewDevice,
  NewUser,
  RowChange,
  NewSession,
  StoredCommand,
  SyncStore,
  UserRow,
  UserSummary,
} from '../store.ts';
import { createAuditLog } from './audit-log.ts';
import { createSessions } from './sessions.ts';
import type { Db } from './open-database.ts';
import { createReportDays } from './report-days.ts';
import { createPurge } from './purge.ts';
import { createReportQueries } from './report-queries.ts';

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

export type SqliteStore = ReturnType<typeof createStore>;

/**
 * The store port (`../store.ts`) on an SQLite file, answering at once; `asyncStore` makes it
 * the port the hub uses. `append` stores commands' events and the rows they change in one
 * transaction: either all of a group is durable or none. Also the report queries and packed
 * days, which the report worker and the benchmarks read directly.
 */
export function createStore(db: Db) {
  const q = {
    insertEvent: db.prepare(
      `INSERT INTO events (day, at, type, ticket_id, field_id, counter_id, clerk_id, actor, payload)
       VALUES (@day, @at, @type, @ticketId, @fieldId, @counterId, @clerkId, @actor, @payload)`,
    ),
    insertTicket: db.prepare(
      `INSERT INTO tickets (id, day, field_id, original_field_id, number, label, priority_class_id,
         status, issued_at, token_hash, issued_by, request_key)
       VALUES (@id, @day, @fieldId, @originalFieldId, @number, @label, @priorityClassId,
         @status, @issuedAt, @tokenHash, @issuedBy, @requestKey)`,
    ),
    ticketStatus: db.prepare(
      `UPDATE tickets SET status = @status, field_id = @fieldId, counter_id = @counterId,
         clerk_id = @clerkId, finished_at = @finishedAt,
         first_called_at = COALESCE(first_called_at, @calledAt), rating = @rating
       WHERE id = @id`,
    ),
    openService: db.prepare(
      `INSERT INTO services (ticket_id, day, field_id, counter_id, clerk_id, priority, waiting_since, called_at)
       VALUES (@ticketId, @day, @fieldId, @counterId, @clerkId, @priority, @waitingSince, @calledAt)`,
    ),
    lastEnded: db.prepare(
      `SELECT ended_at FROM services WHERE ticket_id = ? ORDER BY id DESC LIMIT 1`,
    ),
    serviceRecall: db.prepare(
      `UPDATE services SET recalls = recalls + 1 WHERE ticket_id = ? AND ended_at IS NULL`,
    ),
    serviceStart: db.prepare(
      `UPDATE services SET started_at = ? WHERE ticket_id = ? AND ended_at IS NULL`,
    ),
    serviceEnd: db.prepare(
      `UPDATE services SET ended_at = ?, outcome = ? WHERE ticket_id = ? AND ended_at IS NULL`,
    ),
    serviceRating: db.prepare(
      `UPDATE services SET rating = ? WHERE id =
         (SELECT id FROM services WHERE ticket_id = ? AND outcome = 'done' ORDER BY id DESC LIMIT 1)`,
    ),
    writeConfig: db.prepare(
      `INSERT INTO site_config (id, json, updated_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    ),
    readConfig: db.prepare(`SELECT json FROM site_config WHERE id = 1`),
    eventsOfDay: db.prepare(`SELECT seq, payload FROM events WHERE day = ? ORDER BY seq`),
    latestDay: db.prepare(`SELECT day FROM events ORDER BY seq DESC LIMIT 1`),
    lastSeq: db.prepare(`SELECT COALESCE(MAX(seq), 0) AS seq FROM events`),
    ticketByToken: db.prepare(`SELECT id FROM tickets WHERE token_hash = ?`),
    servicesOfDay: db.prepare(
      `SELECT s.id, s.ticket_id AS ticketId, t.label, s.day, s.field_id AS fieldId,
         s.counter_id AS counterId, s.clerk_id AS clerkId, s.priority, s.waiting_since AS waitingSince,
         s.called_at AS calledAt, s.started_at AS startedAt, s.ended_at AS endedAt, s.outcome,
         s.recalls, s.rating
       FROM services s JOIN tickets t ON t.id = s.ticket_id WHERE s.day = ? ORDER BY s.id`,
    ),
    ticketByRequestKey: db.prepare(`SELECT id FROM tickets WHERE request_key = ?`),
    ticketIssuer: db.prepare(`SELECT issued_by AS issuedBy FROM tickets WHERE id = ?`),
    ticketRow: db.prepare(`SELECT * FROM tickets WHERE id = ?`),
    insertUser: db.prepare(
      `INSERT INTO users (username, name, role, password_hash, created_at)
       VALUES (@username, @name, @role, @passwordHash, @createdAt)`,
    ),
    findUser: db.prepare(
      `SELECT username, name, role, password_hash AS passwordHash, disabled FROM users WHERE username = ?`,
    ),
    setPassword: db.prepare(`UPDATE users SET password_hash = ? WHERE username = ?`),
    setDisabled: db.prepare(`UPDATE users SET disabled = ? WHERE username = ?`),
    listUsers: db.prepare(
      `SELECT username, name, role, disabled FROM users ORDER BY role, username`,
    ),
    insertDevice: db.prepare(
      `INSERT INTO devices (id, kind, name, counter_id, speaks, token_hash, created_at)
       VALUES (@id, @kind, @name, @counterId, @speaks, @tokenHash, @createdAt)`,
    ),
    deviceByToken: db.prepare(`${deviceSelect()} WHERE token_hash = ?`),
    deviceById: db.prepare(`${deviceSelect()} WHERE id = ?`),
    listDevices: db.prepare(`${deviceSelect()} ORDER BY kind, id`),
    revokeDevice: db.prepare(
      `UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`,
    ),
    touchDevice: db.prepare(`UPDATE devices SET last_seen_at = ? WHERE id = ?`),
  };

  const reportDays = createReportDays(db);
  const audit = createAuditLog(db);
  const sessions = createSessions(db);
  const purge = createPurge(db, reportDays);

  function write(row: RowChange): void {
    switch (row.kind) {
      case 'ticket.insert':
        q.insertTicket.run({
          ...row.ticket,
          tokenHash: row.tokenHash,
          issuedBy: row.issuedBy,
          requestKey: row.requestKey,
        });
        return;
      case 'ticket.update':
        q.ticketStatus.run(row.ticket);
        return;
      case 'visit.open':
        q.openService.run({ ...row, priority: row.priority ? 1 : 0 });
        return;
      case 'visit.recall':
        q.serviceRecall.run(row.ticketId);
        return;
      case 'visit.start':
        q.serviceStart.run(row.at, row.ticketId);
        return;
      case 'visit.end':
        q.serviceEnd.run(row.at, row.outcome, row.ticketId);
        return;
      case 'visit.rate':
        q.serviceRating.run(row.score, row.ticketId);
        return;
      case 'config':
        q.writeConfig.run(JSON.stringify(row.config), row.at);
        return;
    }
  }

  const appendOne = (command: StoredCommand): number[] => {
    const { ctx } = command;
    const seqs: number[] = [];
    for (const event of command.events) {
      const ticket = event.type === 'ticket.issued' ? event.ticket : null;
      const info = q.insertEvent.run({
        day: event.day,
        at: event.at,
        type: event.type,
        ticketId: 'ticketId' in event ? event.ticketId : (ticket?.id ?? null),
        fieldId: 'fieldId' in event ? event.fieldId : (ticket?.fieldId ?? null),
        counterId: 'counterId' in event ? event.counterId : null,
        clerkId: 'clerkId' in event ? event.clerkId : null,
        actor: ctx.actor,
        payload: JSON.stringify(event),
      });
      seqs.push(Number(info.lastInsertRowid));
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

  const appendGroup = db.transaction((commands: readonly StoredCommand[]): number[][] =>
    commands.map(appendOne),
  );

  const port: SyncStore = {
    appendAudit: (entry) => audit.append(entry),
    listAudit: (limit, beforeId) => audit.list(limit, beforeId),
    /** Stores commands' events and rows in one transaction (one sync to disk for all), in order. */
    append(commands: readonly StoredCommand[]): number[][] {
      return appendGroup(commands);
    },
    packNextDayBefore(today: string, at: number, after: string): string | null {
      return reportDays.packNextDayBefore(today, at, after);
    },
    purgeOldestDayBefore: (before, at) => purge.purgeOldestDayBefore(before, at),
    purgeRecords: (sessionsBefore, auditBefore) => purge.purgeRecords(sessionsBefore, auditBefore),
    /** The day of the newest stored event, or null for an empty log. */
    latestDay(): string | null {
      return (q.latestDay.get() as { day: string } | undefined)?.day ?? null;
    },
    eventsOfDay(day: string): { seq: number; event: QueueEvent }[] {
      return (q.eventsOfDay.all(day) as { seq: number; payload: string }[]).map((r) => ({
        seq: r.seq,
        event: JSON.parse(r.payload) as QueueEvent,
      }));
    },
    lastSeq(): number {
      return (q.lastSeq.get() as { seq: number }).seq;
    },
    readConfig(): SiteConfig | null {
      const row = q.readConfig.get() as { json: string } | undefined;
      return row ? siteConfigSchema.parse(JSON.parse(row.json)) : null;
    },
    writeConfig(config: SiteConfig, at: number): void {
      q.writeConfig.run(JSON.stringify(config), at);
    },
    ticketIdByTokenHash(hash: string): string | null {
      return (q.ticketByToken.get(hash) as { id: string } | undefined)?.id ?? null;
    },
    /** The ticket a kiosk's named issue request produced, if it was stored. */
    ticketIdByRequestKey(key: string): string | null {
      return (q.ticketByRequestKey.get(key) as { id: string } | undefined)?.id ?? null;
    },
    /** The actor that issued a ticket, e.g. "device:kiosk-1". */
    ticketIssuer(ticketId: string): string | null {
      return (
        (q.ticketIssuer.get(ticketId) as { issuedBy: string | null } | undefined)?.issuedBy ?? null
      );
    },
    /** A stored ticket as the domain shapes it, for tickets of past days that are no longer in memory. */
    ticketSnapshot(ticketId: string): Ticket | null {
      const r = q.ticketRow.get(ticketId) as Record<string, unknown> | undefined;
      if (!r) return null;
      return {
        id: r.id as string,
        day: r.day as string,
        fieldId: r.field_id as string,
        originalFieldId: r.original_field_id as string,
        number: r.number as number,
        label: r.label as string,
        priorityClassId: (r.priority_class_id as string | null) ?? null,
        status: r.status as Ticket['status'],
        issuedAt: r.issued_at as number,
        // A past day's ticket never waits in today's queue, so its place in the issue order is moot.
        issueSeq: 0,
        waitingSince: r.issued_at as number,
        calledAt: (r.first_called_at as number | null) ?? null,
        startedAt: null,
        finishedAt: (r.finished_at as number | null) ?? null,
        counterId: (r.counter_id as string | null) ?? null,
        clerkId: (r.clerk_id as string | null) ?? null,
        assignedCounterId: null,
        callCount: 0,
        transferCount: 0,
        rating: (r.rating as number | null) ?? null,
      };
    },
    createUser(user: NewUser, at: number): void {
      q.insertUser.run({ ...user, createdAt: at });
    },
    findUser(username: string): UserRow | null {
      const row = q.findUser.get(username) as
        (Omit<UserRow, 'disabled'> & { disabled: number }) | undefined;
      return row ? { ...row, disabled: row.disabled === 1 } : null;
    },
    listUsers(): UserSummary[] {
      return (q.listUsers.all() as (Omit<UserSummary, 'disabled'> & { disabled: number })[]).map(
        (u) => ({ ...u, disabled: u.disabled === 1 }),
      );
    },
    setPassword(
      username: string,
      passwordHash: string,
      at: number,
      keepTokenHash?: string,
    ): boolean {
      return db.transaction(() => {
        if (q.setPassword.run(passwordHash, username).changes !== 1) return false;
        sessions.endOfUser(username, at, keepTokenHash);
        return true;
      })();
    },
    setDisabled(username: string, disabled: boolean, at: number): boolean {
      const changed = q.setDisabled.run(disabled ? 1 : 0, username).changes === 1;
      if (disabled) sessions.endOfUser(username, at);
      return changed;
    },
    createSession: (session: NewSession, at: number) => sessions.create(session, at),
    findSession: (tokenHash: string) => sessions.find(tokenHash),
    endSession: (tokenHash: string, at: number) => sessions.end(tokenHash, at),
    touchSession: (tokenHash: string, at: number) => sessions.touch(tokenHash, at),
    listOpenSessions: (now: number, seenSince: number) => sessions.listOpen(now, seenSince),
    endSessionById: (id: string, at: number) => sessions.endById(id, at),
    endSessionsOfUser: (username: string, at: number) => sessions.endOfUser(username, at),
    createDevice(device: NewDevice, at: number): void {
      q.insertDevice.run({ ...device, speaks: device.speaks ? 1 : 0, createdAt: at });
    },
    deviceByTokenHash(hash: string): DeviceRow | null {
      return toDevice(q.deviceByToken.get(hash));
    },
    deviceById(id: string): DeviceRow | null {
      return toDevice(q.deviceById.get(id));
    },
    listDevices(): DeviceRow[] {
      return q.listDevices.all().map((r) => toDevice(r)!);
    },
    revokeDevice(id: string, at: number): boolean {
      return q.revokeDevice.run(at, id).changes === 1;
    },
    touchDevice(id: string, at: number): void {
      q.touchDevice.run(at, id);
    },
    close(): void {
      db.close();
    },
  };
  return {
    ...port,
    /** Read-only queries of the reports (report-queries.ts), for the report worker and tools. */
    reports: createReportQueries(db),
    /** Closed days packed for reports (report-days.ts). */
    reportDays,
    /** What a purge with these cut-offs would remove (`luot purge --dry-run`). */
    purgeCounts: purge.count,
    /** Every visit to a counter on a day, oldest first: the raw material of waiting and service times. */
    services(day: string): ServiceRow[] {
      return q.servicesOfDay.all(day) as ServiceRow[];
    },
  };
}

function deviceSelect(): string {
  return `SELECT id, kind, name, counter_id AS counterId, speaks, created_at AS createdAt,
            revoked_at AS revokedAt, last_seen_at AS lastSeenAt FROM devices`;
}

function toDevice(row: unknown): DeviceRow | null {
  if (!row) return null;
  const r = row as Omit<DeviceRow, 'speaks'> & { speaks: number };
  return { ...r, speaks: r.speaks === 1 };
}
