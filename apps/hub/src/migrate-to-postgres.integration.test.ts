// `luot migrate`: a centre's SQLite hub joins the province's PostgreSQL. A generated quarter of
// one site's history (partly packed for reports), its people, sessions, device and audit trail
// go in through the command line; afterwards the province's reports, log, phone links, device
// token and passwords are the centre's. Refusals change nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyCreated, Report, ReportQuery } from '@luot/protocol';
import { generateHistory } from '../bench/bench-history.ts';
import { historyCommands, PROMISES_SQL } from '../testing/history-commands.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../testing/postgres.ts';
import { PASSWORD, testConfig } from '../testing/test-hub.ts';
import { createApiKey, resolveApiKey } from './api-keys.ts';
import { hashSecret, verifyPassword } from './auth.ts';
import { runCli } from './cli.ts';
import { asyncProvince, openDatabase } from './db/index.ts';
import { openPgProvince, type PgProvinceStore } from './pg/index.ts';
import { buildReport } from './reports/build-report.ts';
import { addUser, initSite, openProvince, pairDevice } from './setup.ts';
import { DEFAULT_SITE_ID, type StoredEvent } from './store.ts';

if (!hasPostgres)
  console.warn('migrate: skipped, PostgreSQL is not installed (apt-get install postgresql)');

const config = testConfig(4);
const FROM = '2026-07-01';
const TO = '2026-09-30';
const NOW = Date.parse('2026-10-01T02:00:00Z');
const GROUPINGS: ReportQuery['groupBy'][] = ['field', 'counter', 'clerk', 'hour', 'day'];
const PERIODS: [string, string][] = [
  [FROM, TO],
  ['2026-08-01', '2026-08-31'],
  ['2026-08-12', '2026-08-12'],
  ['2026-09-15', '2026-09-15'],
];
const phoneSecret = (ticketId: string) => `phone-${ticketId}`;
/** A name with what COPY's text format escapes: a tab, a newline, a backslash, quotes. */
const KIOSK_NAME = 'Kiosk "sảnh"\tA\\B\nC';
/** A lobby board picture: the real PNG fixture, with a name COPY must escape. */
const SLIDE_BYTES = readFileSync(new URL('../testing/fixtures/slide.png', import.meta.url));
const SLIDE = {
  id: 'ab'.repeat(16),
  name: 'Giới thiệu\t"một cửa".png',
  kind: 'image' as const,
  type: 'image/png' as const,
  bytes: SLIDE_BYTES.length,
  uploadedAt: NOW - 3_600_000,
  uploadedBy: 'quan-tri',
};

/** Every row of the province's tables, as a digest: equal digests, nothing changed. */
async function digest(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const parts: string[] = [];
    for (const table of [
      'sites',
      'events',
      'tickets',
      'services',
      'report_days',
      'devices',
      'audit_log',
      'users',
      'sessions',
    ]) {
      const { rows } = await client.query<{ n: string; md5: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5
         FROM ${table} t`,
      );
      parts.push(`${table}:${rows[0]!.n}:${rows[0]!.md5}`);
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => NOW,
    env: {},
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.skipIf(!hasPostgres)('luot migrate', () => {
  let server: TestPostgres;
  let dir: string;
  let dataDir: string;
  let province: PgProvinceStore;
  let deviceToken: string;
  const expected = new Map<string, Report>();
  let events: StoredEvent[];
  let tickets: { id: string; number: number; label: string }[];
  let packedDays: number;
  let siteKey: ApiKeyCreated;
  let allSitesKey: ApiKeyCreated;
  let revokedSecret: string;

  const reportKey = (from: string, to: string, groupBy: string) => `${from}..${to}/${groupBy}`;

  beforeAll(async () => {
    server = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'luot-migrate-'));
    dataDir = join(dir, 'data');

    const scratch = openDatabase(join(dir, 'scratch.db'));
    generateHistory(scratch, {
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
      clerks: ['cb1', 'cb2', 'cb3', 'nghi-viec'],
      from: FROM,
      to: TO,
      tickets: 4000,
      utcOffsetHours: 7,
      seed: 13,
    });
    // Promised waits (issue 17): migrate carries them and the packed days' sums.
    scratch.exec(PROMISES_SQL);
    const commands = historyCommands(scratch, (id) => hashSecret(phoneSecret(id)));
    scratch.close();

    // The centre's hub: its one site, its history stored through the store as the hub would.
    const sqlite = openProvince(dataDir);
    await initSite(sqlite, DEFAULT_SITE_ID, config, Date.parse('2026-06-30T01:00:00Z'));
    const site = sqlite.site(DEFAULT_SITE_ID);
    for (let i = 0; i < commands.length; i += 500) site.append(commands.slice(i, i + 500));
    // Reports of closed days are packed up to mid-August, not after.
    packedDays = 0;
    for (let day = site.packNextDayBefore('2026-08-15', NOW, ''); day; packedDays++)
      day = site.packNextDayBefore('2026-08-15', NOW, day);
    for (const [username, role] of [
      ['cb1', 'clerk'],
      ['cb2', 'clerk'],
      ['quan-tri', 'admin'],
    ] as const)
      await addUser(
        sqlite,
        {
          username,
          name: `Cán bộ ${username}`,
          role,
          password: PASSWORD,
          sites: [DEFAULT_SITE_ID],
        },
        NOW - 86_400_000,
      );
    sqlite.createSession(
      {
        tokenHash: hashSecret('phien-mo'),
        id: 'phien-1',
        username: 'cb1',
        siteId: DEFAULT_SITE_ID,
        counterId: 'c1',
        ttlMs: 8 * 3_600_000,
        address: '192.168.1.20',
        userAgent: 'Firefox',
      },
      NOW - 60_000,
    );
    sqlite.createSession(
      {
        tokenHash: hashSecret('phien-dong'),
        id: 'phien-2',
        username: 'cb2',
        siteId: DEFAULT_SITE_ID,
        counterId: 'c2',
        ttlMs: 8 * 3_600_000,
        address: null,
        userAgent: null,
      },
      NOW - 120_000,
    );
    sqlite.endSession(hashSecret('phien-dong'), NOW - 30_000);
    deviceToken = await pairDevice(site, { id: 'kiosk-1', kind: 'kiosk', name: KIOSK_NAME }, NOW);
    sqlite.addMedia({ ...SLIDE, siteId: DEFAULT_SITE_ID, data: SLIDE_BYTES }, 1_000_000);
    // The REST API's keys: one of the site, one of every site of the file, one revoked.
    const keys = { province: asyncProvince(sqlite), clock: { now: () => NOW } };
    siteKey = await createApiKey(
      keys,
      { name: 'Một cửa', siteId: DEFAULT_SITE_ID, permissions: ['counters:act'] },
      'quan-tri',
    );
    allSitesKey = await createApiKey(
      keys,
      { name: 'Báo cáo', siteId: null, permissions: ['reports:read'] },
      'quan-tri',
    );
    const revoked = await createApiKey(
      keys,
      { name: 'Cũ', siteId: DEFAULT_SITE_ID, permissions: ['queue:read'] },
      'quan-tri',
    );
    sqlite.revokeApiKey(revoked.id, 'quan-tri', NOW);
    revokedSecret = revoked.secret;
    site.appendAudit({
      at: NOW,
      actor: 'quan-tri',
      action: 'device.pair',
      target: 'kiosk-1',
      detail: { kind: 'kiosk', name: KIOSK_NAME },
    });

    for (const [from, to] of PERIODS)
      for (const groupBy of GROUPINGS)
        expected.set(reportKey(from, to, groupBy), {
          ...buildReport(site.reports, { from, to, groupBy }, config, 0),
          elapsedMs: 0,
        });
    expect([...expected.values()][0]!.estimateAccuracy.total.tickets).toBeGreaterThan(1000);
    events = site.eventsAfter(0);
    tickets = sqlite.db
      .prepare('SELECT id, number, label FROM tickets WHERE site_id = ? ORDER BY id')
      .all(DEFAULT_SITE_ID) as typeof tickets;
    sqlite.close();

    province = await openPgProvince({ url: server.url, log: pino({ level: 'silent' }) });
  }, 120_000);

  afterAll(async () => {
    await province?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  });

  it('refuses while the hub has the file open, and for a site the file does not have', async () => {
    const before = await digest(server.url);
    const hub = openProvince(dataDir);
    try {
      const running = await cli(['migrate', '--data', dataDir, '--postgres', server.url]);
      expect(running.code).toBe(2);
      expect(running.err).toMatch(/in use: stop the hub/);
    } finally {
      hub.close();
    }
    const missing = await cli([
      'migrate',
      ...['--data', dataDir, '--postgres', server.url, '--site-id', 'khong-co'],
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/has no site khong-co/);
    expect(await digest(server.url)).toBe(before);
  });

  it('moves the whole site: every report, the log, tickets, phone links, devices, people', async () => {
    const run = await cli([
      'migrate',
      ...['--data', dataDir, '--postgres', server.url, '--as', 'xa-tan-phu'],
    ]);
    expect(run.err).not.toMatch(/luot:/);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`${events.length} events (last seq ${events.length})`);
    expect(run.out).toContain(`${tickets.length} tickets`);
    expect(run.out).toContain('3 people, 1 open sessions, 3 API keys');

    expect((await province.listSites()).map((s) => s.id)).toEqual(['xa-tan-phu']);
    const site = province.site('xa-tan-phu');
    expect(await site.readConfig()).toEqual(config);

    // Every report the centre had, the same from the province's engine.
    expect(expected.get(reportKey(FROM, TO, 'field'))!.total.issued).toBeGreaterThan(3500);
    for (const [from, to] of PERIODS)
      for (const groupBy of GROUPINGS)
        expect({
          ...(await province.reports.run('xa-tan-phu', { from, to, groupBy }, config, 0)),
          elapsedMs: 0,
        }).toEqual(expected.get(reportKey(from, to, groupBy)));

    // The log, with the same sequence numbers; the site's head is its last.
    expect(await site.eventsAfter(0)).toEqual(events);
    expect(await site.lastSeq()).toBe(events.length);
    // The same tickets: ids, numbers, labels.
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT id, number, label FROM tickets WHERE site_id = 'xa-tan-phu' ORDER BY id COLLATE "C"`,
    );
    const days = await client.query(`SELECT count(*)::int AS n FROM report_days`);
    await client.end();
    expect(rows).toEqual(tickets);
    expect(packedDays).toBeGreaterThan(20);
    expect(days.rows[0].n).toBe(packedDays);

    // A printed QR code still opens its ticket; the paired kiosk is known by its token.
    const ticket = tickets[1234]!;
    expect(await province.ticketByTokenHash(hashSecret(phoneSecret(ticket.id)))).toEqual({
      siteId: 'xa-tan-phu',
      ticketId: ticket.id,
    });
    expect(await province.deviceByTokenHash(hashSecret(deviceToken))).toMatchObject({
      siteId: 'xa-tan-phu',
      id: 'kiosk-1',
      kind: 'kiosk',
      name: KIOSK_NAME,
      revokedAt: null,
    });
    expect(await site.listAudit(10)).toMatchObject([
      { action: 'device.pair', target: 'kiosk-1', detail: { kind: 'kiosk', name: KIOSK_NAME } },
    ]);

    // The lobby board's file, byte for byte, at the new site.
    expect(await province.listMedia('xa-tan-phu')).toEqual([SLIDE]);
    expect(Buffer.compare((await province.readMedia(SLIDE.id))!, SLIDE_BYTES)).toBe(0);

    // People sign in with their passwords, at the new site only; the open session goes on.
    const cb1 = await province.findUser('cb1');
    expect(cb1).toMatchObject({ role: 'clerk', sites: ['xa-tan-phu'], disabled: false });
    expect(await verifyPassword(PASSWORD, cb1!.passwordHash)).toBe(true);
    expect(await verifyPassword('sai-mat-khau', cb1!.passwordHash)).toBe(false);
    expect((await province.listUsers('xa-tan-phu')).map((u) => u.username)).toEqual([
      'quan-tri',
      'cb1',
      'cb2',
    ]);
    expect(await province.findSession(hashSecret('phien-mo'))).toMatchObject({
      username: 'cb1',
      siteId: 'xa-tan-phu',
      counterId: 'c1',
      endedAt: null,
    });
    expect(await province.findSession(hashSecret('phien-dong'))).toBeNull();

    // The REST API's keys work on: the site's own there, the centre's every-site key now at
    // this site only; the revoked one stays revoked.
    const keyDeps = { province, clock: { now: () => NOW } };
    for (const key of [siteKey, allSitesKey]) {
      const resolved = await resolveApiKey(keyDeps, `Bearer ${key.secret}`);
      expect(resolved).toEqual({
        ok: true,
        key: { keyId: key.id, name: key.name, siteId: 'xa-tan-phu', permissions: key.permissions },
      });
    }
    expect(await resolveApiKey(keyDeps, `Bearer ${revokedSecret}`)).toEqual({
      ok: false,
      reason: 'revoked',
    });

    // The site takes commands after its history: the next event is numbered after the last.
    const next = await site.append([
      {
        events: [{ type: 'day.opened', at: NOW, day: '2026-10-01', previousDay: '2026-09-30' }],
        ctx: { actor: 'system' },
        rows: [],
      },
    ]);
    expect(next).toEqual([[events.length + 1]]);
  });

  it('refuses a second migrate of the site, and an --as id in use, changing nothing', async () => {
    await province.createSite('xa-khac', config, NOW);
    const before = await digest(server.url);
    const again = await cli([
      'migrate',
      ...['--data', dataDir, '--postgres', server.url, '--as', 'xa-tan-phu'],
    ]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/site xa-tan-phu already exists in PostgreSQL/);
    const taken = await cli([
      'migrate',
      '--data',
      dataDir,
      '--postgres',
      server.url,
      '--as',
      'xa-khac',
    ]);
    expect(taken.code).toBe(2);
    expect(taken.err).toMatch(/site xa-khac already exists/);
    // The same history under a fresh id: its devices are already paired in the province.
    const twice = await cli([
      'migrate',
      '--data',
      dataDir,
      '--postgres',
      server.url,
      '--as',
      'xa-moi',
    ]);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/already paired in PostgreSQL at xa-tan-phu/);
    expect(await digest(server.url)).toBe(before);
  });

  it('refuses when a username belongs to someone else in the province', async () => {
    const url = await server.createDatabase();
    const other = await openPgProvince({ url, log: pino({ level: 'silent' }) });
    try {
      await other.createSite('xa-a', config, NOW);
      await other.createUser(
        { username: 'cb2', name: 'Người khác', role: 'clerk', passwordHash: 'x', sites: ['xa-a'] },
        NOW,
      );
    } finally {
      await other.close();
    }
    const before = await digest(url);
    const clash = await cli(['migrate', '--data', dataDir, '--postgres', url]);
    expect(clash.code).toBe(2);
    expect(clash.err).toMatch(/usernames belong to other people in PostgreSQL: cb2/);
    expect(await digest(url)).toBe(before);
  });
  it('stores nothing when a row fails half way (a phone link already in the province)', async () => {
    const url = await server.createDatabase();
    const other = await openPgProvince({ url, log: pino({ level: 'silent' }) });
    const late = tickets.at(-10)!;
    try {
      await other.createSite('xa-a', config, NOW);
      // Another site holds a ticket with the same phone link as one of the centre's last days:
      // the copy fails after the log and most tickets went in.
      const ticket = {
        id: 'khac-1',
        day: '2026-09-01',
        fieldId: 'ho-tich',
        originalFieldId: 'ho-tich',
        number: 1,
        label: '1001',
        priorityClassId: null,
        status: 'waiting' as const,
        issuedAt: NOW,
        issueSeq: 1,
        waitingSince: NOW,
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        counterId: null,
        clerkId: null,
        assignedCounterId: null,
        callCount: 0,
        transferCount: 0,
        rating: null,
      };
      await other.site('xa-a').append([
        {
          events: [{ type: 'ticket.issued', at: NOW, day: ticket.day, ticket }],
          ctx: { actor: 'device:kiosk-1' },
          rows: [
            {
              kind: 'ticket.insert',
              ticket,
              tokenHash: hashSecret(phoneSecret(late.id)),
              issuedBy: 'device:kiosk-1',
              requestKey: null,
            },
          ],
        },
      ]);
    } finally {
      await other.close();
    }
    const before = await digest(url);
    const failed = await cli(['migrate', '--data', dataDir, '--postgres', url, '--as', 'xa-b']);
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/already in PostgreSQL \(tickets_token_hash_key\)/);
    expect(failed.err).toMatch(/^events: \d+ rows/m);
    expect(await digest(url)).toBe(before);
  });
});
