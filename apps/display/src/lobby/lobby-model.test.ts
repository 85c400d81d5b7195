import { describe, expect, it } from 'vitest';
import { counterTiles, isFresh, BLINK_MS } from '../common/counter-tiles.ts';
import { at, centre, config, issue, NINE } from '../test-fixture.ts';
import { fieldWaiting, gridShape, recentCalls, RECENT_CALLS } from './lobby-model.ts';

const counters = config.counters;

describe('counter tiles', () => {
  it('shows each counter closed, open, paused, with the ticket it calls or serves', () => {
    const c = centre();
    c.run(issue('ho-tich'), issue('dat-dai'), at('q1').open(), at('q2').open(), at('q12').open());
    c.run(at('q1').callNext(), at('q2').callNext(), at('q2').start(), at('q12').pause());
    const tiles = counterTiles(c.state, counters, new Map());
    expect(tiles.map((t) => [t.number, t.status, t.ticket?.label, t.ticket?.status])).toEqual([
      [1, 'open', '1001', 'called'],
      [2, 'open', 'A001', 'serving'],
      [12, 'paused', undefined, undefined],
    ]);
    expect(tiles[2]!.fieldNames).toEqual(['Hộ tịch', 'Đất đai', 'Xây dựng']);
  });

  it('shows no ticket once it is finished', () => {
    const c = centre();
    c.run(
      issue('ho-tich'),
      at('q1').open(),
      at('q1').callNext(),
      at('q1').start(),
      at('q1').finish(),
    );
    expect(counterTiles(c.state, counters, new Map())[0]!.ticket).toBeNull();
  });

  it('dates a ticket by its latest call, a recall seen live included', () => {
    const c = centre();
    c.run(issue('ho-tich'), at('q1').open(), at('q1').callNext());
    const ticket = counterTiles(c.state, counters, new Map())[0]!.ticket!;
    const recalledAt = ticket.callAt + 30_000;
    expect(
      counterTiles(c.state, counters, new Map([[ticket.id, recalledAt]]))[0]!.ticket!.callAt,
    ).toBe(recalledAt);
  });

  it(`blinks a call for ${BLINK_MS / 1000} s by the hub's clock, and one the screen's clock has not reached yet`, () => {
    expect(isFresh(1000, 1000)).toBe(true);
    expect(isFresh(5000, 1000)).toBe(true);
    expect(isFresh(1000, 1000 + BLINK_MS - 1)).toBe(true);
    expect(isFresh(1000, 1000 + BLINK_MS)).toBe(false);
  });
});

describe('a booked ticket', () => {
  it('is marked on its counter tile and in the latest calls, a walk-in is not', () => {
    const c = centre();
    c.run(
      { type: 'issue', fieldId: 'ho-tich', priorityClassId: null, origin: 'booking', slotAt: NINE },
      issue('dat-dai'),
      at('q1').open(),
      at('q2').open(),
      at('q1').callNext(),
      at('q2').callNext(),
    );
    const tiles = counterTiles(c.state, counters, new Map());
    expect(tiles.map((t) => [t.ticket?.label, t.ticket?.booked])).toEqual([
      ['1001', true],
      ['A001', false],
      [undefined, undefined],
    ]);
    const calls = recentCalls(c.state, counters, new Map());
    expect(calls.map((x) => [x.label, x.booked])).toEqual([
      ['A001', false],
      ['1001', true],
    ]);
  });
});

describe('latest calls', () => {
  it(`lists the newest ${RECENT_CALLS} calls at the shown counters, newest first`, () => {
    const c = centre();
    for (let i = 0; i < 3; i++) c.run(issue('ho-tich'), issue('dat-dai'));
    c.run(at('q1').open(), at('q2').open(), at('q12').open());
    c.run(at('q2').callNext(), at('q1').callNext(), at('q12').callNext());
    const calls = recentCalls(c.state, counters, new Map());
    expect(calls.map((x) => [x.label, x.counterNumber])).toEqual([
      ['1002', 12],
      ['1001', 1],
      ['A001', 2],
    ]);
    expect(
      recentCalls(c.state, counters.slice(0, 2), new Map()).map((x) => x.counterNumber),
    ).toEqual([1, 2]);
  });

  it('moves a recalled ticket to the top', () => {
    const c = centre();
    c.run(issue('ho-tich'), issue('dat-dai'), at('q1').open(), at('q2').open());
    c.run(at('q1').callNext(), at('q2').callNext());
    const first = recentCalls(c.state, counters, new Map());
    expect(first[0]!.counterNumber).toBe(2);
    const recalled = new Map([[first[1]!.ticketId, c.now + 1000]]);
    expect(recentCalls(c.state, counters, recalled)[0]!.counterNumber).toBe(1);
  });
});

describe('waiting per field', () => {
  it('counts waiting tickets of the shown fields', () => {
    const c = centre();
    c.run(
      issue('ho-tich'),
      issue('ho-tich'),
      issue('dat-dai'),
      at('q1').open(),
      at('q1').callNext(),
    );
    expect(fieldWaiting(c.state, config.fields)).toEqual([
      { id: 'ho-tich', name: 'Hộ tịch', count: 1 },
      { id: 'dat-dai', name: 'Đất đai', count: 1 },
      { id: 'xay-dung', name: 'Xây dựng', count: 0 },
    ]);
  });
});

describe('grid shape', () => {
  it('lays 12 counters out 3 × 4 on a 1920×1080 board', () => {
    expect(gridShape(12, 1340, 850)).toEqual({ columns: 3, rows: 4 });
  });

  it('always has room for every tile', () => {
    for (let n = 1; n <= 100; n++) {
      const { columns, rows } = gridShape(n, 1340, 850);
      expect(columns * rows).toBeGreaterThanOrEqual(n);
      expect(columns * (rows - 1)).toBeLessThan(n);
    }
  });

  it('fills a tall screen with rows and a wide one with columns', () => {
    expect(gridShape(4, 600, 1600)).toEqual({ columns: 1, rows: 4 });
    expect(gridShape(4, 3200, 400)).toEqual({ columns: 4, rows: 1 });
  });
});
