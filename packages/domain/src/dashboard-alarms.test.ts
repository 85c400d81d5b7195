import { describe, expect, it } from 'vitest';
import { dashboardAlarms, type CounterRow, type FieldRow } from './dashboard.ts';

const MIN = 60_000;

const field = (id: string, longestWaitMs: number | null, targetMinutes = 10): FieldRow => ({
  id,
  name: id === 'dat-dai' ? 'Đất đai' : 'Hộ tịch',
  waiting: longestWaitMs === null ? 0 : 1,
  longestWaitMs,
  estimateMinutes: null,
  targetMinutes,
  servedToday: 0,
  openCounters: [1],
  availability: 'open',
  level: 'ok',
});

const counter = (
  id: string,
  ticket: CounterRow['ticket'],
  status: CounterRow['status'] = 'open',
): CounterRow => ({
  id,
  number: Number(id.slice(1)),
  name: `Quầy ${id.slice(1)}`,
  status,
  clerkId: 'cb1',
  pauseReason: null,
  statusSinceMs: 0,
  ticket,
});

describe('dashboard alarms', () => {
  it('raises a field whose longest wait is past its target, not one at it', () => {
    const alarms = dashboardAlarms(
      [field('ho-tich', 10 * MIN), field('dat-dai', 10 * MIN + 1000), field('x', null)],
      [],
      5,
    );
    expect(alarms).toEqual([
      expect.objectContaining({ key: 'wait:dat-dai', kind: 'waitOverTarget', waitMs: 601_000 }),
    ]);
  });

  it('raises a called ticket not started after N minutes, not one in service', () => {
    const counters = [
      counter('q1', { label: '1001', state: 'called', forMs: 5 * MIN }),
      counter('q2', { label: '1002', state: 'called', forMs: 5 * MIN + 1000 }),
      counter('q3', { label: '1003', state: 'serving', forMs: 50 * MIN }),
    ];
    expect(dashboardAlarms([], counters, 5).map((a) => a.key)).toEqual(['called:q2:1002']);
    // N comes from the configuration: with 10 minutes nothing is late yet.
    expect(dashboardAlarms([], counters, 10)).toEqual([]);
  });
});
