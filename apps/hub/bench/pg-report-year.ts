// A year of one site's history in PostgreSQL: how long its reports take there, unpacked and
// packed, beside SQLite's on the same rows (and whether they are identical).
//   pnpm exec tsx apps/hub/bench/pg-report-year.ts [--tickets 1500000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import type { ReportQuery } from '@luot/protocol';
import { startPostgres } from '../testing/postgres.ts';
import { testConfig } from '../testing/test-hub.ts';
import { DEFAULT_SITE_ID } from '../src/store.ts';
import { createProvinceStore, openDatabase } from '../src/db/index.ts';
import { openPgProvince } from '../src/pg/province-store.ts';
import { buildReport } from '../src/reports/build-report.ts';
import { generateHistory } from './bench-history.ts';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '1500000' } } });
const FROM = '2025-01-01';
const TO = '2025-12-31';
const fields = Array.from({ length: 10 }, (_, i) => ({
  id: i < 2 ? ['ho-tich', 'dat-dai'][i]! : `linh-vuc-${i}`,
  prefix: String.fromCharCode(65 + i),
  start: 1,
  digits: 4,
  weight: 10 - i,
  serviceMinutes: 5 + i,
}));
const counters = Array.from({ length: 40 }, (_, i) => ({
  id: `c${i + 1}`,
  fieldIds: [fields[i % 10]!.id, fields[(i + 3) % 10]!.id],
}));
const config = testConfig(40);

const dir = mkdtempSync(join(tmpdir(), 'luot-pg-year-'));
const server = await startPostgres();
const log = pino({ level: 'warn' });
const t = () => performance.now();
try {
  const db = openDatabase(join(dir, 'luot.db'));
  const summary = generateHistory(db, {
    fields,
    counters,
    clerks: Array.from({ length: 44 }, (_, i) => `cb${i + 1}`),
    from: FROM,
    to: TO,
    tickets: Number(values.tickets),
    utcOffsetHours: 7,
    seed: 2025,
  });
  console.log(`generated: ${JSON.stringify(summary)}`);
  const province = await openPgProvince({ url: server.url, log });
  await province.createSite('tinh', config, 0);

  // Rows copied straight into the tables (as generateHistory writes SQLite's), in chunks.
  const copyStarted = t();
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const tickets = db.prepare('SELECT * FROM tickets ORDER BY day, id').raw().iterate();
  const ticketColumns = (
    db.prepare('SELECT * FROM tickets LIMIT 1').columns() as { name: string }[]
  ).map((c) => c.name);
  const copy = async (
    table: string,
    columns: string[],
    types: string[],
    rows: Iterable<unknown[]>,
  ) => {
    let chunk: unknown[][] = columns.map(() => []);
    let n = 0;
    const flush = async () => {
      await client.query(
        `INSERT INTO ${table} (site_id, ${columns.join(', ')})
         SELECT 'tinh', * FROM unnest(${types.map((ty, i) => `$${i + 1}::${ty}[]`).join(', ')})`,
        chunk,
      );
      chunk = columns.map(() => []);
      n = 0;
    };
    for (const row of rows) {
      row.forEach((v, i) => chunk[i]!.push(v));
      if (++n === 5000) await flush();
    }
    if (n > 0) await flush();
  };
  const pgType: Record<string, string> = {
    number: 'integer',
    rating: 'integer',
    priority: 'integer',
    recalls: 'integer',
  };
  const typeOf = (c: string) => pgType[c] ?? (/(_at|_since)$/.test(c) ? 'bigint' : 'text');
  await copy('tickets', ticketColumns, ticketColumns.map(typeOf), tickets as Iterable<unknown[]>);
  const serviceColumns = (
    db.prepare('SELECT * FROM services LIMIT 1').columns() as { name: string }[]
  )
    .map((c) => c.name)
    .filter((c) => c !== 'id');
  await copy(
    'services',
    serviceColumns,
    serviceColumns.map(typeOf),
    db
      .prepare(`SELECT ${serviceColumns.join(', ')} FROM services ORDER BY id`)
      .raw()
      .iterate() as Iterable<unknown[]>,
  );
  await client.query('ANALYZE');
  await client.end();
  console.log(`copied to PostgreSQL in ${Math.round(t() - copyStarted)} ms`);

  const groupings: ReportQuery['groupBy'][] = ['field', 'counter', 'clerk', 'hour', 'day'];
  const sqlite = createProvinceStore(db).site(DEFAULT_SITE_ID);
  const timeAll = async (label: string) => {
    const row: Record<string, number> = {};
    let same = true;
    for (const groupBy of groupings) {
      const query = { from: FROM, to: TO, groupBy };
      const started = t();
      const fromPg = await province.reports.run('tinh', query, config, 0);
      row[groupBy] = Math.round(t() - started);
      const fromSqlite = buildReport(sqlite.reports, query, config, 0);
      same &&= isDeepStrictEqual({ ...fromPg, elapsedMs: 0 }, { ...fromSqlite, elapsedMs: 0 });
    }
    console.log(`${label}: ms per grouping ${JSON.stringify(row)}; same as SQLite: ${same}`);
  };
  await timeAll('PostgreSQL, no day packed');
  const packStarted = t();
  let days = 0;
  const site = province.site('tinh');
  for (let day = await site.packNextDayBefore('2099-01-01', 0, ''); day; days++)
    day = await site.packNextDayBefore('2099-01-01', 0, day);
  console.log(`packed ${days} days in ${Math.round(t() - packStarted)} ms`);
  sqlite.reportDays.packDaysBefore('2099-01-01', 0);
  await timeAll('PostgreSQL, every day packed');
  const sqliteRow: Record<string, number> = {};
  for (const groupBy of groupings) {
    const started = t();
    buildReport(sqlite.reports, { from: FROM, to: TO, groupBy }, config, 0);
    sqliteRow[groupBy] = Math.round(t() - started);
  }
  console.log(`SQLite, every day packed: ms per grouping ${JSON.stringify(sqliteRow)}`);
  await province.close();
  db.close();
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
