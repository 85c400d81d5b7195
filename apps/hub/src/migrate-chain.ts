// `luot migrate`'s part for the tamper-evident log (issue 17): the events' and audit records'
// hashes come with their rows (migrate-to-postgres.ts copies `prev_hash` and `hash`); this
// carries the sealed days and the anchors, and sets the heads so the chain goes on in
// PostgreSQL: the next event links to the last one migrated, the next audit record likewise.
import type pg from 'pg';
import { GENESIS_HASH } from './chain/chain.ts';
import type { SiteExport } from './db/index.ts';

/**
 * Run inside the migration's transaction after the site's rows are copied; resolves how many
 * sealed days were carried. Event seqs are kept, so digests and anchors of the events carry as
 * they are; audit records are renumbered by the province (ids shared by every site), so their
 * positions are carried to the new ids, found in the same order. A site moved under another id
 * (`--as`) keeps hashing under its old one (`sites.chain_site_id`): its records and published
 * codes were made with it.
 */
export async function carryChain(
  client: pg.Client,
  source: SiteExport,
  siteId: string,
  as: string,
): Promise<number> {
  const anchors = new Map(
    [...source.rows('chain_anchors', ['chain', 'pos', 'hash'])].map(([chain, pos, hash]) => [
      chain as 'events' | 'audit',
      { pos: pos as number, hash: hash as string },
    ]),
  );
  const digests = [
    ...source.rows('chain_digests', [
      'day',
      'events_seq',
      'events_hash',
      'audit_id',
      'audit_hash',
      'digest',
      'code',
      'made_at',
    ]),
  ];

  // The audit ids the digests name, old → new: the n-th record kept is the n-th copied.
  const wanted = new Set(digests.map((d) => d[3] as number));
  const renumbered = new Map<number, number>();
  const { rows: fresh } = await client.query<{ id: string; hash: string | null }>(
    'SELECT id, hash FROM audit_log WHERE site_id = $1 ORDER BY id',
    [as],
  );
  let i = 0;
  for (const [old] of source.rows('audit_log', ['id'])) {
    if (wanted.has(old as number)) renumbered.set(old as number, Number(fresh[i]!.id));
    i++;
  }
  const firstNew = fresh[0] ? Number(fresh[0].id) : null;
  const auditAnchor = anchors.get('audit');
  let newAnchorPos = 0;
  if (auditAnchor) {
    // Just below the first record kept (or every record of the province, when none is kept).
    const top = await client.query<{ top: string }>(
      'SELECT COALESCE(MAX(id), 0) AS top FROM audit_log',
    );
    newAnchorPos = Math.max(1, firstNew !== null ? firstNew - 1 : Number(top.rows[0]!.top));
  }
  const newAuditId = (old: number): number => {
    if (old === 0) return 0;
    const known = renumbered.get(old);
    if (known !== undefined) return known;
    if (auditAnchor && old === auditAnchor.pos) return newAnchorPos;
    // Purged before the anchor: any position below it (verify compares none of these).
    if (auditAnchor && old < auditAnchor.pos) return Math.max(1, newAnchorPos - 1);
    return old; // named a record the file no longer has: verify will say so
  };

  for (const [chain, anchor] of anchors)
    await client.query(
      'INSERT INTO chain_anchors (site_id, chain, pos, hash) VALUES ($1, $2, $3, $4)',
      [as, chain, chain === 'audit' ? newAnchorPos : anchor.pos, anchor.hash],
    );
  for (const d of digests)
    await client.query(
      `INSERT INTO chain_digests (site_id, day, events_seq, events_hash, audit_id, audit_hash,
         digest, code, made_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [as, d[0], d[1], d[2], newAuditId(d[3] as number), d[4], d[5], d[6], d[7]],
    );

  // The heads: the newest record's hash (GENESIS_HASH for one stored before the chain began),
  // else the anchor's, else none (the chain starts at genesis).
  const lastEvent = await client.query<{ hash: string | null }>(
    'SELECT hash FROM events WHERE site_id = $1 ORDER BY seq DESC LIMIT 1',
    [as],
  );
  const eventsHead = lastEvent.rows[0]
    ? (lastEvent.rows[0].hash ?? GENESIS_HASH)
    : (anchors.get('events')?.hash ?? null);
  await client.query('UPDATE sites SET head_hash = $2, chain_site_id = $3 WHERE id = $1', [
    as,
    eventsHead,
    as === siteId ? null : siteId,
  ]);
  const lastAudit = fresh.at(-1);
  const auditHead = lastAudit
    ? { id: Number(lastAudit.id), hash: lastAudit.hash ?? GENESIS_HASH }
    : auditAnchor
      ? { id: newAnchorPos, hash: auditAnchor.hash }
      : null;
  if (auditHead)
    await client.query('INSERT INTO audit_heads (site_id, audit_id, hash) VALUES ($1, $2, $3)', [
      as,
      auditHead.id,
      auditHead.hash,
    ]);
  return digests.length;
}
