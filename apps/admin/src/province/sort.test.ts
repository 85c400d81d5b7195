import { describe, expect, it } from 'vitest';
import type { ProvinceSite } from '@luot/protocol';
import { sortSites } from './sort.ts';

const site = (
  id: string,
  name: string,
  waiting: number,
  longestWaitMs: number | null,
): ProvinceSite => ({
  id,
  name,
  day: '2026-11-30',
  counters: 4,
  openCounters: waiting > 0 ? 2 : 0,
  pausedCounters: 0,
  waiting,
  servedToday: 10 - waiting,
  longestWaitMs,
  longestWaitShare: null,
  level: 'ok',
  alarms: [],
  fields: [],
});

// As the hub sends them: worst first.
const sites = [
  site('b', 'Phường Bắc', 5, 60_000),
  site('a', 'Xã An Phú', 9, 30_000),
  site('c', 'Chợ Mới', 0, null),
  site('d', 'Đông Hòa', 5, 90_000),
];

describe('sorting the province table', () => {
  it('keeps the hub order for worst first', () => {
    expect(sortSites(sites, 'worst').map((s) => s.id)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('sorts by a column largest first, ties in worst-first order, and reverses on request', () => {
    expect(sortSites(sites, 'waiting').map((s) => s.id)).toEqual(['a', 'b', 'd', 'c']);
    expect(sortSites(sites, 'waiting', true).map((s) => s.id)).toEqual(['c', 'b', 'd', 'a']);
    expect(sortSites(sites, 'longestWait').map((s) => s.id)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('sorts names the Vietnamese way (Đ after D, not after Z)', () => {
    expect(sortSites(sites, 'name').map((s) => s.name)).toEqual([
      'Chợ Mới',
      'Đông Hòa',
      'Phường Bắc',
      'Xã An Phú',
    ]);
  });
});
