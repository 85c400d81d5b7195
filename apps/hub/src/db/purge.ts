import type { PurgeCounts, PurgedDay } from '../store.ts';
import type { Db } from './open-database.ts';
import type { ReportDays } from './report-days.ts';

/**
 * Removing personal data past its retention (see `retention` in the site configuration). A
 * service day goes one at a time, in one transaction: packed for reports first (report_days
 * keeps the day's figures as aggregates: counts, durations, ratings, counter and clerk keys),
 * then its visits, tickets (with their phone-link hashes and kiosk request keys) and queue
 * events (with their free-text reasons) are deleted. The newest stored day is never removed:
 * the queue restores itself from it.
 */
export function createPurge(db: Db, reportDays: ReportDays) {
  const q = {
    latestDay: db.prepare(`SELECT day FROM events ORDER BY seq DESC LIMIT 1`).pluck(),
    oldestDay: db
      .prepare(
        `SELECT MIN(day) FROM (
           SELECT MIN(day) AS day FROM events WHERE day < @before
           UNION ALL SELECT MIN(day) FROM tickets WHERE day < @before
           UNION ALL SELECT MIN(day) FROM services WHERE day < @before)`,
      )
      .pluck(),
    hasRows: db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM tickets WHERE day = @day)
             OR EXISTS (SELECT 1 FROM services WHERE day = @day)`,
      )
      .pluck(),
    packed: db.prepare(`SELECT 1 FROM report_days WHERE day = ?`).pluck(),
    services: db.prepare(`DELETE FROM services WHERE day = ?`),
    // A ticket whose visit is stored under another day keeps its row until that day goes.
    tickets: db.prepare(
      `DELETE FROM tickets WHERE day = ?
         AND NOT EXISTS (SELECT 1 FROM services s WHERE s.ticket_id = tickets.id)`,
    ),
    events: db.prepare(`DELETE FROM events WHERE day = ?`),
    sessions: db.prepare(
      `DELETE FROM sessions WHERE min(COALESCE(ended_at, expires_at), expires_at) < ?`,
    ),
    audit: db.prepare(`DELETE FROM audit_log WHERE at < ?`),
    count: {
      days: db
        .prepare(
          `SELECT COUNT(*) FROM (SELECT day FROM events WHERE day < @before
             UNION SELECT day FROM tickets WHERE day < @before
             UNION SELECT day FROM services WHERE day < @before)`,
        )
        .pluck(),
      events: db.prepare(`SELECT COUNT(*) FROM events WHERE day < @before`).pluck(),
      tickets: db.prepare(`SELECT COUNT(*) FROM tickets WHERE day < @before`).pluck(),
      services: db.prepare(`SELECT COUNT(*) FROM services WHERE day < @before`).pluck(),
      sessions: db
        .prepare(
          `SELECT COUNT(*) FROM sessions
           WHERE min(COALESCE(ended_at, expires_at), expires_at) < @sessionsBefore`,
        )
        .pluck(),
      audit: db.prepare(`SELECT COUNT(*) FROM audit_log WHERE at < @auditBefore`).pluck(),
    },
  };

  /** `before`, moved back to the newest stored day if it is later: that day always stays. */
  const bounded = (before: string): string => {
    const latest = q.latestDay.get() as string | undefined;
    return latest !== undefined && latest < before ? latest : before;
  };

  const purgeDay = db.transaction((day: string, at: number): PurgedDay => {
    if (q.hasRows.get({ day }) === 1 && q.packed.get(day) === undefined) reportDays.build(day, at);
    const services = q.services.run(day).changes;
    const tickets = q.tickets.run(day).changes;
    const events = q.events.run(day).changes;
    return { day, events, tickets, services };
  });

  return {
    /**
     * Removes the oldest service day before `before` (never the newest stored day); returns
     * it with what was removed, or null when no such day is left.
     */
    purgeOldestDayBefore(before: string, at: number): PurgedDay | null {
      const day = q.oldestDay.get({ before: bounded(before) }) as string | null;
      return day === null ? null : purgeDay(day, at);
    },
    /** Removes sessions that ended or expired before `sessionsBefore`, audit entries before `auditBefore`. */
    purgeRecords(sessionsBefore: number, auditBefore: number): { sessions: number; audit: number } {
      return db.transaction(() => ({
        sessions: q.sessions.run(sessionsBefore).changes,
        audit: q.audit.run(auditBefore).changes,
      }))();
    },
    /** What a purge with these cut-offs would remove, removing nothing. */
    count(before: string, sessionsBefore: number, auditBefore: number): PurgeCounts {
      const b = { before: bounded(before) };
      const n = (s: { get: (p: object) => unknown }, p: object) => s.get(p) as number;
      return {
        days: n(q.count.days, b),
        events: n(q.count.events, b),
        tickets: n(q.count.tickets, b),
        services: n(q.count.services, b),
        sessions: n(q.count.sessions, { sessionsBefore }),
        audit: n(q.count.audit, { auditBefore }),
      };
    },
  };
}
