import { describe, expect, it } from 'vitest';
import { initialState, siteConfigSchema, type QueueState, type Ticket } from '@luot/domain';
import { FRESH_FINISH_MS, scaleLevels, ticketToRate } from './rating-flow.ts';

const config = siteConfigSchema.parse({
  site: { name: 'Thử' },
  fields: [
    {
      id: 'f',
      name: 'F',
      numbering: { start: 1, digits: 3 },
      sessions: [{ from: '07:00', to: '17:00' }],
    },
  ],
  counters: [{ id: 'c1', number: 1, name: 'Quầy 1', fieldIds: ['f'] }],
});

function withFinished(patch: Partial<Ticket> = {}): QueueState {
  const s = initialState(config, '2026-11-23');
  const ticket: Ticket = {
    id: 't1',
    day: s.day,
    fieldId: 'f',
    originalFieldId: 'f',
    number: 1,
    label: '001',
    priorityClassId: null,
    status: 'done',
    issuedAt: 0,
    issueSeq: 1,
    waitingSince: 0,
    calledAt: 100,
    startedAt: 200,
    finishedAt: 1000,
    counterId: 'c1',
    clerkId: 'cb1',
    assignedCounterId: null,
    callCount: 1,
    transferCount: 0,
    rating: null,
    ...patch,
  };
  return {
    ...s,
    tickets: { t1: ticket },
    counters: { c1: { ...s.counters.c1!, lastFinishedTicketId: 't1' } },
  };
}

describe('which ticket the pad asks about', () => {
  it('asks about a fresh, unrated ticket just finished at its counter', () => {
    expect(ticketToRate(withFinished(), 'c1', undefined, 2000)?.label).toBe('001');
  });

  it('asks once: not again when already handled or rated', () => {
    expect(ticketToRate(withFinished(), 'c1', 't1', 2000)).toBeNull();
    expect(ticketToRate(withFinished({ rating: 3 }), 'c1', undefined, 2000)).toBeNull();
  });

  it('does not ask about an old finish', () => {
    expect(ticketToRate(withFinished(), 'c1', undefined, 1000 + FRESH_FINISH_MS + 1)).toBeNull();
  });

  it('does not ask about other counters', () => {
    expect(ticketToRate(withFinished(), 'c2', undefined, 2000)).toBeNull();
  });
});

describe('the scale', () => {
  it('gives the default scale two positive tones and one negative', () => {
    expect(
      scaleLevels([
        { score: 3, label: 'Rất hài lòng' },
        { score: 2, label: 'Hài lòng' },
        { score: 1, label: 'Không hài lòng' },
      ]).map((l) => l.tone),
    ).toEqual([0, 1, 4]);
  });

  it('orders tones by score, whatever the configured order', () => {
    const five = [1, 2, 3, 4, 5].map((score) => ({ score, label: String(score) }));
    expect(scaleLevels(five).map((l) => l.tone)).toEqual([4, 3, 2, 1, 0]);
  });
});
