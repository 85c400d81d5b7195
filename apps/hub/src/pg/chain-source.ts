// What `luot verify --postgres` reads: a province's chains, site by site, in ONE read-only
// snapshot (REPEATABLE READ), so hub nodes writing meanwhile neither stop nor confuse it.
// Rows stream a page at a time (keyset pages in the snapshot), never a whole chain in memory.
import pg from 'pg';
import type {
  AuditChainRow,
  ChainAnchor,
  ChainSource,
  EventChainRow,
  StoredChainDigest,
} from '../chain/source.ts';

/** Rows per page read. */
const PAGE = 2000;

/** The PostgreSQL source, with what only it keeps: the heads a site stores beside its rows. */
export interface PgChainSource extends ChainSource {
  /** The site's event chain head hash (`sites.head_hash`) and audit head (`audit_heads`). */
  heads(site: string): Promise<{ events: string | null; audit: string | null }>;
}

/** Opens a read-only snapshot of the province at `url`. */
export async function openPgChainSource(url: string): Promise<PgChainSource> {
  const client = new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  const chainSite = new Map<string, string>();

  /** A chain's rows, a page at a time: keyset pages inside the one snapshot. */
  async function* pages<R extends pg.QueryResultRow>(
    sql: string,
    site: string,
    key: (row: R) => number,
  ): AsyncIterable<R> {
    const siteId = await chainSiteId(site);
    let after = -1;
    for (;;) {
      const { rows } = await client.query<R>(sql, [site, after, PAGE]);
      for (const row of rows) yield { ...row, siteId };
      if (rows.length < PAGE) return;
      after = key(rows[rows.length - 1]!);
    }
  }

  /** The id the site's records are hashed under (its own, or its id before `migrate --as`). */
  async function chainSiteId(site: string): Promise<string> {
    let id = chainSite.get(site);
    if (id === undefined) {
      const { rows } = await client.query<{ id: string }>(
        'SELECT COALESCE(chain_site_id, id) AS id FROM sites WHERE id = $1',
        [site],
      );
      id = rows[0]?.id ?? site;
      chainSite.set(site, id);
    }
    return id;
  }

  return {
    name: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1@'),
    async sites() {
      const { rows } = await client.query<{ id: string }>(
        `SELECT site_id AS id FROM events UNION SELECT site_id FROM audit_log
         UNION SELECT site_id FROM chain_digests UNION SELECT site_id FROM chain_anchors
         ORDER BY 1`,
      );
      return rows.map((r) => r.id);
    },
    events(site) {
      return pages<EventChainRow>(
        `SELECT seq, day, at, type, ticket_id AS "ticketId", field_id AS "fieldId",
           counter_id AS "counterId", clerk_id AS "clerkId", actor, payload,
           prev_hash AS "prevHash", hash
         FROM events WHERE site_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        site,
        (r) => r.seq,
      );
    },
    audit(site) {
      return pages<AuditChainRow>(
        `SELECT id, at, actor, action, target, detail, prev_hash AS "prevHash", hash
         FROM audit_log WHERE site_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
        site,
        (r) => r.id,
      );
    },
    async digests(site) {
      const siteId = await chainSiteId(site);
      const { rows } = await client.query<StoredChainDigest>(
        `SELECT day, events_seq AS "eventsSeq", events_hash AS "eventsHash", audit_id AS "auditId",
           audit_hash AS "auditHash", digest, code, made_at AS "madeAt"
         FROM chain_digests WHERE site_id = $1 ORDER BY day`,
        [site],
      );
      return rows.map((r) => ({ ...r, siteId }));
    },
    async anchors(site) {
      const { rows } = await client.query<ChainAnchor & { chain: 'events' | 'audit' }>(
        'SELECT chain, pos, hash FROM chain_anchors WHERE site_id = $1',
        [site],
      );
      const of = (chain: string) => {
        const r = rows.find((a) => a.chain === chain);
        return r ? { pos: r.pos, hash: r.hash } : null;
      };
      return { events: of('events'), audit: of('audit') };
    },
    async heads(site) {
      const { rows } = await client.query<{ events: string | null; audit: string | null }>(
        `SELECT (SELECT head_hash FROM sites WHERE id = $1) AS events,
           (SELECT hash FROM audit_heads WHERE site_id = $1) AS audit`,
        [site],
      );
      return rows[0]!;
    },
    async close() {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
