import type { PlaylistItem } from '@luot/domain';

/**
 * The lobby board's content player, as pure state: which playlist item is on, how long it has
 * been shown, whether calls hold it. The component (ContentZone.tsx) feeds it what the screen
 * sees (time passing, a video's end, a file that fails) and shows what it says.
 */
export interface PlayerState {
  items: readonly PlaylistItem[];
  /** The item on screen (an index into `items`); meaningless while `items` is empty. */
  index: number;
  /** Ms the current item has been shown, not counting time held by calls. */
  shownMs: number;
  /** Items that failed in a row; when every item has failed the player rests. */
  failedInRow: number;
  /** Ms rested since every item failed (then it tries the whole playlist again). */
  restedMs: number;
  /** A call is being announced: nothing advances, videos are paused. */
  held: boolean;
  /** Bumped each time an item starts, so the same item shown again restarts (a one-item loop). */
  turn: number;
}

/** What happened on the screen. */
export type PlayerEvent =
  | { type: 'playlist'; items: readonly PlaylistItem[] }
  /** Time shown; `turn` (when given) ties it to the item it was counted for. */
  | { type: 'elapsed'; ms: number; turn?: number }
  | { type: 'ended' }
  | { type: 'failed' }
  | { type: 'hold' }
  | { type: 'release' };

/** How long a player whose every item failed waits before trying them again. */
export const REST_AFTER_FAILURES_MS = 60_000;

/** A player at the start of `items`. */
export function startPlayer(items: readonly PlaylistItem[]): PlayerState {
  return { items, index: 0, shownMs: 0, failedInRow: 0, restedMs: 0, held: false, turn: 0 };
}

/** The item to show now, or null (an empty playlist, or every item failed: the calls take the space). */
export function currentItem(state: PlayerState): PlaylistItem | null {
  if (state.items.length === 0 || resting(state)) return null;
  return state.items[state.index] ?? null;
}

function resting(state: PlayerState): boolean {
  return state.items.length > 0 && state.failedInRow >= state.items.length;
}

function next(state: PlayerState, failed: boolean): PlayerState {
  return {
    ...state,
    index: (state.index + 1) % Math.max(1, state.items.length),
    shownMs: 0,
    failedInRow: failed ? state.failedInRow + 1 : 0,
    restedMs: 0,
    turn: state.turn + 1,
  };
}

function sameItem(a: PlaylistItem | undefined, b: PlaylistItem | undefined): boolean {
  return a !== undefined && b !== undefined && a.mediaId === b.mediaId && a.kind === b.kind;
}

/**
 * The player after `event`. Pictures stay their `seconds`; a video stays until it ends, at most
 * its `seconds`; the playlist loops; a failed item is skipped at once. While held by a call no
 * time counts and nothing advances, but a failure is still skipped (a broken file must not stay
 * on screen). A new playlist keeps the item on screen when it is still at the same place.
 */
export function stepPlayer(state: PlayerState, event: PlayerEvent): PlayerState {
  switch (event.type) {
    case 'playlist': {
      if (sameItem(event.items[state.index], state.items[state.index]))
        return { ...state, items: event.items, failedInRow: 0, restedMs: 0 };
      return { ...startPlayer(event.items), held: state.held, turn: state.turn + 1 };
    }
    case 'hold':
      return state.held ? state : { ...state, held: true };
    case 'release': {
      if (!state.held) return state;
      const released = { ...state, held: false };
      const item = state.items[state.index];
      // A video that ended during the call gives way now.
      return item && state.shownMs >= item.seconds * 1000 ? next(released, false) : released;
    }
    case 'elapsed': {
      if (state.held || state.items.length === 0 || event.ms <= 0) return state;
      if (event.turn !== undefined && event.turn !== state.turn) return state;
      if (resting(state)) {
        const restedMs = state.restedMs + event.ms;
        if (restedMs < REST_AFTER_FAILURES_MS) return { ...state, restedMs };
        return {
          ...state,
          index: 0,
          shownMs: 0,
          failedInRow: 0,
          restedMs: 0,
          turn: state.turn + 1,
        };
      }
      const item = state.items[state.index];
      const shownMs = state.shownMs + event.ms;
      if (item && shownMs >= item.seconds * 1000) return next(state, false);
      return { ...state, shownMs };
    }
    case 'ended':
      if (state.items.length === 0 || resting(state)) return state;
      // A video that ended while held stays on its last frame until the call is over.
      if (state.held) return { ...state, shownMs: Number.POSITIVE_INFINITY };
      return next(state, false);
    case 'failed':
      if (state.items.length === 0 || resting(state)) return state;
      return next(state, true);
  }
}
