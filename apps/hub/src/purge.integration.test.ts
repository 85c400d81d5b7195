import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportQuery } from '@luot/protocol';
import { generateHistory } from '../bench/bench-history.ts';
import { request, startTestHub, testConfig, type TestHub } from '../testing/test-hub.ts';
import { hashSecret } from './auth.ts';
import { CLI_ACTOR, runCli } from './cli.ts';
import {
  createProvinceStore,
  openDatabase,
  tableDigest,
  type Db,
  type SqliteSite,
} from './db/index.ts';
import { buildReport } from './reports/build-report.ts';
import { HUB_ACTOR } from './retention.ts';
import { databasePath } from './setup.ts';
import { DEFAULT_SITE_ID } from './store.ts';

// Item 7 of issue 11: data past its retention is removed, and the reports of those days keep
// exactly their figures (as packed aggregates).

/** 09:00 on Monday 2026-11-23 in Asia/Ho_Chi_Minh: with the default 180 days, days before 2026-05-27 go. */
const MONDAY_9AM = Date.parse('2026-11-23T02:00:00Z');
const DAY = 86_400_000;
const config = testConfig(4);
const GROUPINGS: ReportQuery['groupBy'][] = ['field', 'counter', 'clerk', 'hour', 'day'];
const PERIODS: [string, string][] = [
  ['2026-04-01', '2026-04-30'], // a closed month, purged in full
  ['2026-05-01', '2026-05-31'], // purged up to the 26th
  ['2026-04-01', '2026-06-30'], // the whole history
  ['2026-04-06', '2026-04-06'], // one day, packed before the purge
];

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => MONDAY_9AM,
    env: {},
  });
  return { code, out, err };
}

describe('luot purge', () => {
  let dir: string;
  let db: Db;
  let store: SqliteSite;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'luot-purge-'));
    db = openDatabase(databasePath(dir));
    generateHistory(db, {
      fields: [
        { id: 'ho-tich', prefix: '1', start: 1, digits: 3, weight: 2, serviceMinutes: 6 },
        { id: 'dat-dai', prefix: 'A', start: 1, digits: 3, weight: 1, serviceMinutes: 12 },
      ],
      counters: [
        { id: 'c1', fieldIds: ['ho-tich', 'dat-dai'] },
        { id: 'c2', fieldIds: ['ho-tich'] },
        { id: 'c3', fieldIds: ['dat-dai'] },
      ],
      clerks: ['cb1', 'cb2', 'cb3', 'cb4'],
      from: '2026-04-01',
      to: '2026-06-30',
      tickets: 6000,
      utcOffsetHours: 7,
      seed: 13,
    });
    const province = createProvinceStore(db);
    province.createSite(DEFAULT_SITE_ID, config, 0);
    store = province.site(DEFAULT_SITE_ID);
    province.createUser(
      { username: 'cb1', name: 'Cán bộ 1', role: 'clerk', passwordHash: 'x', sites: null },
      0,
    );
    // The queue's log with free text typed by clerks, on an old day and on a kept one.
    const event = db.prepare(
      `INSERT INTO events (site_id, seq, day, at, type, actor, payload)
       VALUES ('trung-tam', ?, ?, ?, 'ticket.transferred', 'user:cb1', ?)`,
    );
    event.run(
      1,
      '2026-04-14',
      Date.parse('2026-04-14T03:00:00Z'),
      '{"reason":"CCCD 001203004005"}',
    );
    event.run(2, '2026-06-15', Date.parse('2026-06-15T03:00:00Z'), '{"reason":"gọi 0912345678"}');
    // Today, as a running hub has opened it: the newest stored day, which is never removed.
    db.prepare(
      `INSERT INTO events (site_id, seq, day, at, type, actor, payload)
       VALUES ('trung-tam', 3, ?, ?, 'day.opened', 'hub', '{}')`,
    ).run('2026-11-23', MONDAY_9AM - 2 * 3600_000);
    // Sessions: one ended in April, one expired in May (after the cut-off), one still open.
    const session = db.prepare(
      `INSERT INTO sessions (token_hash, id, username, site_id, created_at, expires_at, ended_at,
         last_seen_at)
       VALUES (@hash, @hash, 'cb1', 'trung-tam', @at, @expires, @ended, @at)`,
    );
    const april = Date.parse('2026-04-20T01:00:00Z');
    session.run({
      hash: 'ended-april',
      at: april,
      expires: april + 14 * 3600_000,
      ended: april + 3600_000,
    });
    const june = Date.parse('2026-06-20T01:00:00Z');
    session.run({ hash: 'expired-june', at: june, expires: june + 14 * 3600_000, ended: null });
    session.run({
      hash: 'open-now',
      at: MONDAY_9AM - 3600_000,
      expires: MONDAY_9AM + 13 * 3600_000,
      ended: null,
    });
    // Audit entries: one older than the trail's 730 days, one within it.
    store.appendAudit({
      at: MONDAY_9AM - 800 * DAY,
      actor: 'admin',
      action: 'user.create',
      target: 'cu',
      detail: {},
    });
    store.appendAudit({
      at: MONDAY_9AM - 400 * DAY,
      actor: 'admin',
      action: 'user.create',
      target: 'cb1',
      detail: {},
    });
    // Some closed days are packed already, the others are not.
    for (const day of ['2026-04-06', '2026-04-07', '2026-04-08']) store.reportDays.build(day, 0);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const reports = (): Report[] =>
    PERIODS.flatMap(([from, to]) =>
      GROUPINGS.map((groupBy) => ({
        ...buildReport(store.reports, { from, to, groupBy }, config, MONDAY_9AM),
        elapsedMs: 0,
      })),
    );
  const count = (sql: string, ...args: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...args) as number;

  it('refuses dates that are not dates, and both cut-offs at once, changing nothing', async () => {
    const before = tableDigest(db);
    for (const argv of [
      ['--before', '2026-02-30'],
      ['--before', '9999-99-99'],
      ['--older-than-days', '0'],
      ['--older-than-days', '-5'],
      ['--older-than-days', '1e3'],
      ['--before', '2026-05-01', '--older-than-days', '30'],
    ]) {
      const res = await cli(['purge', '--data', dir, ...argv]);
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.err.join('\n')).toMatch(/--before|--older-than-days/);
    }
    expect(tableDigest(db)).toBe(before);
  });

  it('--dry-run says what would go and removes nothing', async () => {
    const before = tableDigest(db);
    const res = await cli(['purge', '--data', dir, '--dry-run']);
    expect(res.code).toBe(0);
    const days = count(`SELECT COUNT(DISTINCT day) FROM tickets WHERE day < '2026-05-27'`);
    const tickets = count(`SELECT COUNT(*) FROM tickets WHERE day < '2026-05-27'`);
    const visits = count(`SELECT COUNT(*) FROM services WHERE day < '2026-05-27'`);
    expect(res.out).toEqual([
      `Would remove ${days} service days before 2026-05-27 (${tickets} tickets, ${visits} visits, 1 events), ` +
        `1 ended sessions and 1 audit entries older than 730 days. Reports of those days keep their figures.`,
    ]);
    expect(tableDigest(db)).toBe(before);
  });

  it('removes visits, tickets, free text, old sessions and audit, and every report keeps its figures', async () => {
    const raw = reports();
    expect(raw[0]!.total.served).toBeGreaterThan(1500);
    const oldTickets = count(`SELECT COUNT(*) FROM tickets WHERE day < '2026-05-27'`);
    expect(oldTickets).toBeGreaterThan(2000);
    const keptTickets = count(`SELECT COUNT(*) FROM tickets WHERE day >= '2026-05-27'`);

    const res = await cli(['purge', '--data', dir]);
    expect(res.code).toBe(0);
    expect(res.out[0]).toMatch(/^Removed \d+ service days before 2026-05-27 \(\d+ tickets/);

    // The very same figures, for every period and grouping: the purged days are packed.
    expect(reports()).toEqual(raw);
    // Nothing older than the retention is left in the raw tables; the rest is untouched.
    expect(count(`SELECT COUNT(*) FROM tickets WHERE day < '2026-05-27'`)).toBe(0);
    expect(count(`SELECT COUNT(*) FROM services WHERE day < '2026-05-27'`)).toBe(0);
    expect(count(`SELECT COUNT(*) FROM tickets WHERE day >= '2026-05-27'`)).toBe(keptTickets);
    expect(count(`SELECT COUNT(*) FROM events WHERE payload LIKE '%CCCD%'`)).toBe(0);
    expect(count(`SELECT COUNT(*) FROM events WHERE payload LIKE '%0912345678%'`)).toBe(1);
    expect(db.prepare(`SELECT token_hash FROM sessions ORDER BY token_hash`).pluck().all()).toEqual(
      ['expired-june', 'open-now'],
    );
    const audit = store.listAudit(10);
    expect(audit.map((e) => e.target)).toEqual([null, 'cb1']);
    expect(audit[0]).toMatchObject({
      actor: CLI_ACTOR,
      action: 'data.purge',
      detail: { before: '2026-05-27', removed: { tickets: oldTickets, sessions: 1, audit: 1 } },
    });

    // A second run finds nothing more; a later cut-off takes the rest, never today.
    const again = await cli(['purge', '--data', dir, '--dry-run']);
    expect(again.out[0]).toMatch(/^Would remove 0 service days/);
    const all = await cli(['purge', '--data', dir, '--before', '2027-01-01']);
    expect(all.out[0]).toMatch(/before 2026-11-23 /);
    expect(count(`SELECT COUNT(*) FROM tickets`)).toBe(0);
    expect(count(`SELECT COUNT(*) FROM services`)).toBe(0);
    expect(db.prepare(`SELECT day FROM events`).pluck().all()).toEqual(['2026-11-23']);
    expect(reports()).toEqual(raw);
  });
});

describe('the running hub', () => {
  let t: TestHub | undefined;
  afterEach(async () => {
    await t?.close();
  });

  it('removes a day past the retention at the day rollover, through its store, and the report stays', async () => {
    /** 09:00 on Monday 2026-05-04. */
    const MAY_4_9AM = Date.parse('2026-05-04T02:00:00Z');
    t = await startTestHub({ counters: 2, now: MAY_4_9AM });
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    const issued = [];
    for (const fieldId of ['ho-tich', 'ho-tich', 'dat-dai']) {
      const res = await request(kiosk, 'ticket:issue', { fieldId });
      if (!res.ok) throw new Error(res.error.code);
      issued.push(res.data);
      t.clock.advance(60_000);
    }
    const session = await t.login('cb1', 'c1');
    const { socket: clerk } = await t.connectReady(session.token);
    expect((await request(clerk, 'counter:callNext', {})).ok).toBe(true);
    expect((await request(clerk, 'counter:start', {})).ok).toBe(true);
    t.clock.advance(5 * 60_000);
    expect(
      (
        await request(clerk, 'counter:transfer', {
          to: { fieldId: 'dat-dai' },
          reason: 'CCCD 001203004005',
        })
      ).ok,
    ).toBe(true);
    expect((await request(clerk, 'counter:callNext', {})).ok).toBe(true);
    expect((await request(clerk, 'counter:start', {})).ok).toBe(true);
    t.clock.advance(3 * 60_000);
    expect((await request(clerk, 'counter:finish', {})).ok).toBe(true);
    await fetch(`${t.url}/api/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    });
    clerk.disconnect();

    // The next morning the day is closed (what was left waiting expired): its report is final.
    t.clock.set(MAY_4_9AM + DAY);
    await expect.poll(() => t!.hub.purge.doneFor()).toBe('2026-05-05');

    const may = (groupBy: ReportQuery['groupBy']) => ({
      ...buildReport(
        t!.store.reports,
        { from: '2026-05-01', to: '2026-05-31', groupBy },
        config,
        0,
      ),
      elapsedMs: 0,
    });
    const before = GROUPINGS.map(may);
    expect(before[0]!.total.served).toBeGreaterThan(0);
    const count = (sql: string) => openCount(t!.dbPath, sql);
    expect(count(`SELECT COUNT(*) FROM events WHERE payload LIKE '%CCCD%'`)).toBe(1);

    // Six months later the hub, still running, opens a new day and purges by itself.
    t.clock.set(MONDAY_9AM);
    await expect.poll(() => t!.hub.purge.doneFor()).toBe('2026-11-23');

    expect(count(`SELECT COUNT(*) FROM events WHERE payload LIKE '%CCCD%'`)).toBe(0);
    expect(count(`SELECT COUNT(*) FROM tickets WHERE day = '2026-05-04'`)).toBe(0);
    expect(count(`SELECT COUNT(*) FROM services WHERE day = '2026-05-04'`)).toBe(0);
    expect(count(`SELECT COUNT(*) FROM sessions`)).toBe(0);
    expect(GROUPINGS.map(may)).toEqual(before);
    // The old phone link leads nowhere now.
    expect(t.province.ticketByTokenHash(hashSecret(issued[0]!.token))).toBeNull();
    const phone = t.connect(issued[0]!.token);
    await expect(
      new Promise((resolve) => {
        phone.once('connect_error', () => resolve('refused'));
        phone.once('connect', () => resolve('connected'));
      }),
    ).resolves.toBe('refused');
    // The audit trail says the hub did it; the kiosk still works today.
    expect(t.store.listAudit(1)[0]).toMatchObject({ actor: HUB_ACTOR, action: 'data.purge' });
    const today = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    expect(today.ok && today.data.ticket.day).toBe('2026-11-23');
  });
});

function openCount(path: string, sql: string): number {
  const db = openDatabase(path);
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}
