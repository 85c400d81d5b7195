import { describe, expect, it } from 'vitest';
import { eventFor, stateFor, type Audience } from './audience.ts';
import { evolveAll } from './evolve.ts';
import type { QueueCommand } from './commands.ts';
import { cmd, run, CLERK } from './test-support.ts';

const PHONE = 'SĐT 0912345678, CCCD 001099012345';
const PAUSE = 'Đi khám, gọi 0987654321';

/** A day with every event that carries a reason or a clerk: calls, a transfer, a pause, a cancel. */
function busyDay() {
  const commands: QueueCommand[] = [
    cmd.issue('dat-dai'),
    cmd.issue('dat-dai'),
    cmd.issue('ho-tich'),
    cmd.open('quay-1'),
    cmd.open('quay-2'),
    cmd.callNext('quay-1'),
    cmd.recall('quay-1'),
    cmd.start('quay-1'),
    { ...cmd.transfer('quay-1', { fieldId: 'ho-tich' }), reason: PHONE } as QueueCommand,
    cmd.callNext('quay-1'),
    cmd.start('quay-1'),
    cmd.finish('quay-1'),
  ];
  const first = run(commands);
  const finished = first.state.counters['quay-1']!.lastFinishedTicketId!;
  const waiting = Object.values(first.state.tickets).find((t) => t.status === 'waiting')!;
  const rest = run(
    [
      cmd.rate(finished, 'quay-1', 3),
      { ...cmd.cancel(waiting.id), reason: PHONE } as QueueCommand,
      cmd.issue('ho-tich'),
      cmd.callNext('quay-2'),
      cmd.noShow('quay-2'),
      { ...cmd.pause('quay-2'), reason: PAUSE } as QueueCommand,
      cmd.resume('quay-2'),
      { ...cmd.pause('quay-2'), reason: PAUSE } as QueueCommand,
    ],
    '10:00',
    first.state,
  );
  return { initial: first.initial, state: rest.state, events: [...first.events, ...rest.events] };
}

const USERNAMES = Object.values(CLERK);

describe('what each audience sees', () => {
  const day = busyDay();

  it('the fixture day carries the reasons and the usernames (what staff see)', () => {
    const json = JSON.stringify([...day.events, day.state]);
    for (const text of [PHONE, PAUSE, '"lan"', '"minh"']) expect(json).toContain(text);
    expect(eventFor('staff', day.events[0]!)).toBe(day.events[0]);
    expect(stateFor('staff', day.state)).toBe(day.state);
  });

  it('devices see no free-text reason and no clerk username, in events or state', () => {
    const events = day.events.map((e) => eventFor('device', e));
    const state = stateFor('device', day.state);
    const json = JSON.stringify({ events, state });
    expect(json).not.toContain('0912345678');
    expect(json).not.toContain('001099012345');
    expect(json).not.toContain('0987654321');
    for (const name of USERNAMES) expect(json).not.toContain(`"${name}"`);
  });

  it('clerks see no free-text reason but keep usernames (their screen finds its counter by them)', () => {
    const events = day.events.map((e) => eventFor('clerk', e));
    const json = JSON.stringify({ events, state: stateFor('clerk', day.state) });
    expect(json).not.toContain('0912345678');
    expect(json).not.toContain('0987654321');
    expect(json).toContain('"lan"');
  });

  it.each<Audience>(['device', 'clerk'])(
    'folding %s events from the start gives that audience’s view of the state',
    (audience) => {
      const folded = evolveAll(
        stateFor(audience, day.initial),
        day.events.map((e) => eventFor(audience, e)),
      );
      expect(JSON.parse(JSON.stringify(folded))).toEqual(
        JSON.parse(JSON.stringify(stateFor(audience, day.state))),
      );
    },
  );

  it('a device still sees who is served where, and that a counter is paused and staffed', () => {
    const state = stateFor('device', day.state);
    const counter = state.counters['quay-2']!;
    expect(counter.status).toBe('paused');
    expect(counter.pauseReason).toBe('');
    expect(counter.clerkId).toBe('');
    expect(state.counters['quay-3']!.clerkId).toBeNull();
    expect(Object.values(state.tickets).map((t) => [t.label, t.status])).toEqual(
      Object.values(day.state.tickets).map((t) => [t.label, t.status]),
    );
  });

  it('leaves the state it is given as it was', () => {
    const before = JSON.stringify(day.state);
    stateFor('device', day.state);
    day.events.forEach((e) => eventFor('device', e));
    expect(JSON.stringify(day.state)).toBe(before);
  });
});
