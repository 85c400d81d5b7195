import { boardContentSchema, type BoardContentConfig } from '@luot/domain';

/**
 * The board's content zone (layout and playlist), kept so a board that boots with the hub down
 * still plays the centre's content from the worker's cache. Not personal data: media ids and
 * file names chosen by the centre.
 */
const BOARD_KEY = 'luot.lobby.board';

export function rememberBoard(storage: Storage | null, board: BoardContentConfig): void {
  try {
    const value = JSON.stringify(board);
    if (storage && storage.getItem(BOARD_KEY) !== value) storage.setItem(BOARD_KEY, value);
  } catch {
    // A full or blocked storage only loses the content of an offline boot.
  }
}

/** The last content zone this board saw, or null (never seen, or unreadable). */
export function rememberedBoard(storage: Storage | null): BoardContentConfig | null {
  try {
    const value = storage?.getItem(BOARD_KEY);
    if (!value) return null;
    const parsed = boardContentSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The layout the board uses: none without a playlist (the calls take the whole screen). */
export function contentLayout(board: BoardContentConfig | null): 'off' | 'side' | 'bottom' {
  if (!board || board.playlist.length === 0) return 'off';
  return board.layout;
}
