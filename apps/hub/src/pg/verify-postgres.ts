// `luot verify --postgres`: walks each site's two chains in one read-only snapshot, checking every
// record's hash and link (src/chain/chain.ts), the heads the site keeps, the sealed days, and
// codes published outside the database; names the first record that breaks each chain.
import {
  auditContent,
  chainHash,
  dayDigest,
  eventContent,
  GENESIS_HASH,
  normalizeDigestCode,
} from '../chain/chain.ts';
import {
  openPgChainSnapshot,
  type PgChainSnapshot,
  type StoredChainRecord,
} from './chain-source.ts';

export type ChainName = 'events' | 'audit';

/** What verify found wrong, the first thing per chain (then the digests' findings). */
export interface ChainProblem {
  chain: ChainName | 'digest';
  /** The record's seq or id, or for a digest its day. */
  at: number | string;
  kind: 'edited' | 'deleted' | 'inserted' | 'reordered' | 'unchained' | 'digest' | 'published';
  message: string;
}

export interface SiteVerification {
  site: string;
  events: number;
  audit: number;
  digests: number;
  problems: ChainProblem[];
}

/** A code published for a site's day (the lobby board, the day's report). */
export interface PublishedCode {
  site: string | null;
  day: string;
  code: string;
}

/**
 * Reads published codes, one a line: `[SITE] YYYY-MM-DD CODE` (blank lines and `#` comments
 * skipped); throws on a line that is none of these, naming it.
 */
export function parsePublished(text: string): PublishedCode[] {
  const out: PublishedCode[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:([a-z0-9-]+)\s+)?(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(line);
    const code = m ? normalizeDigestCode(m[3]!) : null;
    if (!m || !code)
      throw new Error(`published codes, line ${i + 1}: "${line}" is not [SITE] DAY CODE`);
    out.push({ site: m[1] ?? null, day: m[2]!, code });
  });
  return out;
}

/** Verifies the province at `url` (or only `site`); never writes. */
export async function verifyPostgres(
  url: string,
  options: { site?: string; published?: PublishedCode[] } = {},
): Promise<SiteVerification[]> {
  const snapshot = await openPgChainSnapshot(url);
  try {
    const all = await snapshot.sites();
    if (options.site !== undefined && !all.includes(options.site))
      throw new Error(`no site ${options.site} in this database`);
    const sites = options.site !== undefined ? [options.site] : all;
    const results: SiteVerification[] = [];
    for (const site of sites) results.push(await verifySite(snapshot, site, options.published));
    return results;
  } finally {
    await snapshot.close();
  }
}

async function verifySite(
  snapshot: PgChainSnapshot,
  site: string,
  published: PublishedCode[] = [],
): Promise<SiteVerification> {
  const heads = await snapshot.heads(site);
  const digests = await snapshot.digests(site);
  const events = await walk(snapshot, site, 'events', snapshot.events(site), eventContent, {
    head: heads.events,
    sealed: new Set(digests.map((d) => d.eventsSeq)),
  });
  const audit = await walk(snapshot, site, 'audit', snapshot.audit(site), auditContent, {
    head: heads.audit,
    sealed: new Set(digests.map((d) => d.auditId)),
  });
  const problems = [...events.problems, ...audit.problems];
  const chainSiteId = await snapshot.chainSiteId(site);
  const byDay = new Map(digests.map((d) => [d.day, d]));
  for (const d of digests) {
    const remade = dayDigest({
      siteId: chainSiteId,
      day: d.day,
      eventsHash: d.eventsHash,
      auditHash: d.auditHash,
    });
    // A sealed head purged since (at or before the anchor) can no longer be compared.
    const stillThere = (walked: typeof events, position: number, hash: string) =>
      hash === GENESIS_HASH ||
      position < walked.anchor ||
      (position === walked.anchor
        ? walked.anchorHash === hash
        : position > walked.reached || walked.sealedHash(position) === hash);
    if (remade !== d.digest)
      problems.push({
        chain: 'digest',
        at: d.day,
        kind: 'digest',
        message: `the digest of ${d.day} was changed`,
      });
    else if (!stillThere(events, d.eventsSeq, d.eventsHash))
      problems.push({
        chain: 'digest',
        at: d.day,
        kind: 'digest',
        message: `event ${d.eventsSeq} is not the one ${d.day} was sealed with: the log was rewritten up to it`,
      });
    else if (!stillThere(audit, d.auditId, d.auditHash))
      problems.push({
        chain: 'digest',
        at: d.day,
        kind: 'digest',
        message: `audit record ${d.auditId} is not the one ${d.day} was sealed with: the trail was rewritten up to it`,
      });
  }
  for (const p of published.filter((p) => p.site === null || p.site === site)) {
    const d = byDay.get(p.day);
    if (!d || d.code !== p.code)
      problems.push({
        chain: 'digest',
        at: p.day,
        kind: 'published',
        message: d
          ? `${p.day}: published ${p.code}, the database says ${d.code}: the day was rewritten`
          : `${p.day}: published ${p.code}, but the database has no seal of that day`,
      });
  }
  return { site, events: events.count, audit: audit.count, digests: digests.length, problems };
}

/**
 * Walks one chain in order: each record's hash must be its content's, linked to the record
 * before it (or the anchor a purge left, or genesis). Stops at the first break, naming it.
 */
async function walk<C>(
  snapshot: PgChainSnapshot,
  site: string,
  chain: ChainName,
  records: AsyncIterable<StoredChainRecord<C>>,
  contentOf: (content: C) => string,
  { head, sealed }: { head: string | null; sealed: Set<number> },
) {
  const anchor = await snapshot.anchor(site, chain);
  // The hashes of sealed heads, kept as the walk passes them for the digests' check.
  const seen = new Map<number, string>();
  let expected = anchor?.hash ?? GENESIS_HASH;
  let previous: number | null = anchor?.position ?? null;
  let started = anchor !== null;
  let count = 0;
  const problems: ChainProblem[] = [];
  const name = chain === 'events' ? 'event' : 'audit record';
  const broke = (at: number, kind: ChainProblem['kind'], message: string) => {
    problems.push({ chain, at, kind, message: `${name} ${at}: ${message}` });
  };
  for await (const r of records) {
    count++;
    if (r.hash === null && !started) continue; // stored before the chain began
    started = true;
    if (r.hash === null || r.prevHash === null) {
      broke(r.position, 'inserted', 'has no hash: added by hand after the chain began');
      break;
    }
    if (chainHash(r.prevHash, contentOf(r.content)) !== r.hash) {
      broke(r.position, 'edited', 'its content does not match its hash: it was changed');
      break;
    }
    if (r.prevHash !== expected) {
      const linked = await snapshot.positionOf(site, chain, r.prevHash);
      if (linked !== null && linked > r.position)
        broke(
          r.position,
          'reordered',
          `it follows ${name} ${linked}, which is now after it: moved`,
        );
      else if (linked !== null)
        broke(
          previous ?? r.position,
          'inserted',
          `it does not belong between ${name} ${linked} and ${name} ${r.position}: inserted`,
        );
      else
        broke(
          r.position,
          'deleted',
          `the record it follows is missing${previous !== null ? ` (after ${name} ${previous})` : ''}: deleted`,
        );
      break;
    }
    if (chain === 'events' && previous !== null && r.position !== previous + 1) {
      broke(r.position, 'deleted', `seq jumps from ${previous}: events between were deleted`);
      break;
    }
    if (sealed.has(r.position)) seen.set(r.position, r.hash);
    expected = r.hash;
    previous = r.position;
  }
  if (problems.length === 0 && head !== null && head !== expected)
    broke(
      (previous ?? 0) + (chain === 'events' ? 1 : 0),
      'deleted',
      `the chain ends before its head: records after ${name} ${previous ?? 0} were deleted`,
    );
  return {
    count,
    problems,
    anchor: anchor?.position ?? 0,
    anchorHash: anchor?.hash ?? null,
    /** The last position checked good: later sealed heads are past the break, not judged. */
    reached: previous ?? 0,
    sealedHash: (position: number) => seen.get(position) ?? null,
  };
}
