import { describe, expect, it } from 'vitest';
import type { QueueCommand } from './commands.ts';
import type { SiteConfig } from './config.ts';
import { canDecide } from './decide.ts';
import type { DomainErrorCode } from './errors.ts';
import { at, attempt, clone, cmd, fixtureConfig, fresh, NEXT_DAY, run } from './test-support.ts';

interface Refusal {
  name: string;
  /** Run from 08:00, one minute apart. */
  given: QueueCommand[];
  when: QueueCommand;
  /** When `when` is tried; 09:00 unless given. */
  time?: string;
  config?: SiteConfig;
  code: DomainErrorCode;
}

const called: QueueCommand[] = [cmd.issue('dat-dai'), cmd.open('quay-1'), cmd.callNext('quay-1')];
const serving: QueueCommand[] = [...called, cmd.start('quay-1')];
const finished: QueueCommand[] = [...serving, cmd.finish('quay-1')];
const transferredToQuay2: QueueCommand[] = [
  ...called,
  cmd.transfer('quay-1', { counterId: 'quay-2' }),
];

const withLimit = fixtureConfig((c) => {
  c.fields.find((f) => f.id === 'kinh-doanh')!.dailyLimit = 2;
});
const withoutQuay3 = fixtureConfig((c) => {
  c.counters = c.counters.filter((k) => k.id !== 'quay-3');
  c.counters[0]!.fieldIds.push('kinh-doanh');
});
const withoutKinhDoanh = fixtureConfig((c) => {
  c.fields = c.fields.filter((f) => f.id !== 'kinh-doanh');
  c.counters = c.counters.filter((k) => k.id !== 'quay-3');
});

const refusals: Refusal[] = [
  // NOT_FOUND
  { name: 'issue in an unknown field', given: [], when: cmd.issue('thue'), code: 'NOT_FOUND' },
  {
    name: 'issue with an unknown priority class',
    given: [],
    when: cmd.issue('dat-dai', 'vip'),
    code: 'NOT_FOUND',
  },
  {
    name: 'callNext at an unknown counter',
    given: [],
    when: cmd.callNext('quay-9'),
    code: 'NOT_FOUND',
  },
  {
    name: 'callTicket of an unknown ticket',
    given: [cmd.open('quay-1')],
    when: cmd.callTicket('quay-1', 't9'),
    code: 'NOT_FOUND',
  },
  {
    name: 'transfer to an unknown field',
    given: called,
    when: cmd.transfer('quay-1', { fieldId: 'thue' }),
    code: 'NOT_FOUND',
  },
  {
    name: 'transfer to an unknown counter',
    given: called,
    when: cmd.transfer('quay-1', { counterId: 'quay-9' }),
    code: 'NOT_FOUND',
  },
  { name: 'cancel an unknown ticket', given: [], when: cmd.cancel('t9'), code: 'NOT_FOUND' },
  { name: 'open an unknown counter', given: [], when: cmd.open('quay-9'), code: 'NOT_FOUND' },
  { name: 'close an unknown counter', given: [], when: cmd.close('quay-9'), code: 'NOT_FOUND' },
  {
    name: 'rate an unknown ticket',
    given: [],
    when: cmd.rate('t9', 'quay-1', 3),
    code: 'NOT_FOUND',
  },

  // INVALID_STATE
  {
    name: 'start with no ticket at the counter',
    given: [cmd.open('quay-1')],
    when: cmd.start('quay-1'),
    code: 'INVALID_STATE',
  },
  { name: 'start twice', given: serving, when: cmd.start('quay-1'), code: 'INVALID_STATE' },
  { name: 'finish before start', given: called, when: cmd.finish('quay-1'), code: 'INVALID_STATE' },
  {
    name: 'recall while serving',
    given: serving,
    when: cmd.recall('quay-1'),
    code: 'INVALID_STATE',
  },
  {
    name: 'noShow while serving',
    given: serving,
    when: cmd.noShow('quay-1'),
    code: 'INVALID_STATE',
  },
  {
    name: 'transfer with no ticket at the counter',
    given: finished,
    when: cmd.transfer('quay-1', { fieldId: 'ho-tich' }),
    code: 'INVALID_STATE',
  },
  {
    name: 'callTicket of a ticket already called at another counter',
    given: [...called, cmd.open('quay-2')],
    when: cmd.callTicket('quay-2', 't1'),
    code: 'INVALID_STATE',
  },
  {
    name: 'callTicket of a finished ticket',
    given: finished,
    when: cmd.callTicket('quay-1', 't1'),
    code: 'INVALID_STATE',
  },
  {
    name: 'cancel a finished ticket',
    given: finished,
    when: cmd.cancel('t1'),
    code: 'INVALID_STATE',
  },
  {
    name: 'cancel twice',
    given: [cmd.issue('dat-dai'), cmd.cancel('t1')],
    when: cmd.cancel('t1'),
    code: 'INVALID_STATE',
  },
  {
    name: 'pause a paused counter',
    given: [cmd.open('quay-1'), cmd.pause('quay-1')],
    when: cmd.pause('quay-1'),
    code: 'INVALID_STATE',
  },
  {
    name: 'resume an open counter',
    given: [cmd.open('quay-1')],
    when: cmd.resume('quay-1'),
    code: 'INVALID_STATE',
  },
  {
    name: 'rate at a counter that did not serve the ticket',
    given: [...finished, cmd.open('quay-2')],
    when: cmd.rate('t1', 'quay-2', 3),
    code: 'INVALID_STATE',
  },
  {
    name: 'rate a ticket that was not served',
    given: [...called, cmd.noShow('quay-1')],
    when: cmd.rate('t1', 'quay-1', 3),
    code: 'INVALID_STATE',
  },

  // NOTHING_WAITING
  {
    name: 'callNext with an empty queue',
    given: [cmd.open('quay-1')],
    when: cmd.callNext('quay-1'),
    code: 'NOTHING_WAITING',
  },
  {
    name: 'callNext when only fields the counter does not serve have waiting tickets',
    given: [cmd.issue('kinh-doanh'), cmd.open('quay-1')],
    when: cmd.callNext('quay-1'),
    code: 'NOTHING_WAITING',
  },
  {
    name: 'callNext when the only waiting ticket is reserved for another counter',
    given: transferredToQuay2,
    when: cmd.callNext('quay-1'),
    code: 'NOTHING_WAITING',
  },
  {
    name: 'callNext does not pick no-shows by itself',
    given: [...called, cmd.noShow('quay-1')],
    when: cmd.callNext('quay-1'),
    code: 'NOTHING_WAITING',
  },

  // OUTSIDE_HOURS: sessions 07:30–11:30 and 13:30–17:00, end excluded
  ...['06:00', '07:29', '11:30', '12:15', '13:29', '17:00', '23:59'].map((time): Refusal => ({
    name: `issue at ${time}`,
    given: [],
    when: cmd.issue('dat-dai'),
    time,
    code: 'OUTSIDE_HOURS',
  })),

  // SOLD_OUT
  {
    name: 'issue past the daily limit',
    config: withLimit,
    given: [cmd.issue('kinh-doanh'), cmd.issue('kinh-doanh')],
    when: cmd.issue('kinh-doanh'),
    code: 'SOLD_OUT',
  },
  {
    name: 'issue past what the number format can print',
    config: fixtureConfig((c) => {
      c.fields[0]!.numbering = { start: 9998, digits: 4 };
    }),
    given: [cmd.issue('dat-dai'), cmd.issue('dat-dai')],
    when: cmd.issue('dat-dai'),
    code: 'SOLD_OUT',
  },

  // COUNTER_CLOSED
  {
    name: 'callNext at a counter nobody opened',
    given: [cmd.issue('dat-dai')],
    when: cmd.callNext('quay-1'),
    code: 'COUNTER_CLOSED',
  },
  {
    name: "callNext at another clerk's counter",
    given: [cmd.issue('dat-dai'), cmd.open('quay-1', 'lan')],
    when: cmd.callNext('quay-1', 'tuan'),
    code: 'COUNTER_CLOSED',
  },
  {
    name: "recall at another clerk's counter",
    given: called,
    when: cmd.recall('quay-1', 'tuan'),
    code: 'COUNTER_CLOSED',
  },
  {
    name: "finish at another clerk's counter",
    given: serving,
    when: cmd.finish('quay-1', 'tuan'),
    code: 'COUNTER_CLOSED',
  },
  {
    name: "pause another clerk's counter",
    given: [cmd.open('quay-1', 'lan')],
    when: cmd.pause('quay-1', 'tuan'),
    code: 'COUNTER_CLOSED',
  },
  {
    name: 'callNext at the counter a clerk has moved away from',
    given: [cmd.issue('dat-dai'), cmd.open('quay-1', 'lan'), cmd.open('quay-2', 'lan')],
    when: cmd.callNext('quay-1', 'lan'),
    code: 'COUNTER_CLOSED',
  },

  // COUNTER_PAUSED
  {
    name: 'callNext at a paused counter',
    given: [cmd.issue('dat-dai'), cmd.open('quay-1'), cmd.pause('quay-1')],
    when: cmd.callNext('quay-1'),
    code: 'COUNTER_PAUSED',
  },
  {
    name: 'callTicket at a paused counter',
    given: [cmd.issue('dat-dai'), cmd.open('quay-1'), cmd.pause('quay-1')],
    when: cmd.callTicket('quay-1', 't1'),
    code: 'COUNTER_PAUSED',
  },

  // COUNTER_BUSY
  {
    name: 'callNext while the called citizen has not come yet',
    given: [...called, cmd.issue('dat-dai')],
    when: cmd.callNext('quay-1'),
    code: 'COUNTER_BUSY',
  },
  {
    name: 'callTicket while the called citizen has not come yet',
    given: [...called, cmd.issue('dat-dai')],
    when: cmd.callTicket('quay-1', 't2'),
    code: 'COUNTER_BUSY',
  },
  {
    name: 'open a counter another clerk has open',
    given: [cmd.open('quay-1', 'lan')],
    when: cmd.open('quay-1', 'tuan'),
    code: 'COUNTER_BUSY',
  },
  {
    name: 'a clerk moving counters while holding a ticket',
    given: called,
    when: cmd.open('quay-2', 'lan'),
    code: 'COUNTER_BUSY',
  },
  {
    name: 'close a counter holding a ticket',
    given: serving,
    when: cmd.close('quay-1'),
    code: 'COUNTER_BUSY',
  },

  // ALREADY_RATED
  {
    name: 'rate twice',
    given: [...finished, cmd.rate('t1', 'quay-1', 3)],
    when: cmd.rate('t1', 'quay-1', 1),
    code: 'ALREADY_RATED',
  },

  // DAY_NOT_OVER / STALE_DAY (Asia/Ho_Chi_Minh)
  { name: 'closeDay during the day', given: [], when: cmd.closeDay(), code: 'DAY_NOT_OVER' },
  {
    name: 'closeDay at 23:59',
    given: [],
    when: cmd.closeDay(),
    time: '23:59',
    code: 'DAY_NOT_OVER',
  },
  {
    name: 'issue at local midnight before the day is closed',
    given: [],
    when: cmd.issue('dat-dai'),
    time: `${NEXT_DAY} 00:00`,
    code: 'STALE_DAY',
  },
  {
    name: 'issue the next morning before the day is closed',
    given: [],
    when: cmd.issue('dat-dai'),
    time: `${NEXT_DAY} 08:00`,
    code: 'STALE_DAY',
  },

  // INVALID_ARGUMENT
  {
    name: 'transfer to the field the ticket is already in',
    given: called,
    when: cmd.transfer('quay-1', { fieldId: 'dat-dai' }),
    code: 'INVALID_ARGUMENT',
  },
  {
    name: 'transfer to its own counter',
    given: called,
    when: cmd.transfer('quay-1', { counterId: 'quay-1' }),
    code: 'INVALID_ARGUMENT',
  },
  {
    name: 'callTicket of a field the counter does not serve',
    given: [cmd.issue('dat-dai'), cmd.open('quay-3')],
    when: cmd.callTicket('quay-3', 't1'),
    code: 'INVALID_ARGUMENT',
  },
  {
    name: 'callTicket of a ticket reserved for another counter',
    given: transferredToQuay2,
    when: cmd.callTicket('quay-1', 't1'),
    code: 'INVALID_ARGUMENT',
  },
  {
    name: 'rate with a score not on the scale',
    given: finished,
    when: cmd.rate('t1', 'quay-1', 5),
    code: 'INVALID_ARGUMENT',
  },

  // INVALID_CONFIG
  {
    name: 'updateConfig removing an open counter',
    given: [cmd.open('quay-3')],
    when: cmd.updateConfig(withoutQuay3),
    code: 'INVALID_CONFIG',
  },
  {
    name: 'updateConfig removing a field with tickets still waiting',
    given: [cmd.issue('kinh-doanh')],
    when: cmd.updateConfig(withoutKinhDoanh),
    code: 'INVALID_CONFIG',
  },
];

describe('decide: refusals', () => {
  it.each(refusals)('$code: $name', ({ given, when, time = '09:00', config, code }) => {
    const state = run(given, '08:00', fresh(config)).state;
    const snapshot = clone(state);
    // `attempt` freezes the state, so a refusal that mutated it would throw here.
    const d = attempt(state, when, time);
    expect(d).toEqual({
      ok: false,
      error: expect.objectContaining({ code, detail: expect.any(String) }),
    });
    expect(state).toEqual(snapshot);
  });

  it.each(refusals)(
    'canDecide refuses with the same code: $code: $name',
    ({ given, when, time = '09:00', config, code }) => {
      const state = run(given, '08:00', fresh(config)).state;
      expect(canDecide(state, when, { now: at(time) })).toEqual({
        ok: false,
        error: expect.objectContaining({ code, detail: expect.any(String) }),
      });
    },
  );

  it.each(['07:30', '11:29', '13:30', '16:59'])(
    'issue at %s, inside a session, is accepted',
    (time) => {
      expect(run([cmd.issue('dat-dai')], time).state.tickets['t1']?.label).toBe('1001');
    },
  );
});
