import type { ProvinceSite } from '@luot/protocol';

/** The columns the province table sorts by; `worst` is the hub's order (`worstFirst`). */
export type SiteSort = 'worst' | 'name' | 'counters' | 'waiting' | 'longestWait' | 'served';

/** The first click on a column sorts the largest (or A to Z for names) first. */
const COMPARE: Record<Exclude<SiteSort, 'worst'>, (a: ProvinceSite, b: ProvinceSite) => number> = {
  name: (a, b) => a.name.localeCompare(b.name, 'vi'),
  counters: (a, b) => b.openCounters - a.openCounters || b.counters - a.counters,
  waiting: (a, b) => b.waiting - a.waiting,
  longestWait: (a, b) => (b.longestWaitMs ?? -1) - (a.longestWaitMs ?? -1),
  served: (a, b) => b.servedToday - a.servedToday,
};

/**
 * The sites in the order a person picked: by a column (reversed on request), ties kept in the
 * hub's worst-first order; `worst` keeps that order as it came.
 */
export function sortSites(
  sites: readonly ProvinceSite[],
  by: SiteSort,
  reversed = false,
): ProvinceSite[] {
  if (by === 'worst') return reversed ? [...sites].reverse() : [...sites];
  const rank = new Map(sites.map((s, i) => [s.id, i]));
  const compare = COMPARE[by];
  return [...sites].sort(
    (a, b) => (reversed ? -1 : 1) * compare(a, b) || rank.get(a.id)! - rank.get(b.id)!,
  );
}
