// The staffing plan from PostgreSQL is the plan from SQLite for the same history: a generated
// history stored in both (in PostgreSQL through the store port's commands), planned unpacked,
// partly packed and packed, with and without a what-if.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffingQuerySchema, type StaffingPlan } from '@luot/protocol';
import { generateHistory } from '../../bench/bench-history.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.ts';
import { testConfig } from '../../testing/test-hub.ts';
import { historyCommands } from '../../testing/history-commands.ts';
import { DEFAULT_SITE_ID } from '../store.ts';
import { createProvinceStore, createStaffingSource, openDatabase, type Db } from '../db/index.ts';
import { planStaffing } from '../reports/staffing-plan.ts';
import { openPgProvince, type PgProvinceStore } from './province-store.ts';

if (!hasPostgres)
  console.warn('pg staffing: skipped, PostgreSQL is not installed (apt-get install postgresql)');

const config = testConfig(3);
const FROM = '2026-10-01';
const TO = '2026-10-23';
const QUERIES = [
  staffingQuerySchema.parse({ from: FROM, to: TO }),
  staffingQuerySchema.parse({
    from: FROM,
    to: TO,
    targetShare: '0.9',
    withinMinutes: '10',
    arrivalsFactor: '1.3',
    serviceFactor: '0.8',
    counterDelta: '-1',
  }),
];

describe.skipIf(!hasPostgres)('the staffing plan from PostgreSQL', () => {
  let server: TestPostgres;
  let dir: string;
  let db: Db;
  let province: PgProvinceStore;

  beforeAll(async () => {
    server = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'luot-pg-staffing-'));
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
      ],
      clerks: ['cb1', 'cb2', 'cb3'],
      from: FROM,
      to: TO,
      tickets: 2000,
      utcOffsetHours: 7,
      seed: 23,
    });
    province = await openPgProvince({ url: server.url, log: pino({ level: 'silent' }) });
    await province.createSite('xa-a', config, 0);
    await province.createSite('xa-b', config, 0);
    const commands = historyCommands(db);
    for (let i = 0; i < commands.length; i += 250)
      await province.site('xa-a').append(commands.slice(i, i + 250));
    // Another site's history must not count in this one's plan.
    await province.site('xa-b').append(commands.slice(0, 300));
  }, 120_000);

  afterAll(async () => {
    await province?.close();
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  });

  const sqlitePlans = (): StaffingPlan[] => {
    const source = createStaffingSource(db, DEFAULT_SITE_ID);
    return QUERIES.map((q) => ({
      ...planStaffing('xa-a', source.read(q.from, q.to), q, config),
      elapsedMs: 0,
    }));
  };
  const pgPlans = async (): Promise<StaffingPlan[]> => {
    const out: StaffingPlan[] = [];
    for (const q of QUERIES)
      out.push({ ...(await province.reports.staffing('xa-a', q, config, 0)), elapsedMs: 0 });
    return out;
  };

  it('is the SQLite plan, unpacked, partly packed and packed', async () => {
    const expected = sqlitePlans();
    expect(expected[0]!.fields.map((f) => f.name)).toEqual(['Tư pháp – Hộ tịch', 'Đất đai', 'cu']);
    expect(expected[0]!.weekdays).toEqual([3, 3, 3, 4, 4, 0, 0]);
    expect(expected[1]).not.toEqual(expected[0]);
    expect(await pgPlans()).toEqual(expected);

    // Packed in SQLite too: the same plan as from the rows.
    createProvinceStore(db).site(DEFAULT_SITE_ID).reportDays.packDaysBefore('2026-10-14', 0);
    expect(sqlitePlans()).toEqual(expected);

    const site = province.site('xa-a');
    const packed: string[] = [];
    for (let day = await site.packNextDayBefore('2026-10-14', 0, ''); day;)
      day = await site.packNextDayBefore('2026-10-14', 0, packed[packed.push(day) - 1]!);
    expect(packed.length).toBeGreaterThan(5);
    expect(await pgPlans()).toEqual(expected);
    while ((await site.packNextDayBefore('2026-12-31', 0, packed.at(-1)!)) !== null)
      packed.push('x');
    expect(await pgPlans()).toEqual(expected);
  });
});
