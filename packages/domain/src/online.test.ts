// Tickets from outside the lobby: booked slots called first within a streak cap, remote numbers
// that wait for their citizen's check-in, and what a citizen is told of the people ahead.
import { describe, expect, it } from 'vitest';
import type { QueueCommand } from './commands.ts';
import type { SiteConfigInput } from './config.ts';
import { peopleAhead, pickNext, placesAmong } from './selectors.ts';
import type { QueueState } from './state.ts';
import { at, attempt, byLabel, cmd, fixtureConfig, fresh, refusal, run } from './test-support.ts';

/** dat-dai: remote numbers must check in, bookings on; ho-tich: remote numbers rank as walk-ins. */
function online(patch?: (input: SiteConfigInput) => void) {
  return fixtureConfig((c) => {
    c.fields[0]!.online = { remote: 'check-in', booking: { enabled: true } };
    c.fields[1]!.online = { remote: 'walk-in', booking: { enabled: true } };
    patch?.(c);
  });
}

type Issue = Extract<QueueCommand, { type: 'issue' }>;
const remote = (fieldId: string): Issue => ({
  type: 'issue',
  fieldId,
  priorityClassId: null,
  origin: 'remote',
});
const booked = (fieldId: string, slot: string, priorityClassId: string | null = null): Issue => ({
  type: 'issue',
  fieldId,
  priorityClassId,
  origin: 'booking',
  slotAt: at(slot),
});
const arrive = (ticketId: string): QueueCommand => ({ type: 'arrive', ticketId });

/** Labels a counter calls at `time`, one "call next" + "start" after another, until none waits. */
function callSequence(state: QueueState, counterId: string, time: string): string[] {
  const labels: string[] = [];
  let s = state;
  for (let i = 0; i < 50; i++) {
    const d = attempt(s, cmd.callNext(counterId), time);
    if (!d.ok) {
      expect(d.error.code).toBe('NOTHING_WAITING');
      return labels;
    }
    s = run([cmd.start(counterId)], time, d.state).state;
    labels.push(s.tickets[s.counters[counterId]!.currentTicketId!]!.label);
  }
  throw new Error('the queue never ran dry');
}

describe('issue: where a number came from', () => {
  const s = fresh(online());

  it.each([
    { what: 'a walk-in', command: cmd.issue('kinh-doanh'), origin: undefined, awaiting: undefined },
    {
      what: 'remote, ranked as walk-in',
      command: remote('ho-tich'),
      origin: 'remote',
      awaiting: undefined,
    },
    { what: 'remote, must check in', command: remote('dat-dai'), origin: 'remote', awaiting: true },
    {
      what: 'a booking',
      command: booked('dat-dai', '09:00'),
      origin: 'booking',
      awaiting: undefined,
    },
  ])('$what', ({ command, origin, awaiting }) => {
    const d = attempt(s, command, '08:50');
    if (!d.ok) throw new Error(d.error.detail);
    const ticket = Object.values(d.state.tickets)[0]!;
    expect(ticket.origin).toBe(origin);
    expect(ticket.awaitingArrival).toBe(awaiting);
    expect(ticket.slotAt).toBe(origin === 'booking' ? at('09:00') : undefined);
  });

  it.each([
    { what: 'remote where remote is off', command: remote('kinh-doanh'), code: 'NOT_OFFERED' },
    {
      what: 'a booking without its slot',
      command: { type: 'issue', fieldId: 'dat-dai', priorityClassId: null, origin: 'booking' },
      code: 'INVALID_ARGUMENT',
    },
    {
      what: 'a walk-in with a slot',
      command: { type: 'issue', fieldId: 'dat-dai', priorityClassId: null, slotAt: at('09:00') },
      code: 'INVALID_ARGUMENT',
    },
    {
      what: 'a remote number with a slot',
      command: { ...remote('ho-tich'), slotAt: at('09:00') },
      code: 'INVALID_ARGUMENT',
    },
  ] satisfies { what: string; command: QueueCommand; code: string }[])(
    'refuses $what ($code)',
    ({ command, code }) => {
      expect(refusal(s, command, '08:50').code).toBe(code);
    },
  );
});

describe('pickNext: due bookings first, within bookingMaxStreak', () => {
  // 08:00 1001, 08:01 1002 walk-ins; bookings checked in: 08:50 1003 (slot 09:00),
  // 08:52 1004 (slot 09:15), 08:53 1005 (slot 09:00).
  const queue: QueueCommand[] = [
    cmd.issue('dat-dai'),
    cmd.issue('dat-dai'),
    booked('dat-dai', '09:00'),
    booked('dat-dai', '09:15'),
    booked('dat-dai', '09:00'),
    cmd.open('quay-1'),
  ];
  const times = ['08:00', '08:01', '08:50', '08:52', '08:53', '08:54'];

  it.each([
    { streak: 1, order: ['1003', '1001', '1005', '1002', '1004'] },
    { streak: 2, order: ['1003', '1005', '1001', '1004', '1002'] },
    { streak: 100, order: ['1003', '1005', '1004', '1001', '1002'] },
  ])('bookingMaxStreak $streak at 10:00: $order', ({ streak, order }) => {
    const config = online((c) => {
      c.citizens = { bookingMaxStreak: streak };
    });
    expect(callSequence(run(queue, times, fresh(config)).state, 'quay-1', '10:00')).toEqual(order);
  });

  it.each([
    // Before any slot: every booking ranks as a walk-in by the time it was printed.
    { time: '08:55', order: ['1001', '1002', '1003', '1004', '1005'] },
    // 09:00: the two 09:00 slots are due; 1004's slot (09:15) is not yet.
    { time: '09:00', order: ['1003', '1005', '1001', '1002', '1004'] },
  ])('at $time: $order', ({ time, order }) => {
    const config = online((c) => {
      c.citizens = { bookingMaxStreak: 100 };
    });
    expect(callSequence(run(queue, times, fresh(config)).state, 'quay-1', time)).toEqual(order);
  });

  it('a walk-in called resets the streak; a due booking called by number counts towards it', () => {
    const s = run(queue, times, fresh(online())).state;
    const called = run(
      [cmd.callTicket('quay-1', 't3'), cmd.start('quay-1'), cmd.callTicket('quay-1', 't5')],
      '10:00',
      s,
    ).state;
    expect(called.counters['quay-1']!.bookingStreak).toBe(2);
    expect(pickNext(called, 'quay-1', at('10:01'))?.label).toBe('1001');
    const walkIn = run([cmd.start('quay-1'), cmd.callNext('quay-1')], '10:02', called).state;
    expect(walkIn.counters['quay-1']!.bookingStreak).toBe(0);
  });

  it('mixed with priority: due bookings, then priority, then walk-ins by issue time', () => {
    // 08:00 1001 walk-in, 08:01 1002 priority, bookings 1003 (09:00), 1004 (09:15), 1005 (09:30).
    const s = run(
      [
        cmd.issue('dat-dai'),
        cmd.issue('dat-dai', 'cao-tuoi'),
        booked('dat-dai', '09:00'),
        booked('dat-dai', '09:15'),
        booked('dat-dai', '09:30'),
        cmd.open('quay-1'),
      ],
      '08:00',
      fresh(online()),
    ).state;
    expect(callSequence(s, 'quay-1', '10:00')).toEqual(['1003', '1004', '1002', '1005', '1001']);
  });

  it("under fields-in-order a due booking goes before the counter's first field", () => {
    // quay-2 serves ho-tich, then dat-dai: A001 waits since 08:00, booking 1001 checked in.
    const s = run(
      [cmd.issue('ho-tich'), booked('dat-dai', '09:00'), cmd.issue('dat-dai'), cmd.open('quay-2')],
      ['08:00', '08:50', '08:51', '08:52'],
      fresh(online()),
    ).state;
    expect(callSequence(s, 'quay-2', '08:55')).toEqual(['A001', '1001', '1002']);
    expect(callSequence(s, 'quay-2', '09:00')).toEqual(['1001', 'A001', '1002']);
  });
});

describe('a remote number awaiting its check-in', () => {
  // 08:00 1001 remote (dat-dai must check in), 08:01 1002, 08:02 1003 walk-ins.
  const s = run(
    [remote('dat-dai'), cmd.issue('dat-dai'), cmd.issue('dat-dai'), cmd.open('quay-1')],
    '08:00',
    fresh(online()),
  ).state;

  it('is never called by "call next" and refused by number with NOT_ARRIVED', () => {
    expect(callSequence(s, 'quay-1', '09:00')).toEqual(['1002', '1003']);
    expect(refusal(s, cmd.callTicket('quay-1', 't1'), '09:00').code).toBe('NOT_ARRIVED');
  });

  it('once arrived, is called in its old place', () => {
    const arrived = run([arrive('t1')], '08:30', s);
    expect(arrived.last).toMatchObject([{ type: 'ticket.arrived', ticketId: 't1' }]);
    expect(byLabel(arrived.state, '1001').awaitingArrival).toBe(false);
    expect(callSequence(arrived.state, 'quay-1', '09:00')).toEqual(['1001', '1002', '1003']);
  });

  it.each([
    { what: 'a walk-in', setup: [] as QueueCommand[], ticketId: 't2', code: 'INVALID_STATE' },
    { what: 'one already arrived', setup: [arrive('t1')], ticketId: 't1', code: 'INVALID_STATE' },
    {
      what: 'a remote number of a walk-in field',
      setup: [remote('ho-tich')],
      ticketId: 't4',
      code: 'INVALID_STATE',
    },
    { what: 'no ticket', setup: [], ticketId: 't99', code: 'NOT_FOUND' },
  ])('arrive is refused for $what ($code)', ({ setup, ticketId, code }) => {
    const before = run(setup, '08:10', s).state;
    expect(refusal(before, arrive(ticketId), '08:20').code).toBe(code);
  });
});

describe('peopleAhead with tickets from outside the lobby', () => {
  it('does not count a remote number awaiting its check-in, and does once it arrives', () => {
    const s = run([remote('dat-dai'), cmd.issue('dat-dai')], '08:00', fresh(online())).state;
    expect(peopleAhead(s, 't2', at('08:05'))).toBe(0);
    expect(peopleAhead(s, 't1', at('08:05'))).toBe(0);
    const arrived = run([arrive('t1')], '08:10', s).state;
    expect(peopleAhead(arrived, 't2', at('08:10'))).toBe(1);
  });

  it('counts a checked-in booking ahead of walk-ins from its slot on, by issue time before', () => {
    // 08:00 1001 walk-in, 08:50 1002 booking (09:00), 08:51 1003 walk-in.
    const s = run(
      [cmd.issue('dat-dai'), booked('dat-dai', '09:00'), cmd.issue('dat-dai')],
      ['08:00', '08:50', '08:51'],
      fresh(online()),
    ).state;
    const ahead = (time: string) => ['t1', 't2', 't3'].map((id) => peopleAhead(s, id, at(time)));
    expect(ahead('08:55')).toEqual([0, 1, 2]);
    expect(ahead('09:00')).toEqual([1, 0, 2]);
  });

  it('placesAmong gives every waiting ticket the same count as peopleAhead', () => {
    const s = run(
      [
        remote('dat-dai'),
        cmd.issue('dat-dai'),
        booked('dat-dai', '09:00'),
        cmd.issue('dat-dai', 'cao-tuoi'),
        remote('dat-dai'),
        booked('dat-dai', '09:30'),
        cmd.issue('dat-dai'),
      ],
      '08:50',
      fresh(online()),
    ).state;
    const waiting = Object.values(s.tickets);
    for (const time of ['08:58', '09:00', '09:40']) {
      const places = placesAmong(waiting, at(time));
      for (const t of waiting) expect(places.get(t.id)).toBe(peopleAhead(s, t.id, at(time)));
    }
  });
});
