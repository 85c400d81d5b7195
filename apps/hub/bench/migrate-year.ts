// How long `luot migrate` takes for a year of one centre: 1.5 M tickets and their visits
// (bench-history.ts), five events per ticket (payloads of a realistic size), every day packed.
//   pnpm exec tsx apps/hub/bench/migrate-year.ts [--tickets 1500000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPostgres } from '../testing/postgres.ts';
import { testConfig } from '../testing/test-hub.ts';
import { migrateToPostgres } from '../src/migrate-to-postgres.ts';
import { databasePath, initSite, openProvince } from '../src/setup.ts';
import { DEFAULT_SITE_ID } from '../src/store.ts';
import { generateHistory } from './bench-history.ts';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '1500000' } } });
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

const dir = mkdtempSync(join(tmpdir(), 'luot-migrate-year-'));
const server = await startPostgres();
try {
  const sqlite = openProvince(dir);
  await initSite(sqlite, DEFAULT_SITE_ID, testConfig(40), 0);
  const summary = generateHistory(sqlite.db, {
    fields,
    counters,
    clerks: Array.from({ length: 44 }, (_, i) => `cb${i + 1}`),
    from: '2025-01-01',
    to: '2025-12-31',
    tickets: Number(values.tickets),
    utcOffsetHours: 7,
    seed: 2025,
  });
  // The log: issued, called, started, finished, rated for each ticket, numbered from 1.
  sqlite.db.exec(`
    UPDATE tickets SET token_hash = lower(hex(randomblob(32)));
    WITH k(k, type) AS (VALUES (0, 'ticket.issued'), (1, 'ticket.called'), (2, 'service.started'),
                               (3, 'ticket.finished'), (4, 'ticket.rated'))
    INSERT INTO events (site_id, seq, day, at, type, ticket_id, field_id, counter_id, clerk_id,
                        actor, payload)
    SELECT t.site_id, (t.rowid - 1) * 5 + k.k + 1, t.day, t.issued_at + k.k * 60000, k.type, t.id,
      t.field_id, t.counter_id, t.clerk_id, 'device:kiosk-1',
      json_object('type', k.type, 'at', t.issued_at + k.k * 60000, 'day', t.day, 'ticketId', t.id,
        'fieldId', t.field_id, 'counterId', t.counter_id, 'clerkId', t.clerk_id,
        'ticket', CASE k.k WHEN 0 THEN json_object('id', t.id, 'day', t.day, 'fieldId', t.field_id,
          'originalFieldId', t.original_field_id, 'number', t.number, 'label', t.label,
          'priorityClassId', t.priority_class_id, 'status', 'waiting', 'issuedAt', t.issued_at,
          'issueSeq', t.number, 'waitingSince', t.issued_at) END)
    FROM tickets t CROSS JOIN k ORDER BY 2;
  `);
  const packed = sqlite.site(DEFAULT_SITE_ID).reportDays.packDaysBefore('2099-01-01', 0);
  const events = sqlite.db.prepare('SELECT count(*) FROM events').pluck().get();
  sqlite.close();
  console.log(`generated: ${JSON.stringify(summary)}, ${events} events, ${packed} days packed`);

  const counts = await migrateToPostgres({
    sqlitePath: databasePath(dir),
    postgresUrl: server.url,
    as: 'xa-tan-phu',
    now: 0,
    progress: (line) => console.log(`  ${line}`),
  });
  console.log(`migrated: ${JSON.stringify(counts)}`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
