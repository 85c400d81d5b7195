import { describe, expect, it } from 'vitest';
import type { QueueEvent } from './events.ts';
import { evolve, evolveAll, evolveOwned, ticketIdsOf } from './evolve.ts';
import { at, byLabel, clone, cmd, fixtureConfig, NEXT_DAY, run } from './test-support.ts';

// A day at the centre touching every command; times are local, one command a minute from 07:30.
const morning = run(
  [
    cmd.open('quay-1'),
    cmd.open('quay-2'),
    cmd.open('quay-3'),
    cmd.issue('dat-dai'),
    cmd.issue('ho-tich', 'cao-tuoi'),
    cmd.issue('kinh-doanh'),
    cmd.issue('dat-dai'),
    cmd.callNext('quay-1'), // A001 (priority)
    cmd.recall('quay-1'),
    cmd.start('quay-1'),
    cmd.callNext('quay-2'), // 1001
    cmd.noShow('quay-2'),
    cmd.callNext('quay-3'), // B001
    cmd.start('quay-3'),
    cmd.transfer('quay-3', { counterId: 'quay-1' }),
    cmd.callNext('quay-1'), // finishes A001, calls B001 (reserved for quay-1)
    cmd.rate('t2', 'quay-1', 3),
    cmd.start('quay-1'),
    cmd.transfer('quay-1', { fieldId: 'ho-tich' }),
    cmd.callTicket('quay-2', 't1'), // the no-show comes back
    cmd.start('quay-2'),
    cmd.finish('quay-2'),
    cmd.pause('quay-3'),
    cmd.cancel('t4'),
    cmd.resume('quay-3'),
    cmd.close('quay-3'),
    cmd.open('quay-3', 'lan'), // lan moves over from quay-1
    cmd.updateConfig(
      fixtureConfig((c) => {
        c.counters.push({ id: 'quay-4', number: 4, name: 'Quầy 4', fieldIds: ['dat-dai'] });
      }),
    ),
    cmd.issue('dat-dai'),
  ],
  '07:30',
);
const nextDay = run(
  [cmd.closeDay(), cmd.issue('dat-dai')],
  [`${NEXT_DAY} 00:00`, `${NEXT_DAY} 07:30`],
  morning.state,
);

describe('evolveAll: restoring after a crash', () => {
  it('the scenario did what it says', () => {
    const s = morning.state;
    expect(byLabel(s, '1001')).toMatchObject({ status: 'done', callCount: 2 });
    expect(byLabel(s, 'A001')).toMatchObject({ status: 'done', rating: 3 });
    expect(byLabel(s, 'B001')).toMatchObject({
      status: 'waiting',
      fieldId: 'ho-tich',
      transferCount: 2,
    });
    expect(byLabel(s, '1002').status).toBe('cancelled');
    expect(s.counters['quay-1']!.status).toBe('closed');
    expect(s.counters['quay-3']).toMatchObject({ status: 'open', clerkId: 'lan' });
    expect(s.counters['quay-4']!.status).toBe('closed');
  });

  it.each([
    { name: 'a day in progress', events: morning.events, state: morning.state },
    {
      name: 'across closeDay',
      events: [...morning.events, ...nextDay.events],
      state: nextDay.state,
    },
  ])('replaying the stored events reproduces $name', ({ events, state }) => {
    expect(evolveAll(morning.initial, events)).toEqual(state);
  });

  it('events survive being stored as JSON', () => {
    const stored = JSON.parse(JSON.stringify(morning.events)) as QueueEvent[];
    expect(evolveAll(morning.initial, stored)).toEqual(morning.state);
  });

  it('replaying from any point reproduces the end state', () => {
    for (const cut of [5, 12, 20]) {
      const middle = evolveAll(morning.initial, morning.events.slice(0, cut));
      expect(evolveAll(middle, morning.events.slice(cut))).toEqual(morning.state);
    }
  });

  it('ignores an event about a ticket it does not know', () => {
    const event: QueueEvent = {
      type: 'ticket.started',
      at: at('09:00'),
      day: morning.state.day,
      ticketId: 'missing',
      fieldId: 'dat-dai',
      counterId: 'quay-1',
      clerkId: 'lan',
    };
    expect(evolve(morning.state, event)).toEqual(morning.state);
  });
});

describe('evolveOwned: the same states without copying the tickets map', () => {
  const events = [...morning.events, ...nextDay.events];

  it('the scenario holds every kind of event', () => {
    const kinds = new Set(events.map((e) => e.type));
    expect([...kinds].sort()).toEqual(
      [
        'config.updated',
        'counter.closed',
        'counter.opened',
        'counter.paused',
        'counter.resumed',
        'day.opened',
        'ticket.called',
        'ticket.cancelled',
        'ticket.expired',
        'ticket.finished',
        'ticket.issued',
        'ticket.no_show',
        'ticket.rated',
        'ticket.recalled',
        'ticket.started',
        'ticket.transferred',
      ].sort(),
    );
  });

  it('evolve changes no ticket but the ones ticketIdsOf names', () => {
    let state = morning.initial;
    for (const event of events) {
      const next = evolve(state, event);
      if (event.type !== 'day.opened') {
        const changed = Object.keys({ ...state.tickets, ...next.tickets }).filter(
          (id) => state.tickets[id] !== next.tickets[id],
        );
        expect(ticketIdsOf(event)).toEqual(expect.arrayContaining(changed));
      }
      state = next;
    }
  });

  it('reaches the state evolveAll reaches, event by event and all at once', () => {
    let owned = clone(morning.initial);
    let pure = morning.initial;
    for (const event of events) {
      owned = evolveOwned(owned, [event]);
      pure = evolve(pure, event);
      expect(owned).toEqual(pure);
    }
    expect(evolveOwned(clone(morning.initial), events)).toEqual(nextDay.state);
  });

  it('keeps one tickets map while the day lasts, and starts a new one with the next day', () => {
    const start = clone(morning.initial);
    const tickets = start.tickets;
    const day = evolveOwned(start, morning.events);
    expect(day.tickets).toBe(tickets);
    expect(evolveOwned(day, nextDay.events).tickets).not.toBe(tickets);
  });
});
