// One site's live queue in a line of the province overview, and how those lines are ordered.
import { siteConfigSchema, type SiteConfig, type SiteConfigInput } from './config.ts';
import {
  counterRows,
  dashboardAlarms,
  fieldRows,
  type AlarmLevel,
  type DashboardAlarm,
} from './dashboard.ts';
import type { QueueState } from './state.ts';

/** A field of a site as the province sees it: its catalogue code, queue and alarm level. */
export interface SiteFieldOverview {
  id: string;
  name: string;
  code: string | null;
  waiting: number;
  longestWaitMs: number | null;
  targetMinutes: number;
  level: AlarmLevel;
}

/** One site's live queue in figures: counters, waiting, the longest wait, its alarms. */
export interface SiteOverview {
  name: string;
  /** The service day the queue is on. */
  day: string;
  counters: number;
  openCounters: number;
  pausedCounters: number;
  waiting: number;
  servedToday: number;
  /** The longest current wait at the site, any field; null when nobody waits. */
  longestWaitMs: number | null;
  /** That wait as a share of its field's target (1 = at the target); null when nobody waits. */
  longestWaitShare: number | null;
  /** The worst of its fields' levels, or `alarm` when any alarm is raised. */
  level: AlarmLevel;
  /** The supervisor dashboard's alarms, by the same rules. */
  alarms: DashboardAlarm[];
  fields: SiteFieldOverview[];
}

const LEVEL_RANK: Record<AlarmLevel, number> = { ok: 0, warn: 1, alarm: 2 };

/**
 * A site's line of the province overview, from its live queue state at `now`: the same field and
 * counter figures, and the same alarms, as the site's own dashboard.
 */
export function siteOverview(state: QueueState, now: number): SiteOverview {
  const fields = fieldRows(state, now);
  const counters = counterRows(state, now);
  const alarms = dashboardAlarms(fields, counters, state.config.alerts.calledNotStartedMinutes);
  const codes = new Map(state.config.fields.map((f) => [f.id, f.code ?? null]));
  let longest: (typeof fields)[number] | null = null;
  let worstShare: number | null = null;
  let level: AlarmLevel = alarms.length > 0 ? 'alarm' : 'ok';
  for (const f of fields) {
    if (LEVEL_RANK[f.level] > LEVEL_RANK[level]) level = f.level;
    if (f.longestWaitMs === null) continue;
    if (longest === null || f.longestWaitMs > (longest.longestWaitMs ?? -1)) longest = f;
    const share = f.longestWaitMs / (f.targetMinutes * 60_000);
    if (worstShare === null || share > worstShare) worstShare = share;
  }
  return {
    name: state.config.site.name,
    day: state.day,
    counters: counters.length,
    openCounters: counters.filter((c) => c.status === 'open').length,
    pausedCounters: counters.filter((c) => c.status === 'paused').length,
    waiting: fields.reduce((n, f) => n + f.waiting, 0),
    servedToday: fields.reduce((n, f) => n + f.servedToday, 0),
    longestWaitMs: longest?.longestWaitMs ?? null,
    longestWaitShare: worstShare,
    level,
    alarms,
    fields: fields.map((f) => ({
      id: f.id,
      name: f.name,
      code: codes.get(f.id) ?? null,
      waiting: f.waiting,
      longestWaitMs: f.longestWaitMs,
      targetMinutes: f.targetMinutes,
      level: f.level,
    })),
  };
}

/**
 * Worst first: more alarms, then a worse level, then a wait further past its target, then more
 * people waiting; sites alike in all of these keep their name order.
 */
export function worstFirst(
  a: Pick<SiteOverview, 'alarms' | 'level' | 'longestWaitShare' | 'waiting' | 'name'>,
  b: Pick<SiteOverview, 'alarms' | 'level' | 'longestWaitShare' | 'waiting' | 'name'>,
): number {
  return (
    b.alarms.length - a.alarms.length ||
    LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
    (b.longestWaitShare ?? -1) - (a.longestWaitShare ?? -1) ||
    b.waiting - a.waiting ||
    a.name.localeCompare(b.name, 'vi')
  );
}

/** The field every new site starts with. */
export const NEW_SITE_FIELD_NAME = 'Tiếp nhận hồ sơ';

/**
 * The first configuration of a site added to a province: one field, "Tiếp nhận hồ sơ", served by
 * two counters, issuing Monday to Friday 07:30–11:30 and 13:30–17:00 (the usual hours of a
 * public service centre), numbers 1001 onwards; the schema's defaults for everything else. The
 * site's admin then makes it its own. Throws when the name or time zone is not valid.
 */
export function newSiteConfig(site: { name: string; timeZone: string }): SiteConfig {
  return siteConfigSchema.parse({
    site: { name: site.name, timeZone: site.timeZone },
    fields: [
      {
        id: 'tiep-nhan',
        name: NEW_SITE_FIELD_NAME,
        numbering: { prefix: '', start: 1001, digits: 4 },
        sessions: [
          { from: '07:30', to: '11:30' },
          { from: '13:30', to: '17:00' },
        ],
      },
    ],
    counters: [1, 2].map((n) => ({
      id: `quay-${n}`,
      number: n,
      name: `Quầy ${n}`,
      fieldIds: ['tiep-nhan'],
    })),
  } satisfies SiteConfigInput);
}
