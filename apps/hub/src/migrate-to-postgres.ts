import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  createSiteExport,
  DatabaseInUseError,
  openDatabase,
  type ExportedTable,
  type SiteExport,
} from './db/index.ts';
import { copyApiKeys } from './migrate-api-keys.ts';
import { carryChain } from './migrate-chain.ts';
import { migrate } from './pg/migrate.ts';
import { COMMIT_CHANNEL } from './pg/commit.ts';
import { DEFAULT_SITE_ID, SITE_ID_PATTERN } from './store.ts';

/** The migration was refused before anything was written (a reason the operator can act on). */
export class MigrationRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationRefused';
  }
}

/** What a migration copied, row counts per kind, and how long it took. */
export interface MigrationCounts {
  events: number;
  tickets: number;
  visits: number;
  reportDays: number;
  devices: number;
  audit: number;
  users: number;
  sessions: number;
  /** The lobby board's pictures and videos. */
  media: number;
  /** The REST API's keys (the site's, and the centre's keys of every site, now of this site). */
  apiKeys: number;
  /** The tamper-evident log's sealed days (its chains' hashes come with the events and audit). */
  digests: number;
  /** The site's head in PostgreSQL: its newest event's sequence number. */
  lastSeq: number;
  ms: number;
}

export interface MigrationOptions {
  /** The centre's SQLite file (a data directory's luot.db). */
  sqlitePath: string;
  /** The province's PostgreSQL, e.g. postgres://luot@db.tinh/luot. */
  postgresUrl: string;
  /** The site to move out of the file (default: a centre's one site). */
  siteId?: string;
  /** Its id in the province (default: the same). */
  as?: string;
  /** Now, for which sessions are still open. */
  now: number;
  /** Hears progress, one line per table copied. */
  progress?: (line: string) => void;
  /** Rows per chunk sent to COPY. */
  batchRows?: number;
}

/** One site-owned table's copy: the columns read from SQLite and their PostgreSQL types. */
interface TableCopy {
  table: ExportedTable;
  count: keyof MigrationCounts;
  columns: [name: string, pgType: string][];
  /** SQLite's value as PostgreSQL's, where the types differ. */
  convert?: Record<string, (value: unknown) => unknown>;
  /** Fewer rows per chunk for tables of large rows (packed report days). */
  batchRows?: number;
}

const text = (...names: string[]) => names.map((n): [string, string] => [n, 'text']);
const bigint = (...names: string[]) => names.map((n): [string, string] => [n, 'bigint']);
const integer = (...names: string[]) => names.map((n): [string, string] => [n, 'integer']);

/**
 * The tables in the order they are copied (a visit points at its ticket). Row ids that the
 * province numbers itself (visits, audit entries: identity columns shared by every site) are
 * not copied; rows go in in their stored order, so their new ids keep that order, which is
 * all that reads of them rely on (a ticket's latest visit, the audit trail's pages).
 */
const TABLES: TableCopy[] = [
  {
    table: 'events',
    count: 'events',
    columns: [
      ...bigint('seq'),
      ...text('day'),
      ...bigint('at'),
      ...text('type', 'ticket_id', 'field_id', 'counter_id', 'clerk_id', 'actor', 'payload'),
      ...text('prev_hash', 'hash'),
    ],
  },
  {
    table: 'tickets',
    count: 'tickets',
    columns: [
      ...text('id', 'day', 'field_id', 'original_field_id'),
      ...integer('number'),
      ...text('label', 'priority_class_id', 'status'),
      ...bigint('issued_at', 'first_called_at', 'finished_at'),
      ...text('counter_id', 'clerk_id'),
      ...integer('rating'),
      ...text('token_hash', 'issued_by', 'request_key', 'origin'),
      ['estimated_wait_minutes', 'double precision'],
    ],
  },
  {
    table: 'services',
    count: 'visits',
    columns: [
      ...text('ticket_id', 'day', 'field_id', 'counter_id', 'clerk_id'),
      ...integer('priority'),
      ...bigint('waiting_since', 'called_at', 'started_at', 'ended_at'),
      ...text('outcome'),
      ...integer('recalls', 'rating'),
      ...text('origin', 'dossier_outcome', 'dossier_codes'),
    ],
  },
  {
    table: 'report_days',
    count: 'reportDays',
    columns: [
      ...text('day', 'keys'),
      ['tickets', 'bytea'],
      ['visits', 'bytea'],
      ...bigint('built_at'),
      ['estimates', 'bytea'],
    ],
    batchRows: 50,
  },
  {
    table: 'devices',
    count: 'devices',
    columns: [
      ...text('id', 'kind', 'name', 'counter_id'),
      ['speaks', 'boolean'],
      ...text('token_hash'),
      ...bigint('created_at', 'revoked_at', 'last_seen_at'),
    ],
    convert: { speaks: (value) => value === 1 },
  },
  {
    table: 'audit_log',
    count: 'audit',
    columns: [
      ...bigint('at'),
      ...text('actor', 'action', 'target', 'detail'),
      ...text('prev_hash', 'hash'),
    ],
  },
  {
    // The lobby board's files (up to 50 MB each, written as hex): one a chunk.
    table: 'media',
    count: 'media',
    columns: [
      ...text('id', 'name', 'kind', 'type'),
      ...bigint('bytes', 'uploaded_at'),
      ...text('uploaded_by'),
      ['data', 'bytea'],
    ],
    batchRows: 1,
  },
];

/** PostgreSQL's unique-violation code. */
const UNIQUE_VIOLATION = '23505';

/**
 * Moves one site's whole history and configuration from a centre's SQLite file into the
 * province's PostgreSQL, as site `as`: its configuration, events (same sequence numbers),
 * tickets (same ids, numbers and phone-link hashes), visits, packed report days, devices (same
 * token hashes), audit trail, its people with their password hashes and open sessions
 * (their sites now the new id), and its REST API keys (the file's keys of every site become
 * the new site's). The file is held alone meanwhile (a running hub has it open:
 * refused; a hub that starts meanwhile cannot open it), and PostgreSQL gets it all in ONE
 * transaction: all of it, or nothing. Throws `MigrationRefused`, having written nothing, when
 * the site id is taken, a username belongs to someone else there, the file has no such site,
 * or the hub is running.
 */
export async function migrateToPostgres(options: MigrationOptions): Promise<MigrationCounts> {
  const started = performance.now();
  const siteId = options.siteId ?? DEFAULT_SITE_ID;
  const as = options.as ?? siteId;
  const say = options.progress ?? (() => undefined);
  for (const id of [siteId, as])
    if (!SITE_ID_PATTERN.test(id))
      throw new MigrationRefused(
        `"${id}" is not a site id (1–40 lowercase letters, digits and dashes, e.g. xa-tan-phu)`,
      );

  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(options.sqlitePath, { exclusive: true });
  } catch (err) {
    if (err instanceof DatabaseInUseError)
      throw new MigrationRefused(
        `${options.sqlitePath} is in use: stop the hub (systemctl stop luot-hub) and run luot migrate again`,
      );
    throw err;
  }
  try {
    const source = createSiteExport(db, siteId);
    const site = source.site();
    if (!site) throw new MigrationRefused(`${options.sqlitePath} has no site ${siteId}`);

    const client = new pg.Client({ connectionString: options.postgresUrl });
    // A connection lost mid-way fails the statement in flight (and so the migration), never
    // the process through an unheard 'error' event.
    client.on('error', () => undefined);
    await client.connect();
    try {
      // The province's tables, as a hub node would make them (several may start at once).
      const pool = new pg.Pool({ connectionString: options.postgresUrl, max: 1 });
      try {
        await migrate(pool);
      } finally {
        await pool.end();
      }
      await client.query('BEGIN');
      try {
        const counts = await copySite(client, source, site, as, options, say);
        await client.query('COMMIT');
        counts.ms = Math.round(performance.now() - started);
        // Fresh statistics for the planner: a year of rows just arrived (best effort).
        await client.query('ANALYZE events, tickets, services, report_days').catch(() => undefined);
        return counts;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw refusalOf(err, as) ?? err;
      }
    } finally {
      await client.end();
    }
  } finally {
    db.close();
  }
}

/** A unique violation the checks could not foresee, as the refusal it amounts to. */
function refusalOf(err: unknown, as: string): MigrationRefused | null {
  const e = err as { code?: string; constraint?: string };
  if (e.code !== UNIQUE_VIOLATION) return null;
  if (e.constraint === 'sites_pkey')
    return new MigrationRefused(`site ${as} already exists in PostgreSQL (migrated just now?)`);
  return new MigrationRefused(
    `rows of this centre are already in PostgreSQL (${e.constraint ?? 'a unique key'}): ` +
      'was its history migrated before, under another id?',
  );
}

/** The copy itself, inside the caller's transaction; throws `MigrationRefused` before writing. */
async function copySite(
  client: pg.Client,
  source: SiteExport,
  site: { json: string; createdAt: number; updatedAt: number },
  as: string,
  options: MigrationOptions,
  say: (line: string) => void,
): Promise<MigrationCounts> {
  const lastSeq = source.lastSeq();
  // The site's row first: it takes the id, and a second migration of the same id at the same
  // moment waits on it, then finds it taken.
  const inserted = await client.query(
    `INSERT INTO sites (id, json, head_seq, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING`,
    [as, site.json, lastSeq, site.createdAt, site.updatedAt],
  );
  if (inserted.rowCount !== 1)
    throw new MigrationRefused(
      `site ${as} already exists in PostgreSQL; give the centre another id with --as`,
    );

  const users = source.users();
  const known = await client.query<{
    username: string;
    name: string;
    role: string;
    password_hash: string;
    sites: string[] | null;
  }>('SELECT username, name, role, password_hash, sites FROM users WHERE username = ANY($1)', [
    users.map((u) => u.username),
  ]);
  const there = new Map(known.rows.map((row) => [row.username, row]));
  // The same person (an earlier site of this file migrated already) gains the site; anyone
  // else with the name is a different person.
  const clashes = users.filter((u) => {
    const other = there.get(u.username);
    return (
      other &&
      (other.password_hash !== u.passwordHash || other.role !== u.role || other.name !== u.name)
    );
  });
  if (clashes.length > 0)
    throw new MigrationRefused(
      `these usernames belong to other people in PostgreSQL: ${clashes.map((u) => u.username).join(', ')}; ` +
        'rename them at the centre (or in the province) first',
    );
  const devices = await client.query<{ site_id: string }>(
    `SELECT DISTINCT site_id FROM devices WHERE token_hash = ANY($1)`,
    [[...source.rows('devices', ['token_hash'])].map((row) => row[0])],
  );
  if (devices.rowCount! > 0)
    throw new MigrationRefused(
      `this centre's devices are already paired in PostgreSQL at ${devices.rows.map((r) => r.site_id).join(', ')}: ` +
        'its history was migrated before',
    );

  const counts: MigrationCounts = {
    events: 0,
    tickets: 0,
    visits: 0,
    reportDays: 0,
    devices: 0,
    audit: 0,
    users: 0,
    sessions: 0,
    media: 0,
    apiKeys: 0,
    digests: 0,
    lastSeq,
    ms: 0,
  };
  for (const spec of TABLES) {
    const tableStarted = performance.now();
    counts[spec.count] = await copyTable(
      client,
      spec,
      source.rows(
        spec.table,
        spec.columns.map(([name]) => name),
      ),
      as,
      spec.batchRows ?? options.batchRows ?? 2000,
    );
    say(
      `${spec.table}: ${counts[spec.count]} rows in ${Math.round(performance.now() - tableStarted)} ms`,
    );
  }

  const fresh = users.filter((u) => !there.has(u.username));
  if (fresh.length > 0)
    await client.query(
      `INSERT INTO users (username, name, role, password_hash, disabled, sites, created_at)
       SELECT u, n, r, h, d, ARRAY[$6::text], c
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $7::bigint[])
         AS p (u, n, r, h, d, c)`,
      [
        fresh.map((u) => u.username),
        fresh.map((u) => u.name),
        fresh.map((u) => u.role),
        fresh.map((u) => u.passwordHash),
        fresh.map((u) => u.disabled),
        as,
        fresh.map((u) => u.createdAt),
      ],
    );
  const joining = users.filter((u) => there.has(u.username)).map((u) => u.username);
  if (joining.length > 0)
    await client.query(
      `UPDATE users SET sites = array_append(sites, $2)
       WHERE username = ANY($1) AND sites IS NOT NULL AND NOT $2 = ANY (sites)`,
      [joining, as],
    );
  counts.users = users.length;

  const people = new Set(users.map((u) => u.username));
  const sessions = source.openSessions(options.now).filter((s) => people.has(s.username));
  if (sessions.length > 0)
    await client.query(
      `INSERT INTO sessions (token_hash, id, username, site_id, counter_id, created_at,
         expires_at, last_seen_at, address, user_agent)
       SELECT t, i, u, $4, k, c, e, l, a, g
       FROM unnest($1::text[], $2::text[], $3::text[], $5::text[], $6::bigint[], $7::bigint[],
         $8::bigint[], $9::text[], $10::text[]) AS s (t, i, u, k, c, e, l, a, g)`,
      [
        sessions.map((s) => s.tokenHash),
        sessions.map((s) => s.id),
        sessions.map((s) => s.username),
        as,
        sessions.map((s) => s.counterId),
        sessions.map((s) => s.createdAt),
        sessions.map((s) => s.expiresAt),
        sessions.map((s) => s.lastSeenAt),
        sessions.map((s) => s.address),
        sessions.map((s) => s.userAgent),
      ],
    );
  counts.sessions = sessions.length;
  say(`people: ${counts.users}, open sessions: ${counts.sessions}`);
  counts.apiKeys = await copyApiKeys(client, source, as);
  say(`API keys: ${counts.apiKeys}`);
  counts.digests = await carryChain(client, source, options.siteId ?? DEFAULT_SITE_ID, as);
  say(`sealed days: ${counts.digests}`);
  // Hub nodes already running hear of the new site once this commits, and serve it.
  await client.query('SELECT pg_notify($1, $2)', [COMMIT_CHANNEL, `${as}:${lastSeq}`]);
  return counts;
}

/** A value in COPY's text format (tab-separated, \N for null, backslash escapes). */
function copyText(value: unknown, type: string): string {
  if (value === null || value === undefined) return '\\N';
  if (type === 'bytea') return `\\\\x${(value as Buffer).toString('hex')}`;
  if (type === 'boolean') return value ? 't' : 'f';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Copies rows into a site-owned table with COPY FROM STDIN, a batch of rows per chunk sent:
 * the stream's backpressure paces reading SQLite to what PostgreSQL takes in.
 */
async function copyTable(
  client: pg.Client,
  spec: TableCopy,
  rows: Iterable<unknown[]>,
  site: string,
  batchRows: number,
): Promise<number> {
  const names = spec.columns.map(([name]) => name);
  const types = spec.columns.map(([, type]) => type);
  const converts = names.map((name) => spec.convert?.[name]);
  const prefix = `${copyText(site, 'text')}\t`;
  let total = 0;
  function* chunks(): Generator<string> {
    let lines: string[] = [];
    for (const row of rows) {
      let line = prefix;
      for (let i = 0; i < row.length; i++) {
        const convert = converts[i];
        line += (i > 0 ? '\t' : '') + copyText(convert ? convert(row[i]) : row[i], types[i]!);
      }
      lines.push(line);
      total++;
      if (lines.length === batchRows) {
        yield lines.join('\n') + '\n';
        lines = [];
      }
    }
    if (lines.length > 0) yield lines.join('\n') + '\n';
  }
  await pipeline(
    Readable.from(chunks()),
    client.query(copyFrom(`COPY ${spec.table} (site_id, ${names.join(', ')}) FROM STDIN`)),
  );
  return total;
}
