import { describe, expect, it } from 'vitest';
import {
  decide,
  initialState,
  siteConfigSchema,
  type QueueCommand,
  type QueueState,
} from '@luot/domain';
import {
  ACTIONS,
  actionForKey,
  availableActions,
  clerkFigures,
  nextFor,
  noShowsHere,
  servedHere,
  SHORTCUTS,
  transferTargets,
  waitingHere,
  type Action,
} from './counter-view.ts';

const NINE = Date.parse('2026-11-23T02:00:00Z');
const config = siteConfigSchema.parse({
  site: { name: 'Thử' },
  fields: [
    {
      id: 'ho-tich',
      name: 'Hộ tịch',
      numbering: { start: 1001, digits: 4 },
      sessions: [{ from: '07:30', to: '17:00' }],
    },
    {
      id: 'dat-dai',
      name: 'Đất đai',
      numbering: { prefix: 'A', start: 1, digits: 3 },
      sessions: [{ from: '07:30', to: '17:00' }],
    },
  ],
  counters: [
    { id: 'c1', number: 1, name: 'Quầy 1', fieldIds: ['ho-tich'] },
    { id: 'c2', number: 2, name: 'Quầy 2', fieldIds: ['ho-tich', 'dat-dai'] },
  ],
  priorityClasses: [{ id: 'cao-tuoi', name: 'Người cao tuổi' }],
});

let ids = 0;
let minutes = 0;
/** Applies commands in order, one minute apart; throws on a refusal. */
function play(state: QueueState, ...commands: QueueCommand[]): QueueState {
  let s = state;
  for (const command of commands) {
    const now = NINE + ++minutes * 60_000;
    const d = decide(s, command, { now, newId: () => `t${++ids}` });
    if (!d.ok) throw new Error(`${command.type}: ${d.error.code}`);
    s = d.state;
  }
  return s;
}

const at = (counterId: string, clerkId: string) => ({ counterId, clerkId });
/** The clerk of c1 asking, an hour after the first command. */
const asker = { clerkId: 'cb1', now: NINE + 3_600_000 };
const c1 = at('c1', 'cb1');
const issue = (fieldId: string, priorityClassId: string | null = null): QueueCommand => ({
  type: 'issue',
  fieldId,
  priorityClassId,
});

function commandFor(action: Action, state: QueueState): QueueCommand | null {
  switch (action) {
    case 'callNext':
      return { type: 'callNext', ...c1 };
    case 'recall':
    case 'start':
    case 'finish':
    case 'noShow':
      return { type: action, ...c1 };
    case 'transfer':
      return { type: 'transfer', to: { fieldId: 'dat-dai' }, reason: 'thử', ...c1 };
    case 'callNumber': {
      const first = waitingHere(state, 'c1', 0)[0];
      return first ? { type: 'callTicket', ticketId: first.id, ...c1 } : null;
    }
    case 'pauseResume':
      return {
        type: state.counters.c1?.status === 'paused' ? 'resume' : 'pause',
        reason: '',
        ...c1,
      } as QueueCommand;
  }
}

describe('the buttons offer what the hub accepts', () => {
  const open = play(
    initialState(config, '2026-11-23', NINE),
    { type: 'openCounter', ...c1 },
    issue('ho-tich'),
    issue('ho-tich'),
  );
  const called = play(open, { type: 'callNext', ...c1 });
  const serving = play(called, { type: 'start', ...c1 });
  const states: Record<string, QueueState> = {
    'open, people waiting': open,
    'a ticket called': called,
    'a ticket in service': serving,
    paused: play(open, { type: 'pause', reason: '', ...c1 }),
    'paused with a ticket called': play(called, { type: 'pause', reason: '', ...c1 }),
    'paused with a ticket in service': play(serving, { type: 'pause', reason: '', ...c1 }),
    'after a no-show': play(called, { type: 'noShow', ...c1 }),
  };
  for (const [name, state] of Object.entries(states))
    it(`agrees with the domain when ${name}`, () => {
      const offered = availableActions(state, 'c1', asker);
      for (const action of ACTIONS) {
        const command = commandFor(action, state);
        if (!command) continue;
        const accepted = decide(state, command, { now: NINE + 3_600_000, newId: () => 'x' }).ok;
        expect({ action, offered: offered[action] }).toEqual({ action, offered: accepted });
      }
    });

  it('offers nothing at a closed counter', () => {
    const closed = initialState(config, '2026-11-23', NINE);
    expect(Object.values(availableActions(closed, 'c1', asker)).some(Boolean)).toBe(false);
  });

  it('offers nothing to a clerk who does not hold the counter', () => {
    const open = play(initialState(config, '2026-11-23', NINE), { type: 'openCounter', ...c1 });
    const other = { ...asker, clerkId: 'cb2' };
    expect(Object.values(availableActions(open, 'c1', other)).some(Boolean)).toBe(false);
  });

  it('offers a call when nobody waits, for the hub to say so', () => {
    const open = play(initialState(config, '2026-11-23', NINE), { type: 'openCounter', ...c1 });
    expect(availableActions(open, 'c1', asker)).toMatchObject({
      callNext: true,
      callNumber: true,
      pauseResume: true,
      recall: false,
      finish: false,
      transfer: false,
    });
  });

  it('offers transfers to every other field and counter, not to where the ticket is', () => {
    const called = play(
      initialState(config, '2026-11-23', NINE),
      { type: 'openCounter', ...c1 },
      issue('ho-tich'),
      { type: 'callNext', ...c1 },
    );
    const targets = transferTargets(called, 'c1', asker);
    expect(targets.fields.map((f) => f.id)).toEqual(['dat-dai']);
    expect(targets.counters.map((c) => c.id)).toEqual(['c2']);
    const idle = play(called, { type: 'start', ...c1 }, { type: 'finish', ...c1 });
    expect(transferTargets(idle, 'c1', asker)).toEqual({ fields: [], counters: [] });
  });
});

describe('the lists', () => {
  it('lists only tickets this counter may call, priority first', () => {
    const s = play(
      initialState(config, '2026-11-23', NINE),
      issue('ho-tich'),
      issue('dat-dai'),
      issue('ho-tich', 'cao-tuoi'),
    );
    expect(waitingHere(s, 'c1', 0).map((t) => t.label)).toEqual(['1002', '1001']);
    expect(waitingHere(s, 'c2', 0).map((t) => t.label)).toEqual(['1002', '1001', 'A001']);
  });

  it('includes a ticket transferred to this counter, whatever its field', () => {
    const c2 = at('c2', 'cb2');
    const s = play(
      initialState(config, '2026-11-23', NINE),
      { type: 'openCounter', ...c2 },
      issue('dat-dai'),
      { type: 'callNext', ...c2 },
      { type: 'transfer', to: { counterId: 'c1' }, reason: 'thử', ...c2 },
    );
    expect(waitingHere(s, 'c1', 0).map((t) => t.label)).toEqual(['A001']);
    expect(waitingHere(s, 'c2', 0)).toEqual([]);
  });

  it('keeps no-shows to call again and today’s served tickets, newest first', () => {
    const s = play(
      initialState(config, '2026-11-23', NINE),
      { type: 'openCounter', ...c1 },
      issue('ho-tich'),
      issue('ho-tich'),
      issue('ho-tich'),
      { type: 'callNext', ...c1 },
      { type: 'noShow', ...c1 },
      { type: 'callNext', ...c1 },
      { type: 'start', ...c1 },
      { type: 'finish', ...c1 },
      { type: 'callNext', ...c1 },
      { type: 'start', ...c1 },
      { type: 'finish', ...c1 },
    );
    expect(noShowsHere(s, 'c1').map((t) => t.label)).toEqual(['1001']);
    expect(servedHere(s, 'c1').map((t) => t.label)).toEqual(['1003', '1002']);
    expect(servedHere(s, 'c2')).toEqual([]);
  });
});

describe("the clerk's figures", () => {
  it('counts only tickets this clerk finished, with their mean service time and rating', () => {
    const c2 = at('c2', 'cb2');
    const rate = (s: QueueState, label: string, score: number) =>
      play(s, {
        type: 'rate',
        ticketId: Object.values(s.tickets).find((t) => t.label === label)!.id,
        counterId: 'c1',
        score,
      });
    let s = play(
      initialState(config, '2026-11-23', NINE),
      { type: 'openCounter', ...c1 },
      { type: 'openCounter', ...c2 },
      issue('ho-tich'),
      issue('ho-tich'),
      issue('ho-tich'),
      { type: 'callNext', ...c1 },
      { type: 'start', ...c1 }, // one minute per command: 1 min of service
      { type: 'finish', ...c1 },
    );
    s = rate(s, '1001', 3);
    s = play(
      s,
      { type: 'callNext', ...c1 },
      { type: 'start', ...c1 },
      { type: 'callNext', ...c2 },
      { type: 'finish', ...c1 }, // 2 min of service
    );
    s = rate(s, '1002', 2);
    expect(clerkFigures(s, 'cb1')).toEqual({
      served: 2,
      meanServiceMs: 90_000,
      meanRating: 2.5,
      ratings: 2,
    });
    expect(clerkFigures(s, 'cb2')).toEqual({
      served: 0,
      meanServiceMs: null,
      meanRating: null,
      ratings: 0,
    });
  });
});

describe('shortcut keys', () => {
  it('gives each action its own function key, F1 to F8', () => {
    expect(ACTIONS.map((a) => SHORTCUTS[a])).toEqual([
      'F1',
      'F2',
      'F3',
      'F4',
      'F5',
      'F6',
      'F7',
      'F8',
    ]);
    for (const a of ACTIONS) expect(actionForKey(SHORTCUTS[a])).toBe(a);
    expect(actionForKey('F9')).toBeNull();
    expect(actionForKey('n')).toBeNull();
  });
});

describe('tickets from outside the lobby', () => {
  // Hộ tịch: remote numbers must check in at the kiosk; bookings taken.
  const online = {
    ...config,
    fields: config.fields.map((f) => ({
      ...f,
      online: { remote: 'check-in' as const, booking: { ...f.online.booking, enabled: true } },
    })),
  };
  const MIN = 60_000;
  const remote = (fieldId: string): QueueCommand => ({
    type: 'issue',
    fieldId,
    priorityClassId: null,
    origin: 'remote',
  });

  it('lists a remote number awaiting check-in in its place, and a booking first from its slot', () => {
    const s = play(initialState(online, '2026-11-23', NINE), remote('ho-tich'), issue('ho-tich'), {
      type: 'issue',
      fieldId: 'ho-tich',
      priorityClassId: null,
      origin: 'booking',
      slotAt: NINE + 30 * MIN,
    });
    const labels = (now: number) => waitingHere(s, 'c1', now).map((t) => t.label);
    expect(labels(NINE + 10 * MIN)).toEqual(['1001', '1002', '1003']);
    expect(labels(NINE + 30 * MIN)).toEqual(['1003', '1001', '1002']);
    expect(waitingHere(s, 'c1', NINE).find((t) => t.label === '1001')?.awaitingArrival).toBe(true);
  });

  it('marks no "next" while only an absent citizen waits, and the arrived one once checked in', () => {
    const s = play(
      initialState(online, '2026-11-23', NINE),
      { type: 'openCounter', ...c1 },
      remote('ho-tich'),
    );
    expect(nextFor(s, 'c1', asker.now)).toBeNull();
    const arrived = play(s, { type: 'arrive', ticketId: waitingHere(s, 'c1', NINE)[0]!.id });
    expect(nextFor(arrived, 'c1', asker.now)?.label).toBe('1001');
  });
});
