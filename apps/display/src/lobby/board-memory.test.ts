import { describe, expect, it } from 'vitest';
import type { BoardContentConfig } from '@luot/domain';
import { contentLayout, rememberBoard, rememberedBoard } from './board-memory.ts';

/** localStorage's interface over a Map (the browser's own is not in Node). */
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

const board: BoardContentConfig = {
  layout: 'side',
  playlist: [{ mediaId: 'a'.repeat(32), kind: 'image', name: 'Hướng dẫn.png', seconds: 8 }],
};

describe("the board's remembered content", () => {
  it('keeps the last content zone for a boot with the hub down', () => {
    const storage = memoryStorage();
    expect(rememberedBoard(storage)).toBeNull();
    rememberBoard(storage, board);
    expect(rememberedBoard(storage)).toEqual(board);
  });

  it('forgets what it cannot read, and works with no storage', () => {
    const storage = memoryStorage();
    storage.setItem('luot.lobby.board', '{"layout":"diagonal"}');
    expect(rememberedBoard(storage)).toBeNull();
    storage.setItem('luot.lobby.board', 'not json');
    expect(rememberedBoard(storage)).toBeNull();
    rememberBoard(null, board);
    expect(rememberedBoard(null)).toBeNull();
  });

  it('gives the calls the whole board when there is nothing to play', () => {
    expect(contentLayout(board)).toBe('side');
    expect(contentLayout({ ...board, layout: 'bottom' })).toBe('bottom');
    expect(contentLayout({ ...board, playlist: [] })).toBe('off');
    expect(contentLayout({ ...board, layout: 'off' })).toBe('off');
    expect(contentLayout(null)).toBe('off');
  });
});
