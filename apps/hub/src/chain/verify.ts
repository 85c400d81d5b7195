// `luot verify`: checks a store's tamper-evident log (chain.ts) as stored, through a ChainSource
// (source.ts), so the same checks run on the SQLite file and on PostgreSQL. Pure but for reading.
import {
  auditContent,
  dayDigest,
  digestCode,
  eventContent,
  GENESIS_HASH,
  normalizeDigestCode,
} from './chain.ts';
import type {
  AuditChainRow,
  ChainAnchor,
  ChainSource,
  EventChainRow,
  StoredChainDigest,
} from './source.ts';
import { walkChain, type ChainFinding, type ChainWalk } from './walk.ts';

export type { ChainFinding, FindingKind } from './walk.ts';

/** A code published outside the database (the lobby board, a report): the day and its code. */
export interface PublishedCode {
  day: string;
  code: string;
}

export interface ChainReport extends ChainWalk {
  chain: 'events' | 'audit';
  /** Where a purge left the chain (records up to `pos` removed), or null. */
  anchor: ChainAnchor | null;
}

/** What verify found wrong first with a site's digests (stored or published). */
export interface DigestFinding {
  kind: 'digest-edited' | 'digest-missing' | 'published-mismatch';
  day: string;
  /** With `published-mismatch`: the code published, and the one the stored log gives. */
  published?: string;
  stored?: string;
  /** The first event of that day (seq) and the first audit record it alone covers (id). */
  firstEvent?: number | null;
  firstAudit?: number | null;
}

export interface SiteVerification {
  siteId: string;
  events: ChainReport;
  audit: ChainReport;
  digests: {
    sealed: number;
    first: string | null;
    last: string | null;
    published: number;
    finding: DigestFinding | null;
  };
  intact: boolean;
}

export interface Verification {
  source: string;
  sites: SiteVerification[];
  intact: boolean;
}

/** Verifies every site of the source (or those named); throws when the source cannot be read. */
export async function verifyChains(
  source: ChainSource,
  options: { sites?: string[]; published?: PublishedCode[] } = {},
): Promise<Verification> {
  const ids = options.sites ?? (await source.sites());
  const sites: SiteVerification[] = [];
  for (const siteId of ids) sites.push(await verifySite(source, siteId, options.published ?? []));
  return { source: source.name, sites, intact: sites.every((s) => s.intact) };
}

async function verifySite(
  source: ChainSource,
  siteId: string,
  published: PublishedCode[],
): Promise<SiteVerification> {
  const digests = await source.digests(siteId);
  const anchors = await source.anchors(siteId);

  // Events: each digest's head must be the record it names, and the last of its day.
  const bySeq = groupBy(digests, (d) => d.eventsSeq);
  const firstOfDay = new Map<string, number>();
  /** The newest sealed day whose last event was just met: the next event must be later. */
  const sealed: { day: string | null } = { day: null };
  const events = await walkChain(contentOf(source.events(siteId), eventContent), {
    anchor: anchors.events,
    gaps: true,
    onAccepted: (r: EventChainRow & { content: string }) => {
      if (!firstOfDay.has(r.day)) firstOfDay.set(r.day, r.seq);
      if (sealed.day !== null && r.day <= sealed.day) return { kind: 'inserted', pos: r.seq };
      sealed.day = null;
      for (const d of bySeq.get(r.seq) ?? []) {
        if ((r.hash ?? GENESIS_HASH) !== d.eventsHash || r.day > d.day)
          return mismatch(d.day, firstOfDay.get(d.day) ?? r.seq);
        if (sealed.day === null || d.day > sealed.day) sealed.day = d.day;
      }
      return null;
    },
  });
  if (!events.finding) events.finding = missingHead(digests, 'events', events, anchors.events);

  const byId = groupBy(digests, (d) => d.auditId);
  const auditIds: number[] = [];
  const audit = await walkChain(contentOf(source.audit(siteId), auditContent), {
    anchor: anchors.audit,
    gaps: false,
    onAccepted: (r: AuditChainRow & { content: string }) => {
      auditIds.push(r.id);
      for (const d of byId.get(r.id) ?? [])
        if ((r.hash ?? GENESIS_HASH) !== d.auditHash)
          return mismatch(d.day, firstAuditOf(digests, d, auditIds) ?? r.id);
      return null;
    },
  });
  if (!audit.finding) audit.finding = missingHead(digests, 'audit', audit, anchors.audit);

  const digestFinding = checkDigests(siteId, digests, published, firstOfDay, auditIds);
  const forSite = published.filter((p) => digests.some((d) => d.day === p.day));
  return {
    siteId,
    events: { chain: 'events', anchor: anchors.events, ...events },
    audit: { chain: 'audit', anchor: anchors.audit, ...audit },
    digests: {
      sealed: digests.length,
      first: digests[0]?.day ?? null,
      last: digests.at(-1)?.day ?? null,
      published: forSite.length,
      finding: digestFinding,
    },
    intact: !events.finding && !audit.finding && !digestFinding,
  };
}

/** Each stored digest agrees with itself; each published code with the stored digest. */
function checkDigests(
  siteId: string,
  digests: StoredChainDigest[],
  published: PublishedCode[],
  firstOfDay: Map<string, number>,
  auditIds: number[],
): DigestFinding | null {
  const where = (d: StoredChainDigest) => ({
    firstEvent: firstOfDay.get(d.day) ?? null,
    firstAudit: firstAuditOf(digests, d, auditIds),
  });
  for (const d of digests) {
    const digest = dayDigest({
      siteId,
      day: d.day,
      eventsHash: d.eventsHash,
      auditHash: d.auditHash,
    });
    if (digest !== d.digest || digestCode(digest) !== d.code)
      return { kind: 'digest-edited', day: d.day, ...where(d) };
  }
  const byDay = new Map(digests.map((d) => [d.day, d]));
  for (const p of [...published].sort((a, b) => a.day.localeCompare(b.day))) {
    const d = byDay.get(p.day);
    if (!d) return { kind: 'digest-missing', day: p.day, published: p.code };
    if (normalizeDigestCode(p.code) !== d.code)
      return {
        kind: 'published-mismatch',
        day: p.day,
        published: normalizeDigestCode(p.code) ?? p.code,
        stored: d.code,
        ...where(d),
      };
  }
  return null;
}

/** The first audit record a digest covers that the digest before it did not. */
function firstAuditOf(
  digests: StoredChainDigest[],
  d: StoredChainDigest,
  auditIds: number[],
): number | null {
  const before = digests.filter((o) => o.day < d.day).at(-1)?.auditId ?? 0;
  return auditIds.find((id) => id > before && id <= d.auditId) ?? null;
}

/** A digest naming a record that was never met (and no purge took): records were deleted. */
function missingHead(
  digests: StoredChainDigest[],
  chain: 'events' | 'audit',
  walk: ChainWalk,
  anchor: ChainAnchor | null,
): ChainFinding | null {
  for (const d of digests) {
    const pos = chain === 'events' ? d.eventsSeq : d.auditId;
    const hash = chain === 'events' ? d.eventsHash : d.auditHash;
    if (pos === 0) {
      if (hash !== GENESIS_HASH) return mismatch(d.day, null);
      continue;
    }
    if (anchor && pos <= anchor.pos) {
      if (pos === anchor.pos && hash !== anchor.hash) return mismatch(d.day, null);
      continue;
    }
    if (walk.first !== null && pos < walk.first) {
      // Records purged before the chain began (no anchor) named by a digest made before it.
      if (hash === GENESIS_HASH) continue;
      return { kind: 'deleted', pos: walk.first };
    }
    if (walk.last === null || pos > walk.last) {
      const missing: [number, number] = [(walk.last ?? 0) + 1, pos];
      return { kind: 'deleted', pos, ...(chain === 'events' && { missing }) };
    }
  }
  return null;
}

function mismatch(day: string, pos: number | null): ChainFinding {
  return { kind: 'digest-mismatch', day, pos: pos ?? 0 };
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

async function* contentOf<R extends { seq?: number; id?: number }>(
  rows: AsyncIterable<R>,
  content: (row: R) => string,
): AsyncIterable<R & { pos: number; content: string }> {
  for await (const row of rows) yield { ...row, pos: (row.seq ?? row.id)!, content: content(row) };
}
