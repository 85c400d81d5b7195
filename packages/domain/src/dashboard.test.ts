import { describe, expect, it } from 'vitest';
import type { QueueCommand } from './commands.ts';
import { siteConfigSchema } from './config.ts';
import { alarmLevel, counterRows, fieldRows } from './dashboard.ts';
import { decide } from './decide.ts';
import { initialState, type QueueState } from './state.ts';

const NINE = Date.parse('2026-11-23T02:00:00Z'); // 09:00 in Hà Nội
const MIN = 60_000;

const config = siteConfigSchema.parse({
  site: { name: 'Thử', timeZone: 'Asia/Ho_Chi_Minh' },
  fields: [
    {
      id: 'dat-dai',
      name: 'Đất đai',
      numbering: { start: 1001, digits: 4 },
      sessions: [{ from: '07:30', to: '11:30' }],
      targetWaitMinutes: 10,
      kioskOrder: 1,
    },
    {
      id: 'ho-tich',
      name: 'Hộ tịch',
      numbering: { prefix: 'A', start: 1, digits: 3 },
      sessions: [{ from: '13:30', to: '17:00' }],
      kioskOrder: 0,
    },
  ],
  counters: [
    { id: 'q1', number: 1, name: 'Quầy 1', fieldIds: ['dat-dai'] },
    { id: 'q2', number: 2, name: 'Quầy 2', fieldIds: ['dat-dai', 'ho-tich'] },
  ],
});

function play(steps: [number, QueueCommand][]): QueueState {
  let state = initialState(config, '2026-11-23', NINE);
  let n = 0;
  for (const [minute, command] of steps) {
    const d = decide(state, command, { now: NINE + minute * MIN, newId: () => `t${++n}` });
    if (!d.ok) throw new Error(JSON.stringify(d.error));
    state = d.state;
  }
  return state;
}

describe('the dashboard’s picture of the queue', () => {
  const state = play([
    [0, { type: 'openCounter', counterId: 'q1', clerkId: 'cb1' }],
    [0, { type: 'issue', fieldId: 'dat-dai', priorityClassId: null }],
    [2, { type: 'issue', fieldId: 'dat-dai', priorityClassId: null }],
    [3, { type: 'issue', fieldId: 'dat-dai', priorityClassId: null }],
    [4, { type: 'callNext', counterId: 'q1', clerkId: 'cb1' }],
    [5, { type: 'start', counterId: 'q1', clerkId: 'cb1' }],
  ]);

  it('measures the longest wait on the given clock and colours it against the target', () => {
    const at = (minute: number) => fieldRows(state, NINE + minute * MIN);
    // Kiosk order: Hộ tịch first. Nobody waits there, and it is outside its hours.
    expect(at(6).map((f) => [f.id, f.waiting, f.availability])).toEqual([
      ['ho-tich', 0, 'OUTSIDE_HOURS'],
      ['dat-dai', 2, 'open'],
    ]);
    const datDai = (minute: number) => at(minute)[1]!;
    // The oldest still waiting was issued at minute 2.
    expect(datDai(6)).toMatchObject({ longestWaitMs: 4 * MIN, level: 'ok', openCounters: [1] });
    expect(datDai(10).level).toBe('warn'); // 8 of 10 minutes
    expect(datDai(12).level).toBe('warn'); // exactly the target: near it, not yet past
    expect(datDai(12.02).level).toBe('alarm');
    // Estimated wait for a number taken now: the service started a minute ago has about 9 of its
    // 10 minutes left, then the two people ahead at 10 minutes each (plus their calls).
    expect(datDai(6).estimateMinutes).toBe(30);
  });

  it('shows each counter’s status, clerk and current ticket with how long', () => {
    const rows = counterRows(state, NINE + 7 * MIN);
    expect(rows[0]).toMatchObject({
      number: 1,
      status: 'open',
      clerkId: 'cb1',
      ticket: { label: '1001', state: 'serving', forMs: 2 * MIN },
    });
    expect(rows[1]).toMatchObject({ number: 2, status: 'closed', clerkId: null, ticket: null });
  });

  it('has no alarm while nobody waits', () => {
    expect(alarmLevel(null, 5)).toBe('ok');
  });
});
