import { describe, expect, it } from 'vitest';
import type { QueueCommand } from './commands.ts';
import { canDecide, decide } from './decide.ts';
import type { QueueEvent, QueueEventType } from './events.ts';
import type { QueueState } from './state.ts';
import {
  at,
  byLabel,
  cmd,
  DAY,
  eventTypes,
  fixtureConfig,
  fresh,
  NEXT_DAY,
  refusal,
  run,
} from './test-support.ts';

const WHEN = '09:00';
const NOW = at(WHEN);

interface Transition {
  name: string;
  /** Run from 08:00, one minute apart. */
  given: QueueCommand[];
  /** Run at 09:00. */
  when: QueueCommand;
  events: QueueEventType[];
  then: (after: QueueState, events: QueueEvent[], before: QueueState) => void;
}

const served: QueueCommand[] = [cmd.issue('dat-dai'), cmd.open('quay-1'), cmd.callNext('quay-1')];

const transitions: Transition[] = [
  {
    name: 'issue gives the field its next number, waiting since now',
    given: [cmd.issue('dat-dai')],
    when: cmd.issue('dat-dai'),
    events: ['ticket.issued'],
    then: (s, [e]) => {
      const t = byLabel(s, '1002');
      expect(t).toMatchObject({
        day: DAY,
        fieldId: 'dat-dai',
        originalFieldId: 'dat-dai',
        number: 1002,
        status: 'waiting',
        priorityClassId: null,
        issuedAt: NOW,
        waitingSince: NOW,
        callCount: 0,
      });
      expect(e).toEqual({ type: 'ticket.issued', at: NOW, day: DAY, ticket: t });
    },
  },
  {
    name: 'issue a priority ticket',
    given: [],
    when: cmd.issue('ho-tich', 'cao-tuoi'),
    events: ['ticket.issued'],
    then: (s) => expect(byLabel(s, 'A001').priorityClassId).toBe('cao-tuoi'),
  },
  {
    name: 'openCounter opens a closed counter for the clerk',
    given: [],
    when: cmd.open('quay-1'),
    events: ['counter.opened'],
    then: (s) =>
      expect(s.counters['quay-1']).toMatchObject({ status: 'open', clerkId: 'lan', since: NOW }),
  },
  {
    name: 'openCounter again by the same clerk changes nothing',
    given: [cmd.open('quay-1')],
    when: cmd.open('quay-1'),
    events: [],
    then: (s, _e, before) => expect(s).toBe(before),
  },
  {
    name: 'a clerk opening another counter closes the one they left',
    given: [cmd.open('quay-1', 'lan')],
    when: cmd.open('quay-3', 'lan'),
    events: ['counter.closed', 'counter.opened'],
    then: (s, [closed]) => {
      expect(closed).toMatchObject({ counterId: 'quay-1', clerkId: 'lan' });
      expect(s.counters['quay-1']).toMatchObject({ status: 'closed', clerkId: null });
      expect(s.counters['quay-3']).toMatchObject({ status: 'open', clerkId: 'lan' });
    },
  },
  {
    name: 'callNext sends the longest-waiting ticket to the counter',
    given: [cmd.issue('dat-dai'), cmd.issue('dat-dai'), cmd.open('quay-1')],
    when: cmd.callNext('quay-1'),
    events: ['ticket.called'],
    then: (s, [e]) => {
      expect(e).toMatchObject({
        ticketId: 't1',
        counterId: 'quay-1',
        clerkId: 'lan',
        from: 'waiting',
      });
      expect(byLabel(s, '1001')).toMatchObject({
        status: 'called',
        counterId: 'quay-1',
        clerkId: 'lan',
        calledAt: NOW,
        callCount: 1,
      });
      expect(byLabel(s, '1002').status).toBe('waiting');
      expect(s.counters['quay-1']!.currentTicketId).toBe('t1');
    },
  },
  {
    name: 'callNext while serving finishes the ticket in service first',
    given: [
      cmd.issue('dat-dai'),
      cmd.issue('dat-dai'),
      cmd.open('quay-1'),
      cmd.callNext('quay-1'),
      cmd.start('quay-1'),
    ],
    when: cmd.callNext('quay-1'),
    events: ['ticket.finished', 'ticket.called'],
    then: (s) => {
      expect(byLabel(s, '1001')).toMatchObject({ status: 'done', finishedAt: NOW });
      expect(byLabel(s, '1002').status).toBe('called');
      expect(s.counters['quay-1']).toMatchObject({
        currentTicketId: 't2',
        lastFinishedTicketId: 't1',
      });
    },
  },
  {
    name: 'callTicket calls a chosen waiting ticket out of turn',
    given: [cmd.issue('dat-dai'), cmd.issue('dat-dai'), cmd.open('quay-1')],
    when: cmd.callTicket('quay-1', 't2'),
    events: ['ticket.called'],
    then: (s) => {
      expect(byLabel(s, '1002').status).toBe('called');
      expect(byLabel(s, '1001').status).toBe('waiting');
    },
  },
  {
    name: 'callTicket calls a no-show again, at any counter serving its field',
    given: [...served, cmd.noShow('quay-1'), cmd.open('quay-2')],
    when: cmd.callTicket('quay-2', 't1'),
    events: ['ticket.called'],
    then: (s, [e]) => {
      expect(e).toMatchObject({ from: 'no_show', counterId: 'quay-2', clerkId: 'minh' });
      expect(byLabel(s, '1001')).toMatchObject({
        status: 'called',
        counterId: 'quay-2',
        callCount: 2,
      });
    },
  },
  {
    name: 'recall announces the called ticket again',
    given: served,
    when: cmd.recall('quay-1'),
    events: ['ticket.recalled'],
    then: (s) =>
      expect(byLabel(s, '1001')).toMatchObject({
        status: 'called',
        callCount: 2,
        calledAt: at('08:02'),
      }),
  },
  {
    name: 'start marks the citizen as being served',
    given: served,
    when: cmd.start('quay-1'),
    events: ['ticket.started'],
    then: (s) => expect(byLabel(s, '1001')).toMatchObject({ status: 'serving', startedAt: NOW }),
  },
  {
    name: 'finish closes the service, frees the counter and records the service time',
    given: [...served, cmd.start('quay-1')],
    when: cmd.finish('quay-1'),
    events: ['ticket.finished'],
    then: (s) => {
      expect(byLabel(s, '1001')).toMatchObject({ status: 'done', finishedAt: NOW });
      expect(s.counters['quay-1']).toMatchObject({
        currentTicketId: null,
        lastFinishedTicketId: 't1',
      });
      expect(s.recentServiceMs['dat-dai']).toEqual([NOW - at('08:03')]);
    },
  },
  {
    name: 'noShow marks the citizen absent and frees the counter',
    given: served,
    when: cmd.noShow('quay-1'),
    events: ['ticket.no_show'],
    then: (s) => {
      expect(byLabel(s, '1001').status).toBe('no_show');
      expect(s.counters['quay-1']!.currentTicketId).toBeNull();
    },
  },
  {
    name: 'transfer to a field keeps the number and the original issue time',
    given: [...served, cmd.start('quay-1')],
    when: cmd.transfer('quay-1', { fieldId: 'ho-tich' }),
    events: ['ticket.transferred'],
    then: (s, [e]) => {
      expect(e).toMatchObject({ fieldId: 'dat-dai', toFieldId: 'ho-tich', toCounterId: null });
      expect(byLabel(s, '1001')).toMatchObject({
        status: 'waiting',
        fieldId: 'ho-tich',
        originalFieldId: 'dat-dai',
        number: 1001,
        issuedAt: at('08:00'),
        waitingSince: NOW,
        assignedCounterId: null,
        counterId: null,
        transferCount: 1,
      });
      expect(s.counters['quay-1']!.currentTicketId).toBeNull();
    },
  },
  {
    name: 'transfer to a counter that serves the field keeps the field and reserves the ticket',
    given: served,
    when: cmd.transfer('quay-1', { counterId: 'quay-2' }),
    events: ['ticket.transferred'],
    then: (s, [e]) => {
      expect(e).toMatchObject({ toFieldId: 'dat-dai', toCounterId: 'quay-2' });
      expect(byLabel(s, '1001')).toMatchObject({
        status: 'waiting',
        fieldId: 'dat-dai',
        assignedCounterId: 'quay-2',
        issuedAt: at('08:00'),
      });
    },
  },
  {
    name: 'transfer to a counter of another field moves the ticket to that field',
    given: served,
    when: cmd.transfer('quay-1', { counterId: 'quay-3' }),
    events: ['ticket.transferred'],
    then: (s) =>
      expect(byLabel(s, '1001')).toMatchObject({
        fieldId: 'kinh-doanh',
        originalFieldId: 'dat-dai',
        assignedCounterId: 'quay-3',
        label: '1001',
      }),
  },
  {
    name: 'cancel closes a waiting ticket',
    given: [cmd.issue('dat-dai')],
    when: cmd.cancel('t1'),
    events: ['ticket.cancelled'],
    then: (s, [e]) => {
      expect(e).toMatchObject({
        ticketId: 't1',
        counterId: null,
        reason: 'Công dân không chờ được',
      });
      expect(byLabel(s, '1001').status).toBe('cancelled');
    },
  },
  {
    name: 'cancel of a called ticket frees its counter',
    given: served,
    when: cmd.cancel('t1'),
    events: ['ticket.cancelled'],
    then: (s, [e]) => {
      expect(e).toMatchObject({ counterId: 'quay-1' });
      expect(s.counters['quay-1']!.currentTicketId).toBeNull();
    },
  },
  {
    name: 'pause',
    given: [cmd.open('quay-1')],
    when: cmd.pause('quay-1'),
    events: ['counter.paused'],
    then: (s) =>
      expect(s.counters['quay-1']).toMatchObject({
        status: 'paused',
        pauseReason: 'Nghỉ giải lao',
        since: NOW,
        clerkId: 'lan',
      }),
  },
  {
    name: 'resume',
    given: [cmd.open('quay-1'), cmd.pause('quay-1')],
    when: cmd.resume('quay-1'),
    events: ['counter.resumed'],
    then: (s) => expect(s.counters['quay-1']).toMatchObject({ status: 'open', pauseReason: null }),
  },
  {
    name: 'closeCounter by its clerk',
    given: [cmd.open('quay-1')],
    when: cmd.close('quay-1'),
    events: ['counter.closed'],
    then: (s, [e]) => {
      expect(e).toMatchObject({ counterId: 'quay-1', clerkId: 'lan' });
      expect(s.counters['quay-1']).toMatchObject({ status: 'closed', clerkId: null, since: NOW });
    },
  },
  {
    name: 'closeCounter by a supervisor (no clerk) records who was there',
    given: [cmd.open('quay-1'), cmd.pause('quay-1')],
    when: cmd.close('quay-1', null),
    events: ['counter.closed'],
    then: (s, [e]) => {
      expect(e).toMatchObject({ clerkId: 'lan' });
      expect(s.counters['quay-1']!.status).toBe('closed');
    },
  },
  {
    name: 'a clerk signing out does not close a counter another clerk now holds',
    given: [cmd.open('quay-1', 'lan'), cmd.open('quay-3', 'lan'), cmd.open('quay-1', 'tuan')],
    when: cmd.close('quay-1', 'lan'),
    events: [],
    then: (s) => expect(s.counters['quay-1']).toMatchObject({ status: 'open', clerkId: 'tuan' }),
  },
  {
    name: 'closeCounter of a closed counter changes nothing',
    given: [],
    when: cmd.close('quay-1'),
    events: [],
    then: (s, _e, before) => expect(s).toBe(before),
  },
  {
    name: 'rate the ticket just finished at the counter',
    given: [...served, cmd.start('quay-1'), cmd.finish('quay-1')],
    when: cmd.rate('t1', 'quay-1', 3),
    events: ['ticket.rated'],
    then: (s, [e]) => {
      expect(e).toMatchObject({ ticketId: 't1', counterId: 'quay-1', clerkId: 'lan', score: 3 });
      expect(byLabel(s, '1001').rating).toBe(3);
    },
  },
  {
    name: 'rate still works after the clerk has called the next citizen',
    given: [
      cmd.issue('dat-dai'),
      ...served.slice(0, 2),
      cmd.issue('dat-dai'),
      cmd.callNext('quay-1'),
      cmd.start('quay-1'),
      cmd.callNext('quay-1'),
    ],
    when: cmd.rate('t1', 'quay-1', 1),
    events: ['ticket.rated'],
    then: (s) => expect(byLabel(s, '1001').rating).toBe(1),
  },
];

describe('decide: each command', () => {
  it.each(transitions)('$name', ({ given, when, events, then }) => {
    const before = run(given).state;
    const d = run([when], WHEN, before);
    expect(eventTypes(d.last)).toEqual(events);
    for (const e of d.last) expect(e).toMatchObject({ at: NOW, day: DAY });
    then(d.state, d.last, before);
  });
});

describe('numbering', () => {
  it('keeps one sequence per field, printed in its own format', () => {
    const { state } = run(
      ['dat-dai', 'ho-tich', 'dat-dai', 'kinh-doanh', 'ho-tich', 'dat-dai'].map((f) =>
        cmd.issue(f),
      ),
    );
    const labels = Object.values(state.tickets).map((t) => t.label);
    expect(labels).toEqual(['1001', 'A001', '1002', 'B001', 'A002', '1003']);
  });

  it('never reuses a number, whatever happened to the earlier tickets', () => {
    const { state } = run([
      cmd.issue('dat-dai'),
      cmd.issue('dat-dai'),
      cmd.cancel('t2'),
      cmd.open('quay-1'),
      cmd.callNext('quay-1'),
      cmd.transfer('quay-1', { fieldId: 'ho-tich' }),
      cmd.issue('dat-dai'),
      cmd.issue('ho-tich'),
    ]);
    expect(byLabel(state, '1003').id).toBe('t3');
    expect(byLabel(state, 'A001').id).toBe('t4');
    expect(byLabel(state, '1001').fieldId).toBe('ho-tich');
  });

  it('stops at the daily limit with SOLD_OUT, counting tickets later transferred away', () => {
    const config = fixtureConfig((c) => {
      c.fields.find((f) => f.id === 'kinh-doanh')!.dailyLimit = 2;
    });
    const { state } = run(
      [
        cmd.issue('kinh-doanh'),
        cmd.open('quay-3'),
        cmd.callNext('quay-3'),
        cmd.transfer('quay-3', { fieldId: 'dat-dai' }),
        cmd.issue('kinh-doanh'),
      ],
      '08:00',
      fresh(config),
    );
    expect(byLabel(state, 'B002').status).toBe('waiting');
    expect(refusal(state, cmd.issue('kinh-doanh'), '09:00').code).toBe('SOLD_OUT');
    expect(run([cmd.issue('dat-dai')], '09:00', state).last).toHaveLength(1);
  });

  it('stops with SOLD_OUT when the number format is full', () => {
    const config = fixtureConfig((c) => {
      c.fields.find((f) => f.id === 'kinh-doanh')!.numbering = { prefix: 'C', start: 8, digits: 1 };
    });
    const { state } = run(
      [cmd.issue('kinh-doanh'), cmd.issue('kinh-doanh')],
      '08:00',
      fresh(config),
    );
    expect(Object.values(state.tickets).map((t) => t.label)).toEqual(['C8', 'C9']);
    expect(refusal(state, cmd.issue('kinh-doanh'), '09:00').code).toBe('SOLD_OUT');
  });
});

describe('closeDay', () => {
  // By 11:00: 1001 done, 1002 no-show, 1003 called at quay-1, A001 waiting, 1004 cancelled,
  // quay-1 open with a ticket, quay-2 paused, quay-3 closed.
  const day = run([
    cmd.issue('dat-dai'),
    cmd.issue('dat-dai'),
    cmd.issue('dat-dai'),
    cmd.issue('ho-tich'),
    cmd.issue('dat-dai'),
    cmd.cancel('t5'),
    cmd.open('quay-1'),
    cmd.open('quay-2'),
    cmd.pause('quay-2'),
    cmd.callNext('quay-1'),
    cmd.start('quay-1'),
    cmd.finish('quay-1'),
    cmd.callNext('quay-1'),
    cmd.noShow('quay-1'),
    cmd.callTicket('quay-1', 't3'),
  ]);

  it('is refused until the service day is over in the site time zone', () => {
    expect(refusal(day.state, cmd.closeDay(), '23:59').code).toBe('DAY_NOT_OVER');
  });

  const closed = run([cmd.closeDay()], `${NEXT_DAY} 00:00`, day.state);

  it('expires every ticket still open, closes every counter and opens the new day', () => {
    const expired = closed.last.filter((e) => e.type === 'ticket.expired');
    expect(expired.map((e) => 'ticketId' in e && e.ticketId).sort()).toEqual(['t2', 't3', 't4']);
    for (const e of expired) expect(e.day).toBe(DAY);
    const counterClosed = closed.last.filter((e) => e.type === 'counter.closed');
    expect(counterClosed.map((e) => 'counterId' in e && e.counterId).sort()).toEqual([
      'quay-1',
      'quay-2',
    ]);
    expect(closed.last.at(-1)).toEqual({
      type: 'day.opened',
      at: at(`${NEXT_DAY} 00:00`),
      day: NEXT_DAY,
      previousDay: DAY,
    });
  });

  it('leaves an empty new day with every counter closed', () => {
    const s = closed.state;
    expect(s.day).toBe(NEXT_DAY);
    expect(s.tickets).toEqual({});
    expect(s.issuedCount).toEqual({});
    expect(Object.values(s.counters).map((c) => c.status)).toEqual(['closed', 'closed', 'closed']);
  });

  it('restarts every field at its first number', () => {
    const next = run(
      [cmd.issue('dat-dai'), cmd.issue('ho-tich')],
      `${NEXT_DAY} 07:30`,
      closed.state,
    ).state;
    expect(Object.values(next.tickets).map((t) => [t.label, t.day])).toEqual([
      ['1001', NEXT_DAY],
      ['A001', NEXT_DAY],
    ]);
  });

  it('lets a sold-out field issue again the next day', () => {
    const config = fixtureConfig((c) => {
      c.fields.find((f) => f.id === 'kinh-doanh')!.dailyLimit = 1;
    });
    const soldOut = run([cmd.issue('kinh-doanh')], '08:00', fresh(config)).state;
    const next = run(
      [cmd.closeDay(), cmd.issue('kinh-doanh')],
      [`${NEXT_DAY} 00:00`, `${NEXT_DAY} 07:30`],
      soldOut,
    );
    expect(eventTypes(next.last)).toEqual(['ticket.issued']);
  });
});

describe('updateConfig', () => {
  it('adds a counter that can open and call at once', () => {
    const config = fixtureConfig((c) => {
      c.counters.push({ id: 'quay-4', number: 4, name: 'Quầy 4', fieldIds: ['kinh-doanh'] });
    });
    const r = run([
      cmd.issue('kinh-doanh'),
      cmd.updateConfig(config),
      cmd.open('quay-4', 'tuan'),
      cmd.callNext('quay-4', 'tuan'),
    ]);
    expect(r.events[1]).toMatchObject({ type: 'config.updated', config });
    expect(byLabel(r.state, 'B001')).toMatchObject({ status: 'called', counterId: 'quay-4' });
  });

  it('keeps open counters, their tickets and today numbering', () => {
    const config = fixtureConfig((c) => {
      c.fields.find((f) => f.id === 'dat-dai')!.name = 'Đất đai - Nhà ở';
    });
    const r = run([...served, cmd.updateConfig(config), cmd.issue('dat-dai')]);
    expect(r.state.config.fields[0]!.name).toBe('Đất đai - Nhà ở');
    expect(r.state.counters['quay-1']).toMatchObject({ status: 'open', currentTicketId: 't1' });
    expect(byLabel(r.state, '1002').status).toBe('waiting');
  });

  it('may remove a field whose tickets are all finished today', () => {
    const config = fixtureConfig((c) => {
      c.fields = c.fields.filter((f) => f.id !== 'kinh-doanh');
      c.counters = c.counters.filter((k) => k.id !== 'quay-3');
    });
    const r = run([cmd.issue('kinh-doanh'), cmd.cancel('t1'), cmd.updateConfig(config)]);
    expect(Object.keys(r.state.counters)).toEqual(['quay-1', 'quay-2']);
    expect(refusal(r.state, cmd.issue('kinh-doanh'), '09:00').code).toBe('NOT_FOUND');
  });
});

describe('canDecide: what decide would accept', () => {
  const called = [
    cmd.issue('dat-dai'),
    cmd.issue('ho-tich'),
    cmd.open('quay-1'),
    cmd.callNext('quay-1'),
  ];
  const states: Record<string, QueueState> = {
    'an empty day': fresh(),
    'tickets waiting, quay-1 open': run([
      cmd.issue('dat-dai'),
      cmd.issue('ho-tich'),
      cmd.open('quay-1'),
    ]).state,
    '1001 called at quay-1': run(called).state,
    '1001 in service at quay-1': run([...called, cmd.start('quay-1')]).state,
    'quay-1 paused with 1001 called': run([...called, cmd.pause('quay-1')]).state,
    '1001 finished at quay-1': run([...called, cmd.start('quay-1'), cmd.finish('quay-1')]).state,
    '1001 absent': run([...called, cmd.noShow('quay-1')]).state,
  };
  const commands: QueueCommand[] = [
    cmd.issue('dat-dai'),
    cmd.open('quay-1'),
    cmd.open('quay-2'),
    cmd.callNext('quay-1'),
    cmd.callNext('quay-2'),
    cmd.callTicket('quay-1', 't1'),
    cmd.callTicket('quay-1', 't2'),
    cmd.recall('quay-1'),
    cmd.start('quay-1'),
    cmd.finish('quay-1'),
    cmd.noShow('quay-1'),
    cmd.transfer('quay-1', { fieldId: 'ho-tich' }),
    cmd.transfer('quay-1', { counterId: 'quay-3' }),
    cmd.cancel('t2'),
    cmd.pause('quay-1'),
    cmd.resume('quay-1'),
    cmd.close('quay-1'),
    cmd.rate('t1', 'quay-1', 3),
    cmd.closeDay(),
  ];

  for (const [name, state] of Object.entries(states))
    it(`agrees with decide, command by command, on ${name}`, () => {
      for (const command of commands) {
        const decided = decide(state, command, { now: NOW, newId: () => 'x' });
        const expected = decided.ok ? { ok: true } : { ok: false, error: decided.error };
        expect({ command, verdict: canDecide(state, command, { now: NOW }) }).toEqual({
          command,
          verdict: expected,
        });
      }
    });

  it.each([
    {
      name: 'call next at an open counter with people waiting',
      given: [cmd.issue('dat-dai'), cmd.open('quay-1')],
      when: cmd.callNext('quay-1'),
      verdict: 'ok',
    },
    {
      name: 'call next while a ticket is called',
      given: called,
      when: cmd.callNext('quay-1'),
      verdict: 'COUNTER_BUSY',
    },
    {
      name: 'call next while serving (finishes it)',
      given: [...called, cmd.start('quay-1')],
      when: cmd.callNext('quay-1'),
      verdict: 'ok',
    },
    {
      name: 'call next with nobody left',
      given: [cmd.open('quay-1')],
      when: cmd.callNext('quay-1'),
      verdict: 'NOTHING_WAITING',
    },
    {
      name: 'finish a ticket only called',
      given: called,
      when: cmd.finish('quay-1'),
      verdict: 'INVALID_STATE',
    },
    {
      name: 'recall at a paused counter',
      given: [...called, cmd.pause('quay-1')],
      when: cmd.recall('quay-1'),
      verdict: 'ok',
    },
    {
      name: 'call next at a paused counter',
      given: [cmd.issue('dat-dai'), cmd.open('quay-1'), cmd.pause('quay-1')],
      when: cmd.callNext('quay-1'),
      verdict: 'COUNTER_PAUSED',
    },
    {
      name: 'another clerk at quay-1',
      given: [cmd.issue('dat-dai'), cmd.open('quay-1')],
      when: cmd.callNext('quay-1', 'minh'),
      verdict: 'COUNTER_CLOSED',
    },
    {
      name: 'transfer to its own field',
      given: called,
      when: cmd.transfer('quay-1', { fieldId: 'dat-dai' }),
      verdict: 'INVALID_ARGUMENT',
    },
  ])('$name: $verdict', ({ given, when, verdict }) => {
    const r = canDecide(run(given).state, when, { now: NOW });
    expect(r.ok ? 'ok' : r.error.code).toBe(verdict);
  });

  it('draws no ids and changes nothing', () => {
    const state = fresh();
    const snapshot = JSON.stringify(state);
    expect(canDecide(Object.freeze(state), cmd.issue('dat-dai'), { now: NOW })).toEqual({
      ok: true,
    });
    expect(JSON.stringify(state)).toBe(snapshot);
    expect(Object.keys(state.tickets)).toEqual([]);
  });
});
