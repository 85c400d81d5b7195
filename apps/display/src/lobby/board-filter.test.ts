import { describe, expect, it } from 'vitest';
import { config } from '../test-fixture.ts';
import {
  boardCounters,
  boardFields,
  readBoardFilter,
  type KeyValueStorage,
} from './board-filter.ts';

function memory(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe('board filter', () => {
  it('shows every counter and the fields they serve when nothing is asked', () => {
    const filter = readBoardFilter('', memory());
    expect(filter).toEqual({ counters: null, fields: null });
    const counters = boardCounters(config, filter);
    expect(ids(counters)).toEqual(['q1', 'q2', 'q12']);
    // Waiting counts in kiosk order.
    expect(ids(boardFields(config, filter, counters))).toEqual(['dat-dai', 'ho-tich', 'xay-dung']);
  });

  it('names counters by id or number', () => {
    const filter = readBoardFilter('?counters=12,q1', memory());
    expect(ids(boardCounters(config, filter))).toEqual(['q1', 'q12']);
  });

  it('keeps counters serving one of the fields, and counts only those fields', () => {
    const filter = readBoardFilter('?fields=dat-dai', memory());
    const counters = boardCounters(config, filter);
    expect(ids(counters)).toEqual(['q2', 'q12']);
    expect(ids(boardFields(config, filter, counters))).toEqual(['dat-dai']);
  });

  it('combines both: the named counters that serve the fields', () => {
    const filter = readBoardFilter('?counters=q1,q2&fields=ho-tich', memory());
    expect(ids(boardCounters(config, filter))).toEqual(['q1']);
  });

  it('counts the waiting of the shown counters only', () => {
    const filter = readBoardFilter('?counters=q1', memory());
    expect(ids(boardFields(config, filter, boardCounters(config, filter)))).toEqual(['ho-tich']);
  });

  it('shows nothing for names that match nothing (the board says so)', () => {
    expect(boardCounters(config, readBoardFilter('?counters=q99', memory()))).toEqual([]);
  });

  it('remembers the filter for a TV that restarts on the bare address, until cleared', () => {
    const storage = memory();
    readBoardFilter('?token=x&counters=q1, q2', storage);
    expect(readBoardFilter('', storage)).toEqual({ counters: ['q1', 'q2'], fields: null });
    expect(readBoardFilter('?fields=', storage)).toEqual({ counters: null, fields: null });
    expect(readBoardFilter('', storage)).toEqual({ counters: null, fields: null });
  });

  it('survives a damaged stored value and a browser without storage', () => {
    const storage = memory();
    storage.setItem('luot.board.lobby', '{not json');
    expect(readBoardFilter('', storage)).toEqual({ counters: null, fields: null });
    expect(readBoardFilter('?counters=q2', null)).toEqual({ counters: ['q2'], fields: null });
  });
});
