import { describe, expect, it } from 'vitest';
import {
  decide,
  initialState,
  siteConfigSchema,
  type QueueCommand,
  type QueueState,
} from '@luot/domain';
import { counterActions, moveOptions, targetOf, waitingRows } from './supervise-model.ts';

const NINE = Date.parse('2026-11-23T02:00:00Z'); // 09:00 in Hà Nội
const MIN = 60_000;
const session = [{ from: '07:30', to: '17:00' }];

const config = siteConfigSchema.parse({
  site: { name: 'Thử', timeZone: 'Asia/Ho_Chi_Minh' },
  fields: [
    { id: 'dat-dai', name: 'Đất đai', numbering: { start: 1001, digits: 4 }, sessions: session },
    {
      id: 'ho-tich',
      name: 'Hộ tịch',
      numbering: { prefix: 'A', start: 1, digits: 3 },
      sessions: session,
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

const issue = (fieldId: string, priorityClassId: string | null = null): QueueCommand => ({
  type: 'issue',
  fieldId,
  priorityClassId,
});

describe('the supervisor’s actions on the dashboard', () => {
  const state = play([
    [0, { type: 'openCounter', counterId: 'q1', clerkId: 'cb1' }],
    [0, issue('dat-dai')],
    [1, issue('dat-dai')],
    [2, issue('ho-tich')],
    [3, { type: 'callNext', counterId: 'q1', clerkId: 'cb1' }],
    [3, { type: 'noShow', counterId: 'q1', clerkId: 'cb1' }],
    [4, issue('dat-dai')],
  ]);

  it('offers nothing on a closed counter, and recall only while a ticket is called', () => {
    expect(counterActions(state, 'q2')).toEqual([]);
    expect(counterActions(state, 'q1').map((a) => a.kind)).toEqual(['release', 'close', 'signOut']);
    const called = play([
      [0, { type: 'openCounter', counterId: 'q1', clerkId: 'cb1' }],
      [0, issue('dat-dai')],
      [1, { type: 'callNext', counterId: 'q1', clerkId: 'cb1' }],
    ]);
    expect(counterActions(called, 'q1').map((a) => a.kind)).toEqual([
      'recall',
      'cancel',
      'release',
      'close',
      'signOut',
    ]);
  });

  it('lists waiting tickets in call order, then the absent ones', () => {
    const rows = waitingRows(state, NINE + 10 * MIN, null);
    expect(rows.map((r) => [r.ticket.label, r.ticket.status])).toEqual([
      ['1002', 'waiting'],
      ['A001', 'waiting'],
      ['1003', 'waiting'],
      ['1001', 'no_show'],
    ]);
    expect(rows[0]!.waitMs).toBe(9 * MIN);
    expect(waitingRows(state, NINE, 'ho-tich').map((r) => r.ticket.label)).toEqual(['A001']);
  });

  it('offers as move targets only fields and counters that can take the ticket, labelled', () => {
    const a001 = waitingRows(state, NINE, 'ho-tich')[0]!.ticket;
    const options = moveOptions(state, a001);
    // Hộ tịch is its own field; Quầy 1 does not serve Hộ tịch; Quầy 2 is closed but may take it.
    expect(options.fields).toEqual([{ value: 'field:dat-dai', label: 'Đất đai', note: null }]);
    expect(options.counters).toEqual([
      { value: 'counter:q2', label: 'Quầy 2', note: 'counterClosed' },
    ]);
    expect(targetOf('field:dat-dai')).toEqual({ fieldId: 'dat-dai' });
    expect(targetOf('counter:q2')).toEqual({ counterId: 'q2' });
    expect(targetOf('')).toBeNull();
  });
});
