// The wait promised at issue is stamped on the ticket (issue 17): the value of
// `promisedWaitMinutes` for the new ticket in the queue it joins.
import { describe, expect, it } from 'vitest';
import type { QueueCommand } from './commands.ts';
import { peopleAhead } from './selectors.ts';
import { at, byLabel, cmd, fixtureConfig, fresh, run } from './test-support.ts';
import { promisedWaitMinutes } from './wait-estimate.ts';

const remote = (fieldId: string): QueueCommand => ({
  type: 'issue',
  fieldId,
  priorityClassId: null,
  origin: 'remote',
});

describe('the promise stamped at issue', () => {
  it('is what promisedWaitMinutes gives the ticket in the queue it joins', () => {
    let state = run([cmd.open('quay-1')]).state;
    const stamps: (number | null | undefined)[] = [];
    for (const [i, time] of ['08:01', '08:02', '08:03'].entries()) {
      const before = state;
      state = run([cmd.issue('dat-dai')], time, before).state;
      const ticket = byLabel(state, String(1001 + i));
      const { estimatedWaitMinutes: stamp, ...unstamped } = ticket;
      // Ahead of it as it joins: the tickets issued before it, all still waiting.
      expect(peopleAhead(state, ticket.id, at(time))).toBe(i);
      expect(stamp).toBe(promisedWaitMinutes(before, unstamped, at(time)));
      stamps.push(stamp);
    }
    // One counter: the promise grows with the place.
    expect(stamps[2]).toBeGreaterThan(stamps[1]!);
    expect(stamps[1]).toBeGreaterThan(stamps[0]!);
  });

  it('is null when no counter is open for the field (nothing honest to promise)', () => {
    const { state } = run([cmd.issue('dat-dai')]);
    expect(byLabel(state, '1001').estimatedWaitMinutes).toBeNull();
  });

  it('is null for a remote number awaiting its check-in: its wait starts at arrival', () => {
    const config = fixtureConfig((c) => {
      c.fields[0]!.online = { remote: 'check-in', booking: { enabled: false } };
      c.fields[1]!.online = { remote: 'walk-in', booking: { enabled: false } };
    });
    const { state } = run(
      [cmd.open('quay-1'), cmd.issue('dat-dai'), remote('dat-dai'), remote('ho-tich')],
      '08:00',
      fresh(config),
    );
    const awaiting = Object.values(state.tickets).find((t) => t.awaitingArrival === true)!;
    expect(awaiting.estimatedWaitMinutes).toBeNull();
    // A remote number that queues at once (ranked as a walk-in) is promised like one.
    const direct = Object.values(state.tickets).find(
      (t) => t.origin === 'remote' && t.awaitingArrival !== true,
    )!;
    expect(direct.estimatedWaitMinutes).not.toBeNull();
  });
});
