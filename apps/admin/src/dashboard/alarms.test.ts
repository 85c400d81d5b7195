import { describe, expect, it } from 'vitest';
import { dashboardAlarms, type CounterRow, type FieldRow } from '@luot/domain';
import { newAlarmKeys } from './alarms.ts';

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

describe('alarm sounds', () => {
  it('sounds once per new alarm: not again while it lasts, again when it comes back', () => {
    const late = dashboardAlarms([field('dat-dai', 11 * MIN)], [], 5);
    expect(newAlarmKeys(new Set(), late)).toEqual(['wait:dat-dai']);
    expect(newAlarmKeys(new Set(['wait:dat-dai']), late)).toEqual([]);
    const both = dashboardAlarms(
      [field('dat-dai', 12 * MIN)],
      [counter('q1', { label: '1001', state: 'called', forMs: 6 * MIN })],
      5,
    );
    expect(newAlarmKeys(new Set(['wait:dat-dai']), both)).toEqual(['called:q1:1001']);
  });
});
