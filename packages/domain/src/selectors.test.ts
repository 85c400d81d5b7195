import { describe, expect, it } from 'vitest';
import type { QueueCommand } from './commands.ts';
import {
  callableBy,
  currentTicket,
  estimateWaitMinutes,
  fieldAvailability,
  peopleAhead,
  pickNext,
  ticketLabel,
  waitingCounts,
  type FieldAvailability,
} from './selectors.ts';
import { RECENT_SERVICE_SAMPLES, type QueueState } from './state.ts';
import { at, attempt, byLabel, cmd, fixtureConfig, fresh, run } from './test-support.ts';

/** Labels a counter calls, one "call next" + "start" after another, until nothing waits. */
function callSequence(state: QueueState, counterId: string): string[] {
  const labels: string[] = [];
  let s = state;
  for (let i = 0; i < 50; i++) {
    const d = attempt(s, cmd.callNext(counterId), '10:00');
    if (!d.ok) {
      expect(d.error.code).toBe('NOTHING_WAITING');
      return labels;
    }
    s = run([cmd.start(counterId)], '10:00', d.state).state;
    labels.push(s.tickets[s.counters[counterId]!.currentTicketId!]!.label);
  }
  throw new Error('the queue never ran dry');
}

const P = 'cao-tuoi';

describe('calling rules', () => {
  // 08:00 A001, 08:01 1001, 08:02 1002 priority, 08:03 A002, 08:04 A003 priority (khuyet-tat)
  const mixed = run([
    cmd.issue('ho-tich'),
    cmd.issue('dat-dai'),
    cmd.issue('dat-dai', P),
    cmd.issue('ho-tich'),
    cmd.issue('ho-tich', 'khuyet-tat'),
    cmd.open('quay-1'),
    cmd.open('quay-2'),
  ]).state;

  it.each([
    {
      rule: 'priority-then-longest-wait',
      counter: 'quay-1',
      order: ['1002', 'A003', 'A001', '1001', 'A002'],
    },
    // quay-2 serves ho-tich, then dat-dai; priority counts only within a field.
    { rule: 'fields-in-order', counter: 'quay-2', order: ['A003', 'A001', 'A002', '1002', '1001'] },
  ])('$rule ($counter) calls $order', ({ counter, order }) => {
    expect(callSequence(mixed, counter)).toEqual(order);
  });

  it('pickNext is what callNext calls', () => {
    expect(pickNext(mixed, 'quay-1', 0)?.label).toBe('1002');
    expect(pickNext(mixed, 'quay-2', 0)?.label).toBe('A003');
    expect(pickNext(mixed, 'quay-3', 0)).toBeNull();
  });

  it('calls tickets issued in the same millisecond in the order they were issued', () => {
    // Two kiosks print at once: 1001 first, then A001, whose number and id sort lower.
    const same = run(
      [cmd.issue('dat-dai'), cmd.issue('ho-tich'), cmd.open('quay-1')],
      ['08:00', '08:00', '08:01'],
    ).state;
    expect(callSequence(same, 'quay-1')).toEqual(['1001', 'A001']);
    const sameField = run([cmd.issue('ho-tich'), cmd.issue('ho-tich')], ['08:00', '08:00']).state;
    expect(peopleAhead(sameField, byLabel(sameField, 'A002').id, 0)).toBe(1);
  });

  it('two counters calling one after the other never get the same ticket', () => {
    const s = run([cmd.callNext('quay-1'), cmd.callNext('quay-2')], '09:00', mixed).state;
    expect(s.counters['quay-1']!.currentTicketId).not.toBe(s.counters['quay-2']!.currentTicketId);
  });

  describe('a ticket transferred to a counter', () => {
    // A001 waits since 08:00; 1001 (08:01) is called out of turn at quay-1, then sent to quay-2.
    const transferred = run([
      cmd.issue('ho-tich'),
      cmd.issue('dat-dai'),
      cmd.open('quay-1'),
      cmd.open('quay-2'),
      cmd.open('quay-3'),
      cmd.callTicket('quay-1', 't2'),
      cmd.transfer('quay-1', { counterId: 'quay-2' }),
    ]).state;

    it('is called by that counter first, ahead of its own fields', () => {
      expect(callSequence(transferred, 'quay-2')).toEqual(['1001', 'A001']);
    });

    it('is never called by another counter, even one serving its field', () => {
      expect(callSequence(transferred, 'quay-1')).toEqual(['A001']);
      expect(callSequence(transferred, 'quay-3')).toEqual([]);
    });

    it('keeps its place by original issue time when sent to a field', () => {
      // 1001 was issued before A002, so in ho-tich it goes before A002 but after A001.
      const s = run(
        [
          cmd.issue('ho-tich'),
          cmd.callTicket('quay-1', 't2'),
          cmd.transfer('quay-1', { fieldId: 'ho-tich' }),
        ],
        '09:00',
        run([cmd.issue('ho-tich'), cmd.issue('dat-dai'), cmd.open('quay-1'), cmd.open('quay-2')])
          .state,
      ).state;
      expect(callSequence(s, 'quay-2')).toEqual(['A001', '1001', 'A002']);
      expect(peopleAhead(s, 't2', 0)).toBe(1);
    });
  });

  describe('anti-starvation: after priorityMaxStreak priority calls a normal ticket goes first', () => {
    // 08:00 1001 normal, 08:01–08:04 1002–1005 priority, 08:05 1006 normal
    const queue: QueueCommand[] = [
      cmd.issue('dat-dai'),
      ...[1, 2, 3, 4].map(() => cmd.issue('dat-dai', P)),
      cmd.issue('dat-dai'),
      cmd.open('quay-1'),
    ];
    it.each([
      { streak: 1, order: ['1002', '1001', '1003', '1006', '1004', '1005'] },
      { streak: 2, order: ['1002', '1003', '1001', '1004', '1005', '1006'] },
      { streak: 3, order: ['1002', '1003', '1004', '1001', '1005', '1006'] },
      { streak: 100, order: ['1002', '1003', '1004', '1005', '1001', '1006'] },
    ])('priorityMaxStreak $streak: $order', ({ streak, order }) => {
      const config = fixtureConfig((c) => {
        c.priorityMaxStreak = streak;
      });
      expect(callSequence(run(queue, '08:00', fresh(config)).state, 'quay-1')).toEqual(order);
    });

    it('a priority ticket called by number counts towards the streak', () => {
      const s = run(
        [cmd.callTicket('quay-1', 't3'), cmd.start('quay-1'), cmd.callTicket('quay-1', 't4')],
        '09:00',
        run(queue).state,
      ).state;
      expect(s.counters['quay-1']!.priorityStreak).toBe(2);
      expect(pickNext(s, 'quay-1', 0)?.label).toBe('1001');
    });
  });
});

describe('peopleAhead', () => {
  // 1001, 1002, 1003 priority, A001
  const s = run([
    cmd.issue('dat-dai'),
    cmd.issue('dat-dai'),
    cmd.issue('dat-dai', P),
    cmd.issue('ho-tich'),
  ]).state;

  it.each([
    { label: '1001', ahead: 1 },
    { label: '1002', ahead: 2 },
    { label: '1003', ahead: 0 },
    { label: 'A001', ahead: 0 },
  ])('$label has $ahead ahead', ({ label, ahead }) => {
    expect(peopleAhead(s, byLabel(s, label).id, 0)).toBe(ahead);
  });

  it('shrinks as tickets are called and is 0 once called', () => {
    const after = run([cmd.open('quay-1'), cmd.callNext('quay-1')], '09:00', s).state;
    expect(peopleAhead(after, 't1', 0)).toBe(0);
    expect(peopleAhead(after, 't2', 0)).toBe(1);
    expect(byLabel(after, '1003').status).toBe('called');
  });

  it('counts waiting tickets per field', () => {
    expect(waitingCounts(s)).toEqual({ 'dat-dai': 3, 'ho-tich': 1, 'kinh-doanh': 0 });
  });
});

describe('estimateWaitMinutes', () => {
  // dat-dai is served by quay-1 and quay-2; its default service time is 10 minutes.
  it.each([
    { open: [], ahead: 3, minutes: null },
    { open: ['quay-3'], ahead: 3, minutes: null },
    { open: ['quay-1'], ahead: 0, minutes: 0 },
    { open: ['quay-1'], ahead: 3, minutes: 30 },
    { open: ['quay-1', 'quay-2'], ahead: 3, minutes: 15 },
  ])('with $open open and $ahead ahead: $minutes', ({ open, ahead, minutes }) => {
    const s = run(open.map((c) => cmd.open(c))).state;
    expect(estimateWaitMinutes(s, 'dat-dai', ahead)).toBe(minutes);
  });

  it('does not count a paused counter', () => {
    const s = run([cmd.open('quay-1'), cmd.open('quay-2'), cmd.pause('quay-2')]).state;
    expect(estimateWaitMinutes(s, 'dat-dai', 3)).toBe(30);
  });

  /** Serves one dat-dai ticket per entry at quay-1, taking that many minutes. */
  function served(minutes: number[]): QueueState {
    let s = run([cmd.open('quay-1'), cmd.open('quay-2')], '07:30').state;
    let clock = at('07:40');
    for (const m of minutes) {
      const times = [clock, clock, clock + 60_000, clock + 60_000 + m * 60_000].map(local);
      s = run(
        [cmd.issue('dat-dai'), cmd.callNext('quay-1'), cmd.start('quay-1'), cmd.finish('quay-1')],
        times,
        s,
      ).state;
      clock += (m + 2) * 60_000;
    }
    return s;
  }

  it('follows the recent service times of the field', () => {
    const s = served([4, 6]);
    expect(s.recentServiceMs['dat-dai']).toEqual([4 * 60_000, 6 * 60_000]);
    // 3 ahead over 2 open counters at 5 minutes each, rounded up.
    expect(estimateWaitMinutes(s, 'dat-dai', 3)).toBe(8);
    expect(estimateWaitMinutes(s, 'ho-tich', 3)).toBe(15);
  });

  it(`forgets service times older than the last ${RECENT_SERVICE_SAMPLES}`, () => {
    const s = served([60, ...Array<number>(RECENT_SERVICE_SAMPLES).fill(2)]);
    expect(estimateWaitMinutes(s, 'dat-dai', 2)).toBe(2);
  });
});

/** "HH:MM" of an epoch ms on the fixture day. */
function local(ms: number): string {
  const minutes = Math.round((ms - at('00:00')) / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

describe('fieldAvailability', () => {
  it.each<[string, FieldAvailability]>([
    ['07:29', 'OUTSIDE_HOURS'],
    ['07:30', 'open'],
    ['11:29', 'open'],
    ['11:30', 'OUTSIDE_HOURS'],
    ['13:29', 'OUTSIDE_HOURS'],
    ['13:30', 'open'],
    ['16:59', 'open'],
    ['17:00', 'OUTSIDE_HOURS'],
  ])('at %s: %s', (time, expected) => {
    expect(fieldAvailability(fresh(), 'dat-dai', at(time))).toBe(expected);
  });

  it('is SOLD_OUT once the daily limit is reached, inside hours', () => {
    const config = fixtureConfig((c) => {
      c.fields[0]!.dailyLimit = 1;
    });
    const s = run([cmd.issue('dat-dai')], '08:00', fresh(config)).state;
    expect(fieldAvailability(s, 'dat-dai', at('08:30'))).toBe('SOLD_OUT');
    expect(fieldAvailability(s, 'ho-tich', at('08:30'))).toBe('open');
    expect(fieldAvailability(s, 'dat-dai', at('12:00'))).toBe('OUTSIDE_HOURS');
  });
});

describe('ticketLabel', () => {
  it.each([
    { prefix: '', digits: 4, number: 1001, label: '1001' },
    { prefix: 'A', digits: 3, number: 1, label: 'A001' },
    { prefix: 'A', digits: 3, number: 12, label: 'A012' },
    { prefix: '', digits: 3, number: 7, label: '007' },
    { prefix: 'BC', digits: 2, number: 5, label: 'BC05' },
  ])(
    '$prefix with $digits digits prints $number as $label',
    ({ prefix, digits, number, label }) => {
      expect(ticketLabel({ numbering: { prefix, digits, start: 1 } }, number)).toBe(label);
    },
  );

  it('is what the issued ticket carries', () => {
    const s = run([cmd.issue('ho-tich'), cmd.issue('dat-dai')]).state;
    const fields = s.config.fields;
    expect(byLabel(s, 'A001').label).toBe(ticketLabel(fields[1]!, 1));
    expect(byLabel(s, '1001').label).toBe(ticketLabel(fields[0]!, 1001));
  });
});

describe('currentTicket', () => {
  const called = [
    cmd.issue('dat-dai'),
    cmd.issue('ho-tich'),
    cmd.open('quay-1'),
    cmd.callNext('quay-1'),
  ];
  it.each([
    { name: 'a closed counter', given: [], counter: 'quay-1', label: null },
    {
      name: 'an open counter that has called no one',
      given: [cmd.open('quay-1')],
      counter: 'quay-1',
      label: null,
    },
    { name: 'a counter calling 1001', given: called, counter: 'quay-1', label: '1001' },
    {
      name: 'a counter serving 1001',
      given: [...called, cmd.start('quay-1')],
      counter: 'quay-1',
      label: '1001',
    },
    {
      name: 'a paused counter serving 1001',
      given: [...called, cmd.start('quay-1'), cmd.pause('quay-1')],
      counter: 'quay-1',
      label: '1001',
    },
    {
      name: 'after the finish',
      given: [...called, cmd.start('quay-1'), cmd.finish('quay-1')],
      counter: 'quay-1',
      label: null,
    },
    {
      name: 'after a no-show',
      given: [...called, cmd.noShow('quay-1')],
      counter: 'quay-1',
      label: null,
    },
    {
      name: 'after a transfer',
      given: [...called, cmd.transfer('quay-1', { counterId: 'quay-2' })],
      counter: 'quay-1',
      label: null,
    },
    { name: 'another counter', given: called, counter: 'quay-2', label: null },
    { name: 'an unknown counter', given: called, counter: 'quay-9', label: null },
  ])('$name: $label', ({ given, counter, label }) => {
    expect(currentTicket(run(given).state, counter)?.label ?? null).toBe(label);
  });

  it('points at the ticket with its status', () => {
    const s = run([...called, cmd.start('quay-1')]).state;
    expect(currentTicket(s, 'quay-1')).toMatchObject({ label: '1001', status: 'serving' });
  });
});

describe('callableBy', () => {
  // 1001 (dat-dai), A001 (ho-tich), B001 (kinh-doanh); A002 transferred from quay-1 to quay-3.
  const s = run([
    cmd.issue('dat-dai'),
    cmd.issue('ho-tich'),
    cmd.issue('kinh-doanh'),
    cmd.issue('ho-tich'),
    cmd.open('quay-1'),
    cmd.callTicket('quay-1', 't4'),
    cmd.transfer('quay-1', { counterId: 'quay-3' }),
  ]).state;
  it.each([
    { label: '1001', counter: 'quay-1', callable: true },
    { label: '1001', counter: 'quay-2', callable: true },
    { label: '1001', counter: 'quay-3', callable: false },
    { label: 'A001', counter: 'quay-2', callable: true },
    { label: 'B001', counter: 'quay-1', callable: false },
    { label: 'B001', counter: 'quay-3', callable: true },
    // Transferred to quay-3: only quay-3 may call it, though quay-1 and quay-2 serve Hộ tịch.
    { label: 'A002', counter: 'quay-3', callable: true },
    { label: 'A002', counter: 'quay-1', callable: false },
    { label: 'A002', counter: 'quay-2', callable: false },
    { label: '1001', counter: 'quay-9', callable: false },
  ])('$label by $counter: $callable', ({ label, counter, callable }) => {
    expect(callableBy(s, counter, byLabel(s, label))).toBe(callable);
  });

  it('is the rule callTicket applies', () => {
    for (const counter of ['quay-1', 'quay-2', 'quay-3'])
      for (const ticket of Object.values(s.tickets)) {
        const opened = run([cmd.open(counter)], '09:00', s).state;
        const d = attempt(opened, cmd.callTicket(counter, ticket.id), '09:01');
        expect({ counter, label: ticket.label, ok: d.ok }).toEqual({
          counter,
          label: ticket.label,
          ok: callableBy(s, counter, ticket),
        });
      }
  });
});
