import { describe, expect, it } from 'vitest';
import {
  decide,
  initialState,
  peopleAhead,
  siteConfigSchema,
  type QueueCommand,
  type QueueState,
} from '@luot/domain';
import { prng } from '@luot/test-support';
import { createWaitingIndex } from './waiting-index.ts';

const config = siteConfigSchema.parse({
  site: { name: 'Bộ phận Một cửa', timeZone: 'Asia/Ho_Chi_Minh' },
  fields: ['a', 'b', 'c'].map((id, i) => ({
    id,
    name: id,
    numbering: { prefix: id.toUpperCase(), start: 1, digits: 3 },
    sessions: [{ from: '00:00', to: '23:59' }],
    kioskOrder: i,
    online: { remote: id === 'a' ? 'check-in' : 'walk-in' },
  })),
  counters: [
    { id: 'q1', number: 1, name: 'Quầy 1', fieldIds: ['a'] },
    { id: 'q2', number: 2, name: 'Quầy 2', fieldIds: ['a', 'b'] },
    { id: 'q3', number: 3, name: 'Quầy 3', fieldIds: ['b', 'c'], rule: 'fields-in-order' },
    { id: 'q4', number: 4, name: 'Quầy 4', fieldIds: ['c'] },
  ],
  priorityClasses: [{ id: 'cao-tuoi', name: 'Người cao tuổi' }],
});
const COUNTERS = ['q1', 'q2', 'q3', 'q4'];
/** 08:00 on 2026-11-23 in Asia/Ho_Chi_Minh. */
const START = Date.parse('2026-11-23T01:00:00Z');

function randomCommand(state: QueueState, random: () => number, now: number): QueueCommand {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const counterId = pick(COUNTERS);
  const clerkId = `cb-${counterId}`;
  const r = random();
  if (r < 0.35) {
    // Walk-ins, remote numbers (in "a" they wait for check-in) and bookings whose slot is a few
    // minutes either side of now, so that places change as slots come due.
    const origin = random();
    return {
      type: 'issue',
      fieldId: pick(['a', 'b', 'c']),
      priorityClassId: random() < 0.15 ? 'cao-tuoi' : null,
      ...(origin < 0.15 && { origin: 'remote' as const }),
      ...(origin > 0.85 && {
        origin: 'booking' as const,
        slotAt: now + Math.floor((random() - 0.5) * 10) * 60_000,
      }),
    };
  }
  const awaiting = Object.values(state.tickets).filter((t) => t.awaitingArrival === true);
  if (r < 0.4 && awaiting.length > 0) return { type: 'arrive', ticketId: pick(awaiting).id };
  if (r < 0.55) return { type: 'callNext', counterId, clerkId };
  if (r < 0.65) return { type: 'start', counterId, clerkId };
  if (r < 0.72) return { type: 'finish', counterId, clerkId };
  if (r < 0.78) return { type: 'noShow', counterId, clerkId };
  if (r < 0.84)
    return {
      type: 'transfer',
      counterId,
      clerkId,
      reason: 'Chuyển',
      to: random() < 0.5 ? { fieldId: pick(['a', 'b', 'c']) } : { counterId: pick(COUNTERS) },
    };
  const absent = Object.values(state.tickets).filter((t) => t.status === 'no_show');
  if (r < 0.9 && absent.length > 0)
    return { type: 'callTicket', counterId, clerkId, ticketId: pick(absent).id };
  const open = Object.values(state.tickets).filter((t) => t.status === 'waiting');
  if (r < 0.94 && open.length > 0)
    return { type: 'cancel', ticketId: pick(open).id, reason: 'Hủy' };
  return { type: 'recall', counterId, clerkId };
}

describe('waiting index', () => {
  it.each([1, 2, 3])(
    'gives every ticket the place peopleAhead gives it, through a random day (seed %i)',
    (seed) => {
      const random = prng(seed);
      let state = initialState(config, '2026-11-23', START);
      let ids = 0;
      let now = START;
      const index = createWaitingIndex(state);
      const step = (command: QueueCommand) => {
        now += 1000;
        const d = decide(state, command, { now, newId: () => `t${++ids}` });
        if (!d.ok) return false;
        state = d.state;
        index.apply(state, d.events);
        return true;
      };
      for (const counterId of COUNTERS)
        step({ type: 'openCounter', counterId, clerkId: `cb-${counterId}` });
      let accepted = 0;
      for (let i = 0; i < 600; i++) {
        if (!step(randomCommand(state, random, now))) continue;
        accepted++;
        const places = index.places(['a', 'b', 'c'], now);
        for (const ticket of Object.values(state.tickets)) {
          const expected = peopleAhead(state, ticket.id, now);
          expect(index.ahead(ticket, now)).toBe(expected);
          if (ticket.status === 'waiting') expect(places.get(ticket.id)).toBe(expected);
          else expect(places.has(ticket.id)).toBe(false);
        }
      }
      expect(accepted).toBeGreaterThan(300);
      expect(Object.values(state.tickets).some((t) => t.transferCount > 0)).toBe(true);
      expect(Object.values(state.tickets).some((t) => t.awaitingArrival === false)).toBe(true);
      expect(Object.values(state.tickets).some((t) => t.origin === 'booking')).toBe(true);

      // The next day starts empty.
      now = Date.parse('2026-11-23T17:00:00Z');
      expect(step({ type: 'closeDay' })).toBe(true);
      expect(index.places(['a', 'b', 'c'], now).size).toBe(0);
    },
  );
});
