import { describe, expect, it } from 'vitest';
import type { QueueCommand } from './commands.ts';
import { canDecide } from './decide.ts';
import { pickNext } from './selectors.ts';
import { moveTargets, type MoveTarget } from './supervise.ts';
import type { Refusal } from './errors.ts';
import { at, attempt, byLabel, cmd, eventTypes, refusal, run } from './test-support.ts';

const sup = {
  close: (counterId: string): QueueCommand => ({ type: 'superviseClose', counterId }),
  release: (counterId: string): QueueCommand => ({
    type: 'releaseCounter',
    counterId,
    reason: 'Cán bộ nghỉ ốm',
  }),
  signOut: (clerkId: string): QueueCommand => ({ type: 'signOutClerk', clerkId }),
  recall: (counterId: string): QueueCommand => ({ type: 'superviseRecall', counterId }),
  move: (ticketId: string, to: MoveTarget): QueueCommand => ({
    type: 'moveTicket',
    ticketId,
    to,
    reason: 'Công dân chọn nhầm lĩnh vực',
  }),
};

// 08:00 t1 (1001, Đất đai), 08:01 t2 (1002), 08:02 quay-1 opens, 08:03 calls t1.
const called = [
  cmd.issue('dat-dai'),
  cmd.issue('dat-dai'),
  cmd.open('quay-1'),
  cmd.callNext('quay-1'),
];
const serving = [...called, cmd.start('quay-1')];

describe('supervisor: close a counter', () => {
  it('closes an idle open counter', () => {
    const { state } = run([cmd.open('quay-1'), sup.close('quay-1')]);
    expect(state.counters['quay-1']).toMatchObject({ status: 'closed', clerkId: null });
  });

  it('refuses while the counter holds a ticket, naming it', () => {
    const { state } = run(called);
    const error = refusal(state, sup.close('quay-1'), '09:00');
    expect(error.code).toBe('COUNTER_BUSY');
    expect(error.why).toEqual<Refusal>({ kind: 'counterHolds', counter: 'Quầy 1', label: '1001' });
  });

  it('refuses a closed or unknown counter', () => {
    expect(refusal(run([]).state, sup.close('quay-1'), '09:00').why).toEqual({
      kind: 'counterClosed',
      counter: 'Quầy 1',
    });
    expect(refusal(run([]).state, sup.close('quay-9'), '09:00').code).toBe('NOT_FOUND');
  });
});

describe('supervisor: release a counter', () => {
  it('puts a called ticket back to waiting in its place, then closes the counter', () => {
    const { state } = run([...called, cmd.issue('dat-dai'), sup.release('quay-1')]);
    const t1 = byLabel(state, '1001');
    expect(t1).toMatchObject({ status: 'waiting', fieldId: 'dat-dai', counterId: null });
    expect(t1.issuedAt).toBe(at('08:00'));
    expect(state.counters['quay-1']).toMatchObject({ status: 'closed', currentTicketId: null });
    // Still first in line: another clerk opening the counter calls it again before 1002.
    const after = run([cmd.open('quay-1', 'tuan')], '08:10', state).state;
    expect(pickNext(after, 'quay-1', 0)?.label).toBe('1001');
  });

  it('finishes a ticket in service (the citizen was served)', () => {
    const { state, last } = run([...serving, sup.release('quay-1')]);
    expect(eventTypes(last)).toEqual(['ticket.finished', 'counter.closed']);
    expect(byLabel(state, '1001').status).toBe('done');
    expect(last[0]).toMatchObject({ clerkId: 'lan' });
  });

  it('just closes an open counter holding nothing', () => {
    const { last } = run([cmd.open('quay-1'), sup.release('quay-1')]);
    expect(eventTypes(last)).toEqual(['counter.closed']);
  });

  it('lets another clerk open the freed counter', () => {
    const { state } = run(called);
    expect(attempt(state, cmd.open('quay-1', 'tuan'), '08:30').ok).toBe(false);
    const freed = run([sup.release('quay-1')], '08:30', state).state;
    expect(attempt(freed, cmd.open('quay-1', 'tuan'), '08:31').ok).toBe(true);
  });

  it('refuses a closed counter, changing nothing', () => {
    const error = refusal(run([]).state, sup.release('quay-2'), '09:00');
    expect(error).toMatchObject({ code: 'COUNTER_CLOSED', why: { kind: 'counterClosed' } });
  });
});

describe('supervisor: sign a clerk out', () => {
  it("closes the clerk's idle counter", () => {
    const { state, last } = run([cmd.open('quay-1'), sup.signOut('lan')]);
    expect(eventTypes(last)).toEqual(['counter.closed']);
    expect(state.counters['quay-1']?.status).toBe('closed');
  });

  it('changes nothing for a clerk at no counter', () => {
    expect(run([sup.signOut('lan')]).last).toEqual([]);
  });

  it('refuses while the clerk holds a ticket', () => {
    const error = refusal(run(serving).state, sup.signOut('lan'), '09:00');
    expect(error.why).toEqual({ kind: 'counterHolds', counter: 'Quầy 1', label: '1001' });
  });
});

describe('supervisor: recall', () => {
  it("re-announces the counter's called ticket", () => {
    const { state, last } = run([...called, sup.recall('quay-1')]);
    expect(eventTypes(last)).toEqual(['ticket.recalled']);
    expect(byLabel(state, '1001').callCount).toBe(2);
  });

  it('refuses a ticket in service, an idle counter and a closed one', () => {
    expect(refusal(run(serving).state, sup.recall('quay-1'), '09:00').why).toEqual({
      kind: 'nothingCalled',
      counter: 'Quầy 1',
    });
    expect(refusal(run([cmd.open('quay-1')]).state, sup.recall('quay-1'), '09:00').code).toBe(
      'INVALID_STATE',
    );
    expect(refusal(run([]).state, sup.recall('quay-1'), '09:00').code).toBe('COUNTER_CLOSED');
  });
});

describe('supervisor: move a ticket', () => {
  it('moves a waiting ticket to another field, keeping its issue time', () => {
    const { state, last } = run([
      cmd.issue('dat-dai'),
      cmd.issue('ho-tich'),
      sup.move('t1', { fieldId: 'ho-tich' }),
    ]);
    expect(last[0]).toMatchObject({
      type: 'ticket.transferred',
      counterId: null,
      toFieldId: 'ho-tich',
    });
    const t1 = byLabel(state, '1001');
    expect(t1).toMatchObject({ fieldId: 'ho-tich', status: 'waiting', issuedAt: at('08:00') });
    // Taken before A001, issued a minute later, by a counter of Hộ tịch.
    const open = run([cmd.open('quay-2')], '08:10', state).state;
    expect(pickNext(open, 'quay-2', 0)?.label).toBe('1001');
  });

  it('moves an absent ticket to a counter, which alone may call it', () => {
    const given = [...called, cmd.noShow('quay-1'), sup.move('t1', { counterId: 'quay-2' })];
    const { state } = run(given);
    expect(byLabel(state, '1001')).toMatchObject({
      status: 'waiting',
      assignedCounterId: 'quay-2',
    });
    expect(state.counters['quay-1']?.currentTicketId).toBeNull();
  });

  it('may move to a closed counter (the ticket waits for it)', () => {
    const { state } = run([cmd.issue('dat-dai'), sup.move('t1', { counterId: 'quay-2' })]);
    expect(byLabel(state, '1001').assignedCounterId).toBe('quay-2');
  });

  const refusals: {
    name: string;
    given: QueueCommand[];
    when: QueueCommand;
    why: Refusal['kind'];
  }[] = [
    {
      name: 'an unknown ticket',
      given: [],
      when: sup.move('t9', { fieldId: 'ho-tich' }),
      why: 'noTicket',
    },
    {
      name: 'a ticket at a counter',
      given: called,
      when: sup.move('t1', { fieldId: 'ho-tich' }),
      why: 'ticketAtCounter',
    },
    {
      name: 'a cancelled ticket',
      given: [cmd.issue('dat-dai'), cmd.cancel('t1')],
      when: sup.move('t1', { fieldId: 'ho-tich' }),
      why: 'ticketFinal',
    },
    {
      name: 'its own field',
      given: [cmd.issue('dat-dai')],
      when: sup.move('t1', { fieldId: 'dat-dai' }),
      why: 'sameField',
    },
    {
      name: 'an unknown field',
      given: [cmd.issue('dat-dai')],
      when: sup.move('t1', { fieldId: 'thue' }),
      why: 'noField',
    },
    {
      name: 'a counter that does not serve its field',
      given: [cmd.issue('dat-dai')],
      when: sup.move('t1', { counterId: 'quay-3' }),
      why: 'counterNotServing',
    },
    {
      name: 'the counter it already waits for',
      given: [cmd.issue('dat-dai'), sup.move('t1', { counterId: 'quay-2' })],
      when: sup.move('t1', { counterId: 'quay-2' }),
      why: 'sameCounter',
    },
    {
      name: 'an unknown counter',
      given: [cmd.issue('dat-dai')],
      when: sup.move('t1', { counterId: 'quay-9' }),
      why: 'noCounter',
    },
  ];
  for (const r of refusals)
    it(`refuses ${r.name}, changing nothing`, () => {
      const { state } = run(r.given);
      const before = JSON.stringify(state);
      expect(refusal(state, r.when, '09:00').why?.kind).toBe(r.why);
      expect(canDecide(state, r.when, { now: at('09:00') }).ok).toBe(false);
      expect(JSON.stringify(state)).toBe(before);
    });

  it('offers as targets only what a move accepts', () => {
    const { state } = run([cmd.issue('dat-dai')]);
    const targets = moveTargets(state, byLabel(state, '1001'));
    expect(targets.fields.map((f) => f.id)).toEqual(['ho-tich', 'kinh-doanh']);
    expect(targets.counters.map((c) => c.id)).toEqual(['quay-1', 'quay-2']);
  });
});

describe('cancel', () => {
  it('says why a final ticket cannot be cancelled', () => {
    const { state } = run([cmd.issue('dat-dai'), cmd.cancel('t1')]);
    expect(refusal(state, cmd.cancel('t1'), '09:00').why).toEqual({
      kind: 'ticketFinal',
      label: '1001',
      status: 'cancelled',
    });
  });
});
