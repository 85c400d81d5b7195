// The PostgreSQL report engine gives the SQLite engine's report for the same data: a generated
// history stored in both (in PostgreSQL through the store port's commands), every grouping,
// with the period unpacked, partly packed and fully packed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportQuery } from '@luot/protocol';
import { generateHistory } from '../../bench/bench-history.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.ts';
import { testConfig } from '../../testing/test-hub.ts';
import { DEFAULT_SITE_ID } from '../store.ts';
import { createProvinceStore, openDatabase, type Db } from '../db/index.ts';
import { buildReport } from '../reports/build-report.ts';
import { openPgProvince, type PgProvinceStore } from './province-store.ts';
import { historyCommands, PROMISES_SQL, type TicketRow } from '../../testing/history-commands.ts';

if (!hasPostgres)
  console.warn('pg reports: skipped, PostgreSQL is not installed (apt-get install postgresql)');

const config = testConfig(4);
const FROM = '2026-10-01';
const TO = '2026-10-23';
const GROUPINGS: ReportQuery['groupBy'][] = ['field', 'counter', 'clerk', 'hour', 'day'];
/** The reports' clock: after every booked slot of the period but one. */
const NOW = Date.parse('2026-11-01T00:00:00Z');

describe.skipIf(!hasPostgres)('reports from PostgreSQL', () => {
  let server: TestPostgres;
  let dir: string;
  let db: Db;
  let province: PgProvinceStore;

  beforeAll(async () => {
    server = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'luot-pg-reports-'));
    db = openDatabase(join(dir, 'luot.db'));
    generateHistory(db, {
      fields: [
        { id: 'ho-tich', prefix: '1', start: 1, digits: 3, weight: 2, serviceMinutes: 6 },
        { id: 'dat-dai', prefix: 'A', start: 1, digits: 3, weight: 1, serviceMinutes: 12 },
        // A field since removed from the configuration still has its history.
        { id: 'cu', prefix: 'C', start: 1, digits: 3, weight: 1, serviceMinutes: 8 },
      ],
      counters: [
        { id: 'c1', fieldIds: ['ho-tich', 'dat-dai'] },
        { id: 'c2', fieldIds: ['ho-tich'] },
        { id: 'c3', fieldIds: ['dat-dai', 'cu'] },
        { id: 'c9', fieldIds: ['cu'] },
      ],
      clerks: ['cb1', 'cb2', 'cb3', 'nghi-viec', 'cb4'],
      from: FROM,
      to: TO,
      tickets: 2500,
      utcOffsetHours: 7,
      seed: 11,
    });
    // Some tickets came from phones and booked slots (issue 14); their visits carry it.
    db.exec(`UPDATE tickets SET origin = CASE number % 5 WHEN 1 THEN 'remote' WHEN 3 THEN 'booking' END;
      UPDATE services SET origin = (SELECT origin FROM tickets t
        WHERE t.site_id = services.site_id AND t.id = services.ticket_id)`);
    // Promised waits (issue 17): whole and half minutes, some tickets promised nothing.
    db.exec(PROMISES_SQL);
    province = await openPgProvince({ url: server.url, log: pino({ level: 'silent' }) });
    await province.createSite('xa-a', config, 0);
    await province.createSite('xa-b', config, 0);
    // Clerks with names (reports label clerks by them); 'cb3' and 'cb4' have none.
    for (const name of ['cb1', 'cb2', 'nghi-viec']) {
      db.prepare(
        `INSERT INTO users (username, name, role, password_hash, created_at)
         VALUES (?, ?, 'clerk', 'x', 0)`,
      ).run(name, `Cán bộ ${name}`);
      await province.createUser(
        { username: name, name: `Cán bộ ${name}`, role: 'clerk', passwordHash: 'x', sites: null },
        0,
      );
    }
    const commands = historyCommands(db);
    for (let i = 0; i < commands.length; i += 250)
      await province.site('xa-a').append(commands.slice(i, i + 250));
    // Another site's history must not count in this one's reports.
    await province.site('xa-b').append(commands.slice(0, 300));
    // Booked slots in both stores, for the share of bookings that came: per day and field,
    // some checked in, some not, one cancelled (left out), one after `NOW` (not yet due).
    const sqlite = createProvinceStore(db);
    const statuses = ['checked_in', 'booked', 'released', 'cancelled', 'checked_in'] as const;
    for (let i = 0; i < 40; i++) {
      const day = `2026-10-${String(1 + (i % 23)).padStart(2, '0')}`;
      const b = {
        id: `bk${i}`,
        siteId: 'xa-a',
        fieldId: i % 3 === 0 ? 'dat-dai' : 'ho-tich',
        day,
        start: '09:00',
        slotAt: i === 39 ? NOW + 1 : Date.parse(`${day}T02:00:00Z`),
        code: `C${String(i).padStart(5, '0')}`,
        tokenHash: `t${i}`,
        ticketTokenHash: null,
        phoneHash: `p${i}`,
        kind: 'slot' as const,
        createdAt: 0,
      };
      const limits = { capacity: 99, openBookings: 99 };
      expect(await province.book(b, limits)).toEqual({ ok: true });
      expect(sqlite.book({ ...b, siteId: DEFAULT_SITE_ID }, limits)).toEqual({ ok: true });
      const to = statuses[i % statuses.length]!;
      if (to !== 'booked') {
        await province.moveBooking(b.id, 'booked', to, 1);
        sqlite.moveBooking(b.id, 'booked', to, 1);
      }
    }
  });
  afterAll(async () => {
    await province?.close();
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  });

  const sqliteReports = (from = FROM, to = TO): Report[] =>
    GROUPINGS.map((groupBy) => ({
      ...buildReport(
        createProvinceStore(db).site(DEFAULT_SITE_ID).reports,
        { from, to, groupBy },
        config,
        NOW,
      ),
      elapsedMs: 0,
    }));
  const pgReports = async (from = FROM, to = TO): Promise<Report[]> => {
    const out: Report[] = [];
    for (const groupBy of GROUPINGS)
      out.push({
        ...(await province.reports.run('xa-a', { from, to, groupBy }, config, NOW)),
        elapsedMs: 0,
      });
    return out;
  };

  it('are the SQLite reports, for every grouping, unpacked, partly packed and packed', async () => {
    const expected = sqliteReports();
    expect(expected[0]!.total.issued).toBeGreaterThan(2000);
    expect(expected[0]!.total.served).toBeGreaterThan(1500);
    // 40 slots: 8 cancelled, 1 (checked in) not yet due; of the 31 due, 15 checked in.
    expect(expected[0]!.total.bookings).toEqual({ due: 31, came: 15, share: 15 / 31 });
    const { byOrigin } = expected[0]!.total;
    expect(byOrigin.booking.issued).toBeGreaterThan(300);
    expect(byOrigin.remote.waiting.count).toBeGreaterThan(300);
    expect(byOrigin['walk-in'].issued! + byOrigin.remote.issued! + byOrigin.booking.issued!).toBe(
      expected[0]!.total.issued,
    );
    // The accuracy of promised waits is measured (and compared with SQLite's, below).
    expect(expected[0]!.estimateAccuracy.total.tickets).toBeGreaterThan(1500);
    expect(expected[0]!.estimateAccuracy.byFieldHour.length).toBeGreaterThan(10);
    expect(await pgReports()).toEqual(expected);

    const site = province.site('xa-a');
    const packed: string[] = [];
    for (let day = await site.packNextDayBefore('2026-10-14', 0, ''); day;)
      day = await site.packNextDayBefore('2026-10-14', 0, packed[packed.push(day) - 1]!);
    expect(packed.length).toBeGreaterThan(5);
    expect(await pgReports()).toEqual(expected);
    expect(await pgReports('2026-10-06', '2026-10-20')).toEqual(
      sqliteReports('2026-10-06', '2026-10-20'),
    );

    while ((await site.packNextDayBefore('2026-12-31', 0, packed.at(-1)!)) !== null)
      packed.push('x');
    expect(await pgReports()).toEqual(expected);
  });

  it('packs a day again after it changed', async () => {
    const site = province.site('xa-a');
    const before = await pgReports('2026-10-01', '2026-10-01');
    // A late rating of a ticket served that day: its packed day is dropped and rebuilt.
    const { id } = db
      .prepare(
        `SELECT t.id FROM tickets t JOIN services s ON s.ticket_id = t.id
         WHERE t.day = '2026-10-01' AND s.outcome = 'done' AND s.rating IS NULL LIMIT 1`,
      )
      .get() as { id: string };
    expect(id).toBeDefined();
    const rated = db.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow;
    await site.append([
      {
        events: [],
        ctx: { actor: 'device:rating-1' },
        rows: [
          { kind: 'visit.rate', ticketId: id, score: 1 },
          {
            kind: 'ticket.update',
            ticket: {
              id: id,
              day: rated.day,
              status: rated.status,
              fieldId: rated.field_id,
              counterId: rated.counter_id,
              clerkId: rated.clerk_id,
              finishedAt: rated.finished_at,
              calledAt: rated.first_called_at,
              rating: 1,
            },
          },
        ],
      },
    ]);
    const after = await pgReports('2026-10-01', '2026-10-01');
    expect(after[0]!.total.ratings.count).toBe(before[0]!.total.ratings.count + 1);
    expect(after[0]!.total.ratings.byScore['1']).toBe(
      (before[0]!.total.ratings.byScore['1'] ?? 0) + 1,
    );
  });
});
