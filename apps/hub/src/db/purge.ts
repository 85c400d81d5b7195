import type { PurgeCounts, PurgedDay } from '../store.ts';
import type { SiteChain } from './chain.ts';
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
export function createPurge(
  db: Db,
  siteId: string,
  reportDays: ReportDays,
  /** How many sessions a purge of sessions before this would remove (they are province-wide). */
  countSessions: (before: number) => number,
  /** Where the site's chains go on once the oldest records are gone (anchors; chain.ts). */
  chain: Pick<SiteChain, 'anchorEventsOfDay' | 'anchorAuditBefore'>,
) {
  const q = {
    latestDay: db
      .prepare(`SELECT day FROM events WHERE site_id = ? ORDER BY seq DESC LIMIT 1`)
      .pluck(),
    oldestDay: db
      .prepare(
        `SELECT MIN(day) FROM (
           SELECT MIN(day) AS day FROM events WHERE site_id = @site AND day < @before
           UNION ALL SELECT MIN(day) FROM tickets WHERE site_id = @site AND day < @before
           UNION ALL SELECT MIN(day) FROM services WHERE site_id = @site AND day < @before)`,
      )
      .pluck(),
    hasRows: db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM tickets WHERE site_id = @site AND day = @day)
             OR EXISTS (SELECT 1 FROM services WHERE site_id = @site AND day = @day)`,
      )
      .pluck(),
    packed: db.prepare(`SELECT 1 FROM report_days WHERE site_id = ? AND day = ?`).pluck(),
    services: db.prepare(`DELETE FROM services WHERE site_id = ? AND day = ?`),
    // A ticket whose visit is stored under another day keeps its row until that day goes.
    tickets: db.prepare(
      `DELETE FROM tickets WHERE site_id = ? AND day = ?
         AND NOT EXISTS (SELECT 1 FROM services s
           WHERE s.site_id = tickets.site_id AND s.ticket_id = tickets.id)`,
    ),
    events: db.prepare(`DELETE FROM events WHERE site_id = ? AND day = ?`),
    // Only a prefix of the audit chain goes (a record stored after a newer one stays with it).
    firstAuditKept: db
      .prepare(
        `SELECT COALESCE(MIN(id), 9007199254740991) FROM audit_log WHERE site_id = ? AND at >= ?`,
      )
      .pluck(),
    audit: db.prepare(`DELETE FROM audit_log WHERE site_id = ? AND at < ? AND id < ?`),
    count: {
      days: db
        .prepare(
          `SELECT COUNT(*) FROM (SELECT day FROM events WHERE site_id = @site AND day < @before
             UNION SELECT day FROM tickets WHERE site_id = @site AND day < @before
             UNION SELECT day FROM services WHERE site_id = @site AND day < @before)`,
        )
        .pluck(),
      events: db
        .prepare(`SELECT COUNT(*) FROM events WHERE site_id = @site AND day < @before`)
        .pluck(),
      tickets: db
        .prepare(`SELECT COUNT(*) FROM tickets WHERE site_id = @site AND day < @before`)
        .pluck(),
      services: db
        .prepare(`SELECT COUNT(*) FROM services WHERE site_id = @site AND day < @before`)
        .pluck(),
      audit: db
        .prepare(`SELECT COUNT(*) FROM audit_log WHERE site_id = @site AND at < @auditBefore`)
        .pluck(),
    },
  };

  /** `before`, moved back to the newest stored day if it is later: that day always stays. */
  const bounded = (before: string): string => {
    const latest = q.latestDay.get(siteId) as string | undefined;
    return latest !== undefined && latest < before ? latest : before;
  };

  const purgeDay = db.transaction((day: string, at: number): PurgedDay => {
    if (q.hasRows.get({ site: siteId, day }) === 1 && q.packed.get(siteId, day) === undefined)
      reportDays.build(day, at);
    const services = q.services.run(siteId, day).changes;
    const tickets = q.tickets.run(siteId, day).changes;
    chain.anchorEventsOfDay(day);
    const events = q.events.run(siteId, day).changes;
    return { day, events, tickets, services };
  });

  const purgeAudit = db.transaction((auditBefore: number): number => {
    const firstKept = q.firstAuditKept.get(siteId, auditBefore) as number;
    chain.anchorAuditBefore(firstKept);
    return q.audit.run(siteId, auditBefore, firstKept).changes;
  });

  return {
    /**
     * Removes the oldest service day before `before` (never the newest stored day); returns
     * it with what was removed, or null when no such day is left.
     */
    purgeOldestDayBefore(before: string, at: number): PurgedDay | null {
      const day = q.oldestDay.get({ site: siteId, before: bounded(before) }) as string | null;
      return day === null ? null : purgeDay(day, at);
    },
    /** Removes the site's audit entries before `auditBefore`; returns how many. */
    purgeAudit: (auditBefore: number): number => purgeAudit.immediate(auditBefore),
    /**
     * What a purge with these cut-offs would remove at this site, removing nothing. Sessions
     * are counted across the deployment, as `purgeSessions` removes them.
     */
    count(before: string, sessionsBefore: number, auditBefore: number): PurgeCounts {
      const b = { site: siteId, before: bounded(before) };
      const n = (s: { get: (p: object) => unknown }, p: object) => s.get(p) as number;
      return {
        days: n(q.count.days, b),
        events: n(q.count.events, b),
        tickets: n(q.count.tickets, b),
        services: n(q.count.services, b),
        sessions: countSessions(sessionsBefore),
        audit: n(q.count.audit, { site: siteId, auditBefore }),
      };
    },
  };
}
