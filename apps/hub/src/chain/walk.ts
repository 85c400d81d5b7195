import { chainHash, GENESIS_HASH } from './chain.ts';
import type { ChainAnchor } from './source.ts';

/** What verify found wrong first in a chain. */
export type FindingKind = 'edited' | 'deleted' | 'inserted' | 'reordered' | 'digest-mismatch';

export interface ChainFinding {
  kind: FindingKind;
  /** The record named: its seq (events) or id (audit); for `deleted`, the first record after the hole. */
  pos: number;
  /** With `reordered`: the record it links to, stored after it. */
  linksTo?: number;
  /** With `deleted` in the events: the missing seqs, first and last. */
  missing?: [number, number];
  /** With `digest-mismatch`: the sealed day whose digest no longer matches. */
  day?: string;
}

/** One stored record as the walk sees it. */
export interface WalkRecord {
  pos: number;
  prevHash: string | null;
  hash: string | null;
  /** The canonical content (eventContent / auditContent). */
  content: string;
}

export interface ChainWalk {
  /** Records stored (hashed or not). */
  records: number;
  /** Records before the chain began (stored before the upgrade, no hash). */
  beforeChain: number;
  first: number | null;
  last: number | null;
  finding: ChainFinding | null;
}

/**
 * Walks one chain in its stored order and names the first thing wrong with it:
 * - **edited**: a record whose own hash does not match its content, while the next record
 *   still links to it (or none follows);
 * - **inserted**: a record the next one does not link to (it links to the one before), forged
 *   with a correct hash or not;
 * - **deleted**: a gap in the positions (`gaps`: events number without gaps), or a record that
 *   links to a record no longer stored;
 * - **reordered**: a record that links to a record stored after it.
 * `onAccepted` hears every record found sound, in order (the digests are checked there); it
 * may return a finding, which ends the walk as the chain's first.
 */
export async function walkChain<R extends WalkRecord>(
  records: AsyncIterable<R>,
  options: {
    anchor: ChainAnchor | null;
    /** Whether positions run without gaps (events: seq) so a missing one is a deletion. */
    gaps: boolean;
    onAccepted?: (record: R) => ChainFinding | null;
  },
): Promise<ChainWalk> {
  const { anchor } = options;
  const walk: ChainWalk = { records: 0, beforeChain: 0, first: null, last: null, finding: null };
  let started = anchor !== null;
  let expect = anchor?.hash ?? GENESIS_HASH;
  /** The link the last sound record had (what a record skipping it would carry). */
  let expectBefore: string | null = null;
  let prevPos: number | null = anchor?.pos ?? null;
  let prevRecord: R | null = null;
  /** A record whose own hash is wrong: the next record tells edited from inserted. */
  let suspect: { record: R; expect: string } | null = null;
  /** A sound record whose link matches nothing before it: moved, or its predecessor is gone. */
  let dangling: { record: R; prevHash: string } | null = null;

  for await (const r of records) {
    walk.records++;
    walk.first ??= r.pos;
    walk.last = r.pos;
    if (walk.finding) continue;
    if (dangling) {
      if (r.hash === dangling.prevHash)
        walk.finding = { kind: 'reordered', pos: dangling.record.pos, linksTo: r.pos };
      continue;
    }
    if (suspect) {
      walk.finding =
        r.prevHash === suspect.expect
          ? { kind: 'inserted', pos: suspect.record.pos }
          : { kind: 'edited', pos: suspect.record.pos };
      continue;
    }
    if (!started && r.hash === null && r.prevHash === null) {
      walk.beforeChain++;
      prevPos = r.pos;
      const found = options.onAccepted?.(r) ?? null;
      if (found) walk.finding = found;
      continue;
    }
    started = true;
    if (options.gaps && prevPos !== null && r.pos !== prevPos + 1 && r.pos > prevPos) {
      walk.finding = { kind: 'deleted', pos: r.pos, missing: [prevPos + 1, r.pos - 1] };
      continue;
    }
    const ownOk =
      r.hash !== null && r.prevHash !== null && chainHash(r.prevHash, r.content) === r.hash;
    if (!ownOk) {
      suspect = { record: r, expect };
      continue;
    }
    if (r.prevHash !== expect) {
      if (prevRecord && r.prevHash === expectBefore)
        walk.finding = { kind: 'inserted', pos: prevRecord.pos };
      else dangling = { record: r, prevHash: r.prevHash! };
      continue;
    }
    expectBefore = expect;
    expect = r.hash!;
    prevPos = r.pos;
    prevRecord = r;
    const found = options.onAccepted?.(r) ?? null;
    if (found) walk.finding = found;
  }
  if (!walk.finding && suspect) walk.finding = { kind: 'edited', pos: suspect.record.pos };
  if (!walk.finding && dangling) walk.finding = { kind: 'deleted', pos: dangling.record.pos };
  return walk;
}
