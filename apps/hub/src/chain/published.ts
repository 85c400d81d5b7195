// Where the log's daily digest is published (issue 17): the lobby board's line and the day's
// report. Both read the sealed days the store keeps (`Store.chainDigests`); nothing is made here.
import { addDays } from '@luot/domain';
import type { ChainDigestRow, PublishedDigest } from '@luot/protocol';
import type { Store } from '../store.ts';

/**
 * How far back a board looks for the previous sealed day: past a long holiday (Tết closes a
 * centre for up to ten days), not so far that a code of another month shows as yesterday's.
 */
export const BOARD_DIGEST_LOOKBACK_DAYS = 31;

/**
 * What a lobby board shows on service day `today`: the newest sealed day before it and its code
 * (only those two: the board needs nothing else); null when none was sealed in the lookback.
 */
export async function boardDigest(store: Store, today: string): Promise<PublishedDigest | null> {
  const sealed = await store.chainDigests(
    addDays(today, -BOARD_DIGEST_LOOKBACK_DAYS),
    addDays(today, -1),
  );
  const last = sealed[sealed.length - 1];
  return last ? { day: last.day, code: last.code } : null;
}

/**
 * The sealed days of [from, to] for the report, each with the count of events its part of the
 * chain adds (from the sealed day before it, looked up as far back as the board looks).
 */
export async function digestRows(
  store: Store,
  from: string,
  to: string,
): Promise<ChainDigestRow[]> {
  const sealed = await store.chainDigests(addDays(from, -BOARD_DIGEST_LOOKBACK_DAYS), to);
  const rows: ChainDigestRow[] = [];
  let previous: number | null = null;
  for (const d of sealed) {
    if (d.day >= from)
      rows.push({ ...d, events: previous === null ? null : d.eventsSeq - previous });
    previous = d.eventsSeq;
  }
  return rows;
}
