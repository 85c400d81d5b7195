import { describe, expect, it } from 'vitest';
import type { QueueCommand } from './commands.ts';
import { siteConfigSchema } from './config.ts';
import { decide } from './decide.ts';
import { peopleAhead } from './selectors.ts';
import { initialState, type QueueState } from './state.ts';
import { baselineWaitMinutes, fieldWaitMinutes, promisedWaitMinutes } from './wait-estimate.ts';

// 2026-11-23 is a Monday; Hà Nội is UTC+7.
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+07:00`);

const config = siteConfigSchema.parse({
  site: { name: 'Thử', timeZone: 'Asia/Ho_Chi_Minh' },
  fields: [
    {
      id: 'dat-dai',
      name: 'Đất đai',
      numbering: { start: 1001, digits: 4 },
      sessions: [
        { from: '07:30', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ],
      defaultServiceMinutes: 10,
    },
    {
      id: 'ho-tich',
      name: 'Hộ tịch',
      numbering: { prefix: 'A', start: 1, digits: 3 },
      sessions: [
        { from: '07:30', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ],
      defaultServiceMinutes: 10,
    },
  ],
  counters: [
    { id: 'q1', number: 1, name: 'Quầy 1', fieldIds: ['dat-dai'] },
    { id: 'q2', number: 2, name: 'Quầy 2', fieldIds: ['ho-tich', 'dat-dai'] },
  ],
  priorityClasses: [{ id: 'cao-tuoi', name: 'Người cao tuổi' }],
});

/** Plays commands, each at its own time; returns the state and the last ticket issued. */
function play(steps: [string, QueueCommand][]): { state: QueueState; last: string } {
  let state = initialState(config, '2026-11-23', at('07:00'));
  let n = 0;
  let last = '';
  for (const [time, command] of steps) {
    const d = decide(state, command, { now: at(time), newId: () => `t${++n}` });
    if (!d.ok) throw new Error(JSON.stringify(d.error));
    state = d.state;
    for (const e of d.events) if (e.type === 'ticket.issued') last = e.ticket.id;
  }
  return { state, last };
}

const open = (time: string, counterId: string): [string, QueueCommand] => [
  time,
  { type: 'openCounter', counterId, clerkId: `cb-${counterId}` },
];
const issue = (time: string, fieldId: string, priority = false): [string, QueueCommand] => [
  time,
  { type: 'issue', fieldId, priorityClassId: priority ? 'cao-tuoi' : null },
];
const by = (counterId: string) => ({ counterId, clerkId: `cb-${counterId}` });

/** What the citizen holding `id` reads at `time`: the promise, and what the old rule said. */
function promise(state: QueueState, id: string, time: string) {
  const ticket = state.tickets[id]!;
  const ahead = peopleAhead(state, id, at(time));
  return {
    minutes: promisedWaitMinutes(state, ticket, at(time)),
    old: baselineWaitMinutes(state, ticket.fieldId, ahead),
  };
}

describe('the promised wait', () => {
  it('is none while no counter serving the field is open', () => {
    const { state, last } = play([issue('08:00', 'dat-dai')]);
    expect(promise(state, last, '08:00').minutes).toBeNull();
    expect(fieldWaitMinutes(state, 'dat-dai', 1, at('08:00'))).toBeNull();
  });

  it('skips the lunch break: a number taken at 11:20 behind two others is called after 13:30', () => {
    const { state, last } = play([
      open('07:30', 'q1'),
      issue('11:19', 'dat-dai'),
      issue('11:19', 'dat-dai'),
      ['11:19', { type: 'callNext', ...by('q1') }],
      ['11:19', { type: 'start', ...by('q1') }],
      issue('11:20', 'dat-dai'),
    ]);
    // The service under way ends about 11:29, the one person ahead is called before 11:30, and
    // mine only once the counter is back at 13:30: 130 minutes, not the old rule's 10.
    const { minutes, old } = promise(state, last, '11:20');
    expect(old).toBe(10);
    expect(minutes).toBe(130);
  });

  it('counts a counter shared with a busier field: its longest-waiting number goes first', () => {
    // Quầy 2 serves Hộ tịch and Đất đai, longest wait first; three Đất đai numbers came earlier.
    const quiet = play([open('08:00', 'q2'), issue('08:10', 'ho-tich')]);
    const busy = play([
      open('08:00', 'q2'),
      issue('08:01', 'dat-dai'),
      issue('08:02', 'dat-dai'),
      issue('08:03', 'dat-dai'),
      issue('08:10', 'ho-tich'),
    ]);
    expect(promise(quiet.state, quiet.last, '08:10').minutes).toBe(0);
    // Nobody in Hộ tịch ahead: the old rule promised no wait at all.
    expect(promise(busy.state, busy.last, '08:10').old).toBe(0);
    expect(promise(busy.state, busy.last, '08:10').minutes).toBeGreaterThanOrEqual(30);
  });

  it('counts what is left of the service under way: just started vs nearly done', () => {
    const { state, last } = play([
      open('08:00', 'q1'),
      issue('08:00', 'dat-dai'),
      ['08:00', { type: 'callNext', ...by('q1') }],
      ['08:01', { type: 'start', ...by('q1') }],
      issue('08:01', 'dat-dai'),
    ]);
    const justStarted = promisedWaitMinutes(state, state.tickets[last]!, at('08:01'));
    const nearlyDone = promisedWaitMinutes(state, state.tickets[last]!, at('08:10'));
    expect(justStarted).toBe(10);
    expect(nearlyDone).toBeLessThanOrEqual(3);
    // The old rule promised no wait to the person next in line, however long the service ran.
    expect(baselineWaitMinutes(state, 'dat-dai', 0)).toBe(0);
  });

  it('puts a priority number ahead, and counts one issued after me as going first', () => {
    const { state, last } = play([
      open('08:00', 'q1'),
      issue('08:00', 'dat-dai'),
      ['08:00', { type: 'callNext', ...by('q1') }],
      ['08:00', { type: 'start', ...by('q1') }],
      issue('08:01', 'dat-dai'),
      issue('08:02', 'dat-dai', true),
    ]);
    const mine = Object.values(state.tickets).find((t) => t.issuedAt === at('08:01'))!;
    // Mine waits behind the service under way and the priority number that came after me.
    expect(promisedWaitMinutes(state, mine, at('08:02'))).toBeGreaterThanOrEqual(18);
    // The priority number is called once the service under way ends.
    expect(promisedWaitMinutes(state, state.tickets[last]!, at('08:02'))).toBeLessThanOrEqual(9);
  });

  it('counts a checked-in booking whose slot comes before my turn as going first', () => {
    const booked = siteConfigSchema.parse({
      ...config,
      fields: config.fields.map((f) =>
        f.id === 'dat-dai' ? { ...f, online: { booking: { enabled: true } } } : f,
      ),
    });
    let state = initialState(booked, '2026-11-23', at('07:00'));
    let n = 0;
    const run = (time: string, command: QueueCommand) => {
      const d = decide(state, command, { now: at(time), newId: () => `b${++n}` });
      if (!d.ok) throw new Error(JSON.stringify(d.error));
      state = d.state;
    };
    run('08:00', { type: 'openCounter', ...by('q1') });
    run('08:00', { type: 'issue', fieldId: 'dat-dai', priorityClassId: null });
    run('08:00', { type: 'callNext', ...by('q1') });
    run('08:00', { type: 'start', ...by('q1') });
    run('08:01', { type: 'issue', fieldId: 'dat-dai', priorityClassId: null });
    const mine = Object.values(state.tickets).find((t) => t.issuedAt === at('08:01'))!;
    const before = promisedWaitMinutes(state, mine, at('08:02'))!;
    // A booking for 08:05, checked in early: due by the time the counter frees, it goes first.
    run('08:02', {
      type: 'issue',
      fieldId: 'dat-dai',
      priorityClassId: null,
      origin: 'booking',
      slotAt: at('08:05'),
    });
    expect(peopleAhead(state, mine.id, at('08:02'))).toBe(0);
    expect(promisedWaitMinutes(state, mine, at('08:02'))!).toBeGreaterThanOrEqual(before + 10);
  });

  it('is what a walk-in reads on the kiosk: the same as the number they then take', () => {
    const { state } = play([
      open('08:00', 'q1'),
      open('08:00', 'q2'),
      issue('08:01', 'dat-dai'),
      issue('08:02', 'dat-dai'),
      issue('08:03', 'dat-dai'),
    ]);
    const tile = fieldWaitMinutes(state, 'dat-dai', 3, at('08:05'));
    const d = decide(
      state,
      { type: 'issue', fieldId: 'dat-dai', priorityClassId: null },
      { now: at('08:05'), newId: () => 'mine' },
    );
    if (!d.ok) throw new Error(d.error.code);
    expect(promisedWaitMinutes(d.state, d.state.tickets.mine!, at('08:05'))).toBe(tile);
    // Two counters on three people ahead: the second round of calls, about 10 minutes.
    expect(tile).toBeGreaterThanOrEqual(10);
    expect(tile).toBeLessThanOrEqual(12);
  });
});
