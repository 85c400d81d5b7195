import type { Logger } from 'pino';
import { DEFAULT_RETENTION, type SiteConfig } from '@luot/domain';
import type { ProvinceStore, PurgeCounts, Store } from './store.ts';
import { WEBHOOK_DELIVERY_RETENTION_MS } from './store-webhooks.ts';

const DAY_MS = 86_400_000;

/** Who the audit trail names for the hub's own daily purge. */
export const HUB_ACTOR = 'luot (tự động)';

export type Retention = SiteConfig['retention'];

/** The cut-offs of one purge. */
export interface PurgePlan {
  /** Service days before this one lose their visits, tickets and events. */
  before: string;
  /** Sessions that ended or expired before this instant are removed. */
  sessionsBefore: number;
  /** Audit entries before this instant are removed. */
  auditBefore: number;
}

/** `day` (YYYY-MM-DD) moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The cut-offs for today: service days older than the retention's `visitDays` (or than an
 * operator's `before` / `olderThanDays`), never today or later; sessions that ended before the
 * same point; audit entries older than `auditDays`, which no override shortens.
 */
export function purgePlan(
  retention: Partial<Retention> | undefined,
  today: string,
  now: number,
  override: { before?: string; olderThanDays?: number } = {},
): PurgePlan {
  const { visitDays, auditDays } = { ...DEFAULT_RETENTION, ...retention };
  let before = override.before ?? addDays(today, -(override.olderThanDays ?? visitDays));
  if (before > today) before = today;
  const daysKept = Math.round((Date.parse(today) - Date.parse(before)) / DAY_MS);
  return {
    before,
    sessionsBefore: now - daysKept * DAY_MS,
    auditBefore: now - auditDays * DAY_MS,
  };
}

/** What a purge goes through: a site's part of the store, and the deployment's sessions. */
export interface PurgePorts {
  store: Pick<Store, 'siteId' | 'purgeOldestDayBefore' | 'purgeAudit'>;
  /**
   * Sessions are the deployment's, not a site's: each site's purge removes those past its own
   * cut-off, so the shortest retention of any site holds for all.
   */
  province: Pick<
    ProvinceStore,
    'purgeSessions' | 'purgeCitizens' | 'purgeIdCards' | 'purgeMessages' | 'purgeWebhookDeliveries'
  >;
}

/** Runs a whole purge through the store port, one service day per call; returns what went. */
export async function runPurge(
  { store, province }: PurgePorts,
  plan: PurgePlan,
  at: number,
  betweenDays: () => Promise<void> = () => Promise.resolve(),
  stopped: () => boolean = () => false,
): Promise<PurgeCounts> {
  const counts: PurgeCounts = {
    days: 0,
    events: 0,
    tickets: 0,
    services: 0,
    sessions: 0,
    audit: 0,
  };
  for (;;) {
    if (stopped()) return counts;
    const day = await store.purgeOldestDayBefore(plan.before, at);
    if (day === null) break;
    counts.days++;
    counts.events += day.events;
    counts.tickets += day.tickets;
    counts.services += day.services;
    await betweenDays();
  }
  counts.sessions = await province.purgeSessions(plan.sessionsBefore);
  // The site's bookings of days past its retention; codes, sign-ins and attempts once expired.
  counts.citizens = await province.purgeCitizens(store.siteId, { day: plan.before }, at);
  // The ID card's per-person counts go with the visits they counted.
  counts.citizens += await province.purgeIdCards(store.siteId, { day: plan.before });
  counts.audit = await store.purgeAudit(plan.auditBefore);
  // The outbox's delivery list (no recipients left in it) and contacts left behind go with the
  // visits' cut-off: nobody needs them once the days they were about are gone.
  await province.purgeMessages(store.siteId, plan.sessionsBefore);
  // Webhook deliveries sent or given up: kept 30 days for the delivery log, or less when the
  // site keeps its visits less long (their bodies carry the events).
  await province.purgeWebhookDeliveries(
    store.siteId,
    Math.max(at - WEBHOOK_DELIVERY_RETENTION_MS, plan.sessionsBefore),
  );
  return counts;
}

/**
 * The hub's own daily purge: once per service day (at start, then at each day rollover) it
 * removes what the site's retention says is past, through the store port, one day per
 * event-loop turn so the queue keeps answering while a long backlog goes.
 */
export function createDailyPurge(deps: {
  store: PurgePorts['store'] & Pick<Store, 'appendAudit'>;
  province: PurgePorts['province'];
  /** The current service day and the site's retention, once stored. */
  current: () => Promise<{ today: string; retention: Partial<Retention> | undefined }>;
  now: () => number;
  log: Logger;
}) {
  let doneFor = '';
  let running = false;
  let stopped = false;
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function run(): Promise<void> {
    const { today, retention } = await deps.current();
    if (today === doneFor || stopped) return;
    const now = deps.now();
    const plan = purgePlan(retention, today, now);
    const counts = await runPurge(deps, plan, now, nextTurn, () => stopped);
    if (stopped) return;
    doneFor = today;
    if (counts.days + counts.sessions + counts.audit + (counts.citizens ?? 0) > 0) {
      deps.log.info({ ...counts, before: plan.before }, 'personal data past its retention removed');
      await deps.store.appendAudit({
        at: now,
        actor: HUB_ACTOR,
        action: 'data.purge',
        target: null,
        detail: { before: plan.before, removed: { ...counts } },
      });
    }
  }

  return {
    /** Starts today's purge unless done or under way; returns at once. */
    check(): void {
      if (stopped || running) return;
      running = true;
      run()
        .catch((err: unknown) => deps.log.error({ err }, 'purging past data failed'))
        .finally(() => {
          running = false;
        });
    },
    /** Whether today's purge has run (for tests). */
    doneFor: () => doneFor,
    stop(): void {
      stopped = true;
    },
  };
}
