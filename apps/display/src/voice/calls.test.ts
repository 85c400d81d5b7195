import { describe, expect, it } from 'vitest';
import { at, centre, issue } from '../test-fixture.ts';
import { callsToAnnounce } from './calls.ts';

describe('which events a board announces', () => {
  it('announces each call and recall with its label, counter number and hub time', () => {
    const c = centre();
    c.run(issue('ho-tich'), issue('dat-dai'), at('q1').open(), at('q2').open());
    const called = c.run(at('q1').callNext(), at('q2').callNext());
    const recalled = c.run(at('q1').recall());
    const calls = callsToAnnounce([...called, ...recalled], c.state, null);
    expect(calls).toEqual([
      {
        key: `seq-${called[0]!.seq}`,
        label: '1001',
        counterNumber: 1,
        at: called[0]!.event.at,
        recall: false,
      },
      {
        key: `seq-${called[1]!.seq}`,
        label: 'A001',
        counterNumber: 2,
        at: called[1]!.event.at,
        recall: false,
      },
      {
        key: `seq-${recalled[0]!.seq}`,
        label: '1001',
        counterNumber: 1,
        at: recalled[0]!.event.at,
        recall: true,
      },
    ]);
  });

  it('gives a recall its own key, so it sounds again, and the same event the same key', () => {
    const c = centre();
    c.run(issue('ho-tich'), at('q1').open());
    const events = [
      ...c.run(at('q1').callNext()),
      ...c.run(at('q1').recall()),
      ...c.run(at('q1').recall()),
    ];
    const keys = callsToAnnounce(events, c.state, null).map((call) => call.key);
    expect(new Set(keys).size).toBe(3);
    expect(callsToAnnounce(events, c.state, null).map((call) => call.key)).toEqual(keys);
  });

  it('ignores everything that is not a call: issue, start, finish, pause, counters opening', () => {
    const c = centre();
    const events = c.run(
      issue('ho-tich'),
      at('q1').open(),
      at('q1').callNext(),
      at('q1').start(),
      at('q1').finish(),
      at('q1').pause(),
    );
    expect(callsToAnnounce(events, c.state, null).map((call) => call.label)).toEqual(['1001']);
  });

  it("announces only the board's own counters", () => {
    const c = centre();
    c.run(issue('ho-tich'), issue('dat-dai'), at('q1').open(), at('q2').open());
    const events = c.run(at('q1').callNext(), at('q2').callNext());
    expect(
      callsToAnnounce(events, c.state, new Set(['q2'])).map((call) => call.counterNumber),
    ).toEqual([2]);
    expect(callsToAnnounce(events, c.state, new Set())).toEqual([]);
  });

  it('announces nothing for a snapshot (no events)', () => {
    const c = centre();
    c.run(issue('ho-tich'), at('q1').open(), at('q1').callNext());
    expect(callsToAnnounce([], c.state, null)).toEqual([]);
  });
});
