import { parseIdCardScan, type IdCard } from '@luot/domain';

/**
 * Where a QR reader's text goes. A CCCD's QR (seven `|`-separated parts) goes to the card step,
 * read on the kiosk; a booking page's address or code goes to check-in, as it always has. On the
 * card step the citizen was asked for their card, so anything else is told it is no card.
 */
export type ScanRoute =
  | { kind: 'card'; card: Required<IdCard> }
  | { kind: 'card-refused'; reason: 'not-a-card' | 'inconsistent' }
  | { kind: 'check-in'; scanned: string }
  | { kind: 'replay' };

/** A card's QR has seven parts; a booking address or code has no `|` at all. */
const CARD_SHAPED = /(?:[^|]*\|){6}/;

/** How long the same text read again counts as the reader firing twice (ms). */
export const REPLAY_WINDOW_MS = 5_000;

/**
 * Remembers the last card-like text read for a few seconds, so a reader that fires twice (or a
 * card held under it) is heard once. Only a hash of the text is kept, not the card's data.
 */
export function createReplayGuard(windowMs = REPLAY_WINDOW_MS) {
  let last: { hash: number; at: number } | null = null;
  return {
    /** True when `text` was read less than `windowMs` ago; either way it becomes the last read. */
    replayed(text: string, at: number): boolean {
      const hash = fnv1a(text);
      const again = last !== null && last.hash === hash && at - last.at < windowMs;
      last = { hash, at };
      return again;
    },
    /** Forgets the last read (the visit is over). */
    forget() {
      last = null;
    },
  };
}
export type ReplayGuard = ReturnType<typeof createReplayGuard>;

/**
 * Routes one scan. `onCardStep`: the kiosk is asking for a card, so a text that is not card-like
 * is refused as no card instead of being tried as a booking. A card-like text read again within
 * the replay window is `replay`: ignored, whatever it was the first time.
 */
export function routeScan(
  text: string,
  at: number,
  { onCardStep, guard }: { onCardStep: boolean; guard: ReplayGuard },
): ScanRoute {
  const cardLike = CARD_SHAPED.test(text);
  if (!cardLike && !onCardStep) return { kind: 'check-in', scanned: text };
  if (guard.replayed(text, at)) return { kind: 'replay' };
  if (!cardLike) return { kind: 'card-refused', reason: 'not-a-card' };
  const read = parseIdCardScan(text);
  return read.ok
    ? { kind: 'card', card: read.card }
    : { kind: 'card-refused', reason: read.reason };
}

/** 32-bit FNV-1a: enough to tell one scan from the next, and not the card's text. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
