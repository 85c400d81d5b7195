import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportQuery } from '@luot/protocol';
import { generateHistory } from '../../bench/bench-history.ts';
import { createProvinceStore, openDatabase, type Db, type SqliteSite } from '../db/index.ts';
import { DEFAULT_SITE_ID } from '../store.ts';
import { MONDAY_9AM, startTestHub, testConfig } from '../../testing/test-hub.ts';
import { createDayPacker } from '../day-packer.ts';
import { buildReport } from './build-report.ts';
import { PROMISES_SQL } from '../../testing/history-commands.ts';
import pino from 'pino';
import { sqlitePorts } from '../setup.ts';

// Packed days (report_days) must give exactly the report the raw tables give, for every
// grouping, whether a period is all packed, partly packed or not packed at all.

const config = testConfig(4);
const FROM = '2026-10-01';
const TO = '2026-10-23';
let dir: string;
let db: Db;
let store: SqliteSite;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-report-days-'));
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
    tickets: 4000,
    utcOffsetHours: 7,
    seed: 11,
  });
  // Promised waits (issue 17): whole and half minutes, some tickets promised nothing.
  db.exec(PROMISES_SQL);
  store = createProvinceStore(db).site(DEFAULT_SITE_ID);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const GROUPINGS: ReportQuery['groupBy'][] = ['field', 'counter', 'clerk', 'hour', 'day'];

/** Every grouping's report of the period, without the time each took. */
function reports(from = FROM, to = TO): Report[] {
  return GROUPINGS.map((groupBy) => ({
    ...buildReport(store.reports, { from, to, groupBy }, config, 0),
    elapsedMs: 0,
  }));
}

const packedDays = (siteId = DEFAULT_SITE_ID) =>
  (
    db
      .prepare('SELECT day FROM report_days WHERE site_id = ? ORDER BY day')
      .pluck()
      .all(siteId) as string[]
  ).length;

describe('packed days', () => {
  it('give the same report as the raw tables, packed in full, in part and not at all', () => {
    expect(packedDays()).toBe(0);
    const raw = reports();
    expect(raw[0]!.total.served).toBeGreaterThan(2000);
    expect(raw[0]!.estimateAccuracy.total.tickets).toBeGreaterThan(2000);
    expect(raw.find((r) => r.groupBy === 'counter')!.rows.map((r) => r.key)).toContain('c9');

    expect(store.reportDays.packDaysBefore('2026-10-20', 0)).toBe(13);
    expect(reports()).toEqual(raw);
    expect(store.reportDays.packDaysBefore('2026-12-31', 0)).toBe(4);
    expect(packedDays()).toBe(17);
    expect(reports()).toEqual(raw);
    // A period inside the packed days, and one that starts and ends on days without tickets.
    expect(reports('2026-10-05', '2026-10-14')).toEqual(
      (() => {
        db.exec('DELETE FROM report_days');
        const unpacked = reports('2026-10-05', '2026-10-14');
        store.reportDays.packDaysBefore('2026-12-31', 0);
        return unpacked;
      })(),
    );
  });
});

describe('packing in slices', () => {
  it('yields to the event loop between days, and reports stay the same meanwhile', async () => {
    db.exec('DELETE FROM report_days');
    const raw = reports();
    const part = reports('2026-10-01', '2026-10-09');
    const packer = createDayPacker({
      packNextDay: async (today, after) => store.packNextDayBefore(today, 0, after),
      log: pino({ level: 'silent' }),
      today: async () => '2026-12-31',
      sliceMs: 0,
    });
    packer.check();
    expect(packedDays()).toBe(0);
    // Other work runs while days are packed: each turn of the loop sees more days packed.
    const seen: number[] = [];
    while (!packer.done()) {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(packedDays());
      expect(reports('2026-10-01', '2026-10-09')).toEqual(part);
    }
    expect(seen.slice(0, 3)).toEqual([1, 2, 3]);
    expect(packedDays()).toBe(17);
    expect(reports()).toEqual(raw);
    packer.stop();
  });
});

describe('another site in the same file', () => {
  it("leaves this site's reports exactly as they were, and has its own", () => {
    const before = reports();
    const other = generateHistory(db, {
      siteId: 'xa-tan-phu',
      fields: [{ id: 'ho-tich', prefix: '1', start: 1, digits: 3, weight: 1, serviceMinutes: 5 }],
      counters: [{ id: 'c1', fieldIds: ['ho-tich'] }],
      clerks: ['cb1', 'xa-cb'],
      from: FROM,
      to: TO,
      tickets: 900,
      utcOffsetHours: 7,
      seed: 12,
    });
    expect(JSON.stringify(reports())).toBe(JSON.stringify(before));

    const site = createProvinceStore(db).site('xa-tan-phu');
    expect(site.reportDays.packDaysBefore('2026-12-31', 0)).toBe(17);
    expect(packedDays('xa-tan-phu')).toBe(17);
    expect(JSON.stringify(reports())).toBe(JSON.stringify(before));
    const theirs = buildReport(site.reports, { from: FROM, to: TO, groupBy: 'field' }, config, 0);
    expect(theirs.total.issued).toBe(other.tickets);
    expect(theirs.total.issued).not.toBe(before[0]!.total.issued);
  });

  it("computes each site's report on the worker thread, reading that site's rows only", async () => {
    // Anything the runner logs (a worker that could not start, or failed) is a failure here.
    const logged: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => logged.push(line) });
    const { reports: engine } = sqlitePorts(createProvinceStore(db), log);
    try {
      const query: ReportQuery = { from: FROM, to: TO, groupBy: 'clerk' };
      const ours = await engine.run(DEFAULT_SITE_ID, query, config, 0);
      const theirs = await engine.run('xa-tan-phu', query, config, 0);
      const here = (siteId: string) =>
        buildReport(createProvinceStore(db).site(siteId).reports, query, config, 0);
      expect({ ...ours, elapsedMs: 0 }).toEqual({ ...here(DEFAULT_SITE_ID), elapsedMs: 0 });
      expect({ ...theirs, elapsedMs: 0 }).toEqual({ ...here('xa-tan-phu'), elapsedMs: 0 });
      expect(theirs.rows.map((r) => r.key)).toContain('xa-cb');
      expect(ours.rows.map((r) => r.key)).not.toContain('xa-cb');
      expect(logged).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});

describe('the hub', () => {
  it('packs a day once it is over, and drops the packed form when that day changes', async () => {
    const t = await startTestHub({ counters: 2 });
    const reader = openDatabase(t.dbPath);
    const packed = () =>
      reader.prepare('SELECT day, keys FROM report_days').all() as { day: string; keys: string }[];
    const issue = async () => {
      const result = await t.hub.queue.execute(
        { type: 'issue', fieldId: 'ho-tich', priorityClassId: null },
        { actor: 'test' },
      );
      if (!result.ok) throw new Error(`issue refused: ${result.error.code}`);
    };
    try {
      await issue();
      // Packed while the day still runs (the hub never does this), a new ticket must unpack it.
      t.store.reportDays.build('2026-11-23', t.clock.now());
      expect(packed().map((r) => r.day)).toEqual(['2026-11-23']);
      await issue();
      expect(packed()).toEqual([]);

      t.clock.set(MONDAY_9AM + 24 * 3600_000);
      await expect
        .poll(() => packed().map((r) => r.day), { timeout: 10_000 })
        .toEqual(['2026-11-23']);
      const report = buildReport(
        t.store.reports,
        { from: '2026-11-23', to: '2026-11-23', groupBy: 'field' },
        t.hub.queue.live.config,
        0,
      );
      expect(report.total).toMatchObject({ issued: 2, expired: 2 });
    } finally {
      reader.close();
      await t.close();
    }
  });
});
