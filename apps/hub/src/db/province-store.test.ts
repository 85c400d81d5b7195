import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueEvent, SiteConfig, Ticket } from '@luot/domain';
import type { ReportQuery } from '@luot/protocol';
import { generateHistory } from '../../bench/bench-history.ts';
import { buildReport } from '../reports/build-report.ts';
import { DEMO_SITE_FILE, loadSiteConfig } from '../setup.ts';
import { DEFAULT_SITE_ID, type ProvinceStore, type StoredCommand } from '../store.ts';
import { openDatabase, type Db } from './open-database.ts';
import { asyncProvince, createProvinceStore, type SqliteProvince } from './store.ts';

// The SQLite province store on real files: sites in one file never see each other's rows, each
// numbers its events from 1, and a single-site file of an older hub becomes the default site
// with every row and every number kept.

const DAY = '2026-11-23';
const NINE = Date.parse(`${DAY}T02:00:00Z`);
const config: SiteConfig = loadSiteConfig(DEMO_SITE_FILE);
const here = fileURLToPath(new URL('.', import.meta.url));
const MIGRATIONS = join(here, 'migrations');
const UPGRADE_FIXTURE = join(here, '../../test-fixtures/upgrade-v0.db');

let dir: string;
let sqlite: SqliteProvince;
let province: ProvinceStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-province-'));
  sqlite = createProvinceStore(openDatabase(join(dir, 'luot.db')));
  province = asyncProvince(sqlite);
});
afterEach(() => {
  try {
    sqlite.close();
  } catch {
    // closed by the test
  }
  rmSync(dir, { recursive: true, force: true });
});

function ticket(id: string, number: number, fieldId = 'ho-tich'): Ticket {
  return {
    id,
    day: DAY,
    fieldId,
    originalFieldId: fieldId,
    number,
    label: String(number),
    priorityClassId: null,
    status: 'waiting',
    issuedAt: NINE,
    issueSeq: number,
    waitingSince: NINE,
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
}

/** A kiosk's issue: the event, the ticket row, its phone-link hash and request key. */
function issue(t: Ticket, tokenHash: string | null, requestKey: string | null): StoredCommand {
  return {
    events: [{ type: 'ticket.issued', at: t.issuedAt, day: t.day, ticket: t }],
    ctx: { actor: 'device:kiosk-1' },
    rows: [{ kind: 'ticket.insert', ticket: t, tokenHash, issuedBy: 'device:kiosk-1', requestKey }],
  };
}

/** A clerk calls a ticket: opens the counter and a visit. */
function call(t: Ticket, counterId: string, clerkId: string): StoredCommand {
  const events: QueueEvent[] = [
    { type: 'counter.opened', at: NINE + 60_000, day: DAY, counterId, clerkId },
    { type: 'ticket.called', at: NINE + 60_000, day: DAY, ticketId: t.id, counterId, clerkId },
  ] as QueueEvent[];
  return {
    events,
    ctx: { actor: `user:${clerkId}` },
    rows: [
      {
        kind: 'visit.open',
        ticketId: t.id,
        origin: null,
        day: DAY,
        fieldId: t.fieldId,
        counterId,
        clerkId,
        priority: false,
        waitingSince: NINE,
        calledAt: NINE + 60_000,
      },
    ],
  };
}

describe('two sites in one file', () => {
  beforeEach(async () => {
    await province.createSite('xa-a', config, 1);
    await province.createSite('xa-b', { ...config, site: { ...config.site, name: 'Xã B' } }, 2);
  });

  it('lists the sites in the order they were added, each with its own configuration', async () => {
    expect((await province.listSites()).map((s) => [s.id, s.config.site.name])).toEqual([
      ['xa-a', config.site.name],
      ['xa-b', 'Xã B'],
    ]);
    await expect(province.createSite('xa-a', config, 3)).rejects.toThrow();
    expect(await province.site('xa-b').readConfig()).toMatchObject({ site: { name: 'Xã B' } });
    // A site that does not exist reads as empty.
    const none = province.site('khong-co');
    expect(await none.readConfig()).toBeNull();
    expect(await none.lastSeq()).toBe(0);
    expect(await none.latestDay()).toBeNull();
  });

  it('number their events from 1 each, and never hand one site the events of the other', async () => {
    const a = province.site('xa-a');
    const b = province.site('xa-b');
    const a1 = ticket('a1', 1001);
    const b1 = ticket('b1', 1001); // the same number, field and day: another site's ticket
    const a2 = ticket('a2', 1002);
    expect(await a.append([issue(a1, 'tok-a1', 'device:kiosk-1:r1')])).toEqual([[1]]);
    expect(await b.append([issue(b1, 'tok-b1', 'device:kiosk-1:r1')])).toEqual([[1]]);
    expect(await a.append([issue(a2, null, null), call(a1, 'quay-01', 'cb-a')])).toEqual([
      [2],
      [3, 4],
    ]);
    expect(await b.append([call(b1, 'quay-01', 'cb-b')])).toEqual([[2, 3]]);

    expect(await a.lastSeq()).toBe(4);
    expect(await b.lastSeq()).toBe(3);
    const ofA = await a.eventsOfDay(DAY);
    expect(ofA.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(ofA.filter((e) => e.event.type === 'ticket.issued').length).toBe(2);
    expect(JSON.stringify(ofA)).not.toContain('"b1"');
    expect((await b.eventsAfter(1)).map((e) => [e.seq, e.event.type])).toEqual([
      [2, 'counter.opened'],
      [3, 'ticket.called'],
    ]);
    expect((await a.eventsAfter(3)).map((e) => e.seq)).toEqual([4]);

    // Tickets, request keys, the phone links and visits stay with their site.
    expect(await a.ticketIdByRequestKey('device:kiosk-1:r1')).toBe('a1');
    expect(await b.ticketIdByRequestKey('device:kiosk-1:r1')).toBe('b1');
    expect(await b.ticketSnapshot('a1')).toBeNull();
    expect(await b.ticketIssuer('a2')).toBeNull();
    expect((await a.ticketSnapshot('a1'))?.number).toBe(1001);
    expect(await province.ticketByTokenHash('tok-b1')).toEqual({ siteId: 'xa-b', ticketId: 'b1' });
    expect(
      sqlite
        .site('xa-a')
        .services(DAY)
        .map((v) => [v.ticketId, v.clerkId]),
    ).toEqual([['a1', 'cb-a']]);
    expect(
      sqlite
        .site('xa-b')
        .services(DAY)
        .map((v) => [v.ticketId, v.clerkId]),
    ).toEqual([['b1', 'cb-b']]);
  });

  it('stores none of a group that fails, and numbers the next one with no gap', async () => {
    const a = province.site('xa-a');
    await a.append([issue(ticket('a1', 1001), null, null)]);
    // The second command reuses a number of the day: the whole group is refused.
    await expect(
      a.append([issue(ticket('a2', 1002), null, null), issue(ticket('a3', 1001), null, null)]),
    ).rejects.toThrow(/UNIQUE/);
    expect(await a.lastSeq()).toBe(1);
    expect(await a.ticketSnapshot('a2')).toBeNull();
    expect(await a.append([issue(ticket('a4', 1002), null, null)])).toEqual([[2]]);
  });

  it('keep their devices apart: a device of one site looked up at the other is not there', async () => {
    const a = province.site('xa-a');
    const b = province.site('xa-b');
    const kiosk = { kind: 'kiosk' as const, name: 'Kiosk', counterId: null, speaks: false };
    await a.createDevice({ ...kiosk, id: 'kiosk-1', tokenHash: 'dev-a1' }, 1);
    await a.createDevice({ ...kiosk, id: 'kiosk-2', tokenHash: 'dev-a2' }, 1);
    await b.createDevice({ ...kiosk, id: 'kiosk-1', name: 'Kiosk B', tokenHash: 'dev-b1' }, 1);

    expect(await b.deviceById('kiosk-2')).toBeNull();
    expect(await b.deviceById('kiosk-1')).toMatchObject({ siteId: 'xa-b', name: 'Kiosk B' });
    expect((await a.listDevices()).map((d) => d.id)).toEqual(['kiosk-1', 'kiosk-2']);
    expect((await b.listDevices()).map((d) => d.id)).toEqual(['kiosk-1']);
    expect(await b.revokeDevice('kiosk-2', 5)).toBe(false);
    expect(await b.revokeDevice('kiosk-1', 5)).toBe(true);
    expect((await a.deviceById('kiosk-1'))?.revokedAt).toBeNull();
    expect(await province.deviceByTokenHash('dev-a2')).toMatchObject({
      siteId: 'xa-a',
      id: 'kiosk-2',
    });
    // A token is one device's anywhere.
    await expect(
      b.createDevice({ ...kiosk, id: 'kiosk-9', tokenHash: 'dev-a1' }, 1),
    ).rejects.toThrow();
  });

  it('keep their audit trails apart', async () => {
    const a = province.site('xa-a');
    const b = province.site('xa-b');
    const entry = { actor: 'admin', action: 'user.create' as const, detail: {} };
    await a.appendAudit({ ...entry, at: 10, target: 'cb-a' });
    await b.appendAudit({ ...entry, at: 10, target: 'cb-b' });
    await a.appendAudit({ ...entry, at: 20, target: 'cb-a2' });
    expect((await a.listAudit(10)).map((e) => e.target)).toEqual(['cb-a2', 'cb-a']);
    expect((await b.listAudit(10)).map((e) => e.target)).toEqual(['cb-b']);
    expect(await a.purgeAudit(15)).toBe(1);
    expect((await b.listAudit(10)).map((e) => e.target)).toEqual(['cb-b']);
  });

  it("list a site's people (province-wide ones too) and its sessions only", async () => {
    const person = { role: 'clerk' as const, passwordHash: 'x' };
    await province.createUser({ ...person, username: 'cb-a', name: 'A', sites: ['xa-a'] }, 1);
    await province.createUser({ ...person, username: 'cb-b', name: 'B', sites: ['xa-b'] }, 1);
    await province.createUser(
      { ...person, username: 'cb-ab', name: 'AB', sites: ['xa-a', 'xa-b'] },
      1,
    );
    await province.createUser(
      { username: 'tinh', name: 'Tỉnh', role: 'admin', passwordHash: 'x', sites: null },
      1,
    );
    const names = async (siteId: string | null) =>
      (await province.listUsers(siteId)).map((u) => u.username);
    expect(await names('xa-a')).toEqual(['tinh', 'cb-a', 'cb-ab']);
    expect(await names('xa-b')).toEqual(['tinh', 'cb-ab', 'cb-b']);
    expect(await names(null)).toEqual(['tinh', 'cb-a', 'cb-ab', 'cb-b']);
    expect((await province.findUser('tinh'))?.sites).toBeNull();
    expect(await province.setUserSites('cb-b', ['xa-a'], 2)).toBe(true);
    expect(await province.setUserSites('khong-co', null, 2)).toBe(false);
    expect(await names('xa-b')).toEqual(['tinh', 'cb-ab']);
    expect((await province.findUser('cb-b'))?.sites).toEqual(['xa-a']);

    const session = { counterId: null, ttlMs: 3600_000, address: null, userAgent: null };
    await province.createSession(
      { ...session, tokenHash: 'h1', id: 's1', username: 'cb-a', siteId: 'xa-a' },
      100,
    );
    await province.createSession(
      { ...session, tokenHash: 'h2', id: 's2', username: 'cb-ab', siteId: 'xa-b' },
      200,
    );
    const open = async (siteId: string | null) =>
      (await province.listOpenSessions(siteId, 300, 0)).map((s) => [s.id, s.siteId]);
    expect(await open('xa-a')).toEqual([['s1', 'xa-a']]);
    expect(await open('xa-b')).toEqual([['s2', 'xa-b']]);
    expect(await open(null)).toEqual([
      ['s2', 'xa-b'],
      ['s1', 'xa-a'],
    ]);
    expect((await province.findSession('h2'))?.siteId).toBe('xa-b');
    expect(await province.endSessionById('s2', 400)).toEqual({
      tokenHash: 'h2',
      username: 'cb-ab',
      siteId: 'xa-b',
    });
    expect(await open('xa-b')).toEqual([]);
    // A person of several sites moves to work at another: the session goes with them.
    expect(await province.moveSession('h1', 'xa-b', 500)).toBe(true);
    expect(await open('xa-a')).toEqual([]);
    expect(await open('xa-b')).toEqual([['s1', 'xa-b']]);
    expect(await province.moveSession('h2', 'xa-a', 500)).toBe(false);
  });

  it("purge one site's old days and leave the other's", async () => {
    const a = province.site('xa-a');
    const b = province.site('xa-b');
    const old = { ...ticket('a-old', 1001), day: '2026-01-05' };
    const oldB = { ...ticket('b-old', 1001), day: '2026-01-05' };
    await a.append([issue(old, null, null), issue(ticket('a1', 1001), null, null)]);
    await b.append([issue(oldB, null, null), issue(ticket('b1', 1001), null, null)]);
    expect(await a.purgeOldestDayBefore('2026-06-01', 5)).toMatchObject({
      day: '2026-01-05',
      events: 1,
      tickets: 1,
    });
    expect(await a.purgeOldestDayBefore('2026-06-01', 5)).toBeNull();
    expect(await b.eventsOfDay('2026-01-05')).toHaveLength(1);
    expect(await b.ticketSnapshot('b-old')).not.toBeNull();
    // Numbers go on after the purge.
    expect(await a.append([issue(ticket('a2', 1002), null, null)])).toEqual([[3]]);
  });

  it('keep the catalogue in the order given', async () => {
    await province.writeCatalogue(
      [
        { code: 'HT', name: 'Hộ tịch' },
        { code: 'DD', name: 'Đất đai' },
      ],
      1,
    );
    expect(await province.readCatalogue()).toEqual([
      { code: 'HT', name: 'Hộ tịch' },
      { code: 'DD', name: 'Đất đai' },
    ]);
  });
});

/** A file as the hub before sites made it: migrations 001–005 only, foreign keys on. */
function openOldDatabase(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (const file of readdirSync(MIGRATIONS).sort()) {
    const version = Number(file.slice(0, 3));
    if (version > 5) continue;
    db.exec(readFileSync(join(MIGRATIONS, file), 'utf8'));
    db.pragma(`user_version = ${version}`);
  }
  return db;
}

// Columns later migrations added, NULL on rows stored before them (016: the chain's hashes; 017:
// the promised wait and a packed day's estimate sums).
const NEWER_NULL_COLUMNS = [
  'origin',
  'dossier_outcome',
  'dossier_codes',
  'prev_hash',
  'hash',
  'estimated_wait_minutes',
  'estimates',
];

/** Every row of every table, by table, in rowid order, without the columns sites added. */
function rowsOf(db: Db, tables: string[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables)
    out[table] = (db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as object[]).map(
      (row) =>
        sortKeys(
          Object.fromEntries(
            // `origin` (migration 009) is new and NULL on an older file's rows: a walk-in; so
            // are `dossier_outcome` and `dossier_codes` (migration 015): nothing recorded.
            Object.entries(row).filter(
              ([key, value]) =>
                key !== 'site_id' &&
                key !== 'sites' &&
                !(NEWER_NULL_COLUMNS.includes(key) && value === null),
            ),
          ),
        ),
    );
  return out;
}

const sortKeys = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));

const KEPT_TABLES = [
  'events',
  'tickets',
  'services',
  'users',
  'sessions',
  'devices',
  'audit_log',
  'report_days',
];

describe('a single-site file of an older hub', () => {
  it('made by the hub at 8ff3e39 opens as the default site with every row and number kept', async () => {
    const path = join(dir, 'old.db');
    copyFileSync(UPGRADE_FIXTURE, path);
    const old = new Database(path);
    const before = rowsOf(
      old,
      KEPT_TABLES.filter((t) => t !== 'report_days'),
    );
    const oldConfig = old.prepare('SELECT json FROM site_config').pluck().get() as string;
    const oldSeq = old.prepare('SELECT MAX(seq) FROM events').pluck().get() as number;
    old.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(6);
    const after = rowsOf(
      db,
      KEPT_TABLES.filter((t) => t !== 'report_days'),
    );
    // Sessions gained a public id, a last use and where from in migration 005; the rest is as it was.
    const added = ['id', 'last_seen_at', 'address', 'user_agent'];
    expect({
      ...after,
      sessions: after.sessions!.map((s) =>
        Object.fromEntries(Object.entries(s as object).filter(([k]) => !added.includes(k))),
      ),
    }).toEqual(before);
    for (const table of ['events', 'tickets', 'services', 'devices', 'audit_log', 'sessions'])
      expect(db.prepare(`SELECT DISTINCT site_id FROM ${table}`).pluck().all()).toEqual([
        DEFAULT_SITE_ID,
      ]);
    expect(db.prepare(`SELECT DISTINCT sites FROM users`).pluck().all()).toEqual(['["trung-tam"]']);

    const upgraded = asyncProvince(createProvinceStore(db));
    const site = upgraded.site(DEFAULT_SITE_ID);
    expect(db.prepare('SELECT json FROM sites WHERE id = ?').pluck().get(DEFAULT_SITE_ID)).toBe(
      oldConfig,
    );
    expect((await site.readConfig())?.site.name).toBe(JSON.parse(oldConfig).site.name);
    expect((await upgraded.listSites()).map((s) => s.id)).toEqual([DEFAULT_SITE_ID]);
    expect(await site.lastSeq()).toBe(oldSeq);
    expect((await upgraded.listUsers(DEFAULT_SITE_ID)).map((u) => u.username).sort()).toEqual([
      'admin',
      'cb1',
    ]);
    expect(await site.deviceById('kiosk-1')).toMatchObject({ siteId: DEFAULT_SITE_ID });
    // The queue goes on numbering where it was.
    const config = (await site.readConfig())!;
    const fieldId = config.fields[0]!.id;
    const next = { ...ticket('nang-cap', 9001, fieldId), day: '2026-12-01' };
    expect(await site.append([issue(next, null, null)])).toEqual([[oldSeq + 1]]);
    await upgraded.close();
  });

  it('that cannot be migrated is left exactly as it was, and the hub does not open it', () => {
    const path = join(dir, 'old.db');
    const old = openOldDatabase(path);
    old
      .prepare('INSERT INTO site_config (id, json, updated_at) VALUES (1, ?, 5)')
      .run(JSON.stringify(config));
    // A visit of a ticket that is not there (written with foreign keys off): 006 must refuse it.
    old.pragma('foreign_keys = OFF');
    old.exec(`INSERT INTO services (ticket_id, day, field_id, counter_id, priority, waiting_since,
        called_at) VALUES ('khong-co', '${DAY}', 'ho-tich', 'quay-01', 0, 1, 2)`);
    const before = rowsOf(old, ['services', 'site_config']);
    old.close();

    expect(() => openDatabase(path)).toThrow(/006-sites.sql leaves 1 dangling/);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(5);
    expect(rowsOf(after, ['services', 'site_config'])).toEqual(before);
    expect(
      after.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'sites'`).pluck().get(),
    ).toBe(0);
    after.close();
  });

  it('with every kind of row (sessions, packed days, purged ids) keeps them all, and its reports', async () => {
    // A history made by today's code, copied into a file of the old shape.
    const source = openDatabase(join(dir, 'source.db'));
    const history = generateHistory(source, {
      fields: [
        { id: 'ho-tich', prefix: '1', start: 1, digits: 3, weight: 2, serviceMinutes: 6 },
        { id: 'dat-dai', prefix: 'A', start: 1, digits: 3, weight: 1, serviceMinutes: 12 },
      ],
      counters: [
        { id: 'quay-01', fieldIds: ['ho-tich', 'dat-dai'] },
        { id: 'quay-02', fieldIds: ['ho-tich'] },
      ],
      clerks: ['cb1', 'cb2', 'cb3'],
      from: '2026-09-01',
      to: '2026-09-30',
      tickets: 1500,
      utcOffsetHours: 7,
      seed: 5,
    });
    source.close();

    const path = join(dir, 'old.db');
    const old = openOldDatabase(path);
    old.exec(`ATTACH '${join(dir, 'source.db')}' AS src`);
    old.exec(`INSERT INTO tickets (id, day, field_id, original_field_id, number, label,
        priority_class_id, status, issued_at, first_called_at, finished_at, counter_id, clerk_id,
        rating, token_hash, issued_by, request_key)
      SELECT id, day, field_id, original_field_id, number, label, priority_class_id, status,
        issued_at, first_called_at, finished_at, counter_id, clerk_id, rating, token_hash,
        issued_by, request_key FROM src.tickets ORDER BY rowid`);
    old.exec(`INSERT INTO services (id, ticket_id, day, field_id, counter_id, clerk_id, priority,
        waiting_since, called_at, started_at, ended_at, outcome, recalls, rating)
      SELECT id, ticket_id, day, field_id, counter_id, clerk_id, priority, waiting_since,
        called_at, started_at, ended_at, outcome, recalls, rating FROM src.services ORDER BY id`);
    old.exec('DETACH src');
    // The newest visit was purged: its id is never handed out again.
    const lastVisit = old.prepare('SELECT MAX(id) FROM services').pluck().get() as number;
    old.prepare('DELETE FROM services WHERE id = ?').run(lastVisit);
    old
      .prepare('INSERT INTO site_config (id, json, updated_at) VALUES (1, ?, 5)')
      .run(JSON.stringify(config));
    const user = old.prepare(
      `INSERT INTO users (username, name, role, password_hash, created_at) VALUES (?, ?, ?, 'x', 1)`,
    );
    for (const [username, role] of [
      ['admin', 'admin'],
      ['cb1', 'clerk'],
      ['cb2', 'clerk'],
      ['cb3', 'supervisor'],
    ])
      user.run(username, `Tên ${username}`, role);
    old.exec(`INSERT INTO sessions (token_hash, username, counter_id, created_at, expires_at,
        ended_at, id, last_seen_at, address, user_agent)
      VALUES ('hash-1', 'cb1', 'quay-01', 10, 1000, NULL, 'public-1', 20, '10.0.0.5', 'Chrome'),
             ('hash-2', 'admin', NULL, 11, 1000, 15, 'public-2', 11, NULL, NULL)`);
    old.exec(`INSERT INTO devices (id, kind, name, counter_id, speaks, token_hash, created_at)
      VALUES ('kiosk-1', 'kiosk', 'Kiosk', NULL, 1, 'dev-hash', 3),
             ('pad-1', 'rating', 'Pad', 'quay-01', 0, 'pad-hash', 4)`);
    old.exec(`INSERT INTO audit_log (at, actor, action, target, detail)
      VALUES (1, 'luot', 'user.create', 'cb1', '{}'), (2, 'admin', 'device.pair', 'kiosk-1', '{}')`);
    old.exec(`DELETE FROM audit_log WHERE id = 2`);
    const event = old.prepare(
      `INSERT INTO events (day, at, type, ticket_id, field_id, counter_id, clerk_id, actor, payload)
       VALUES (?, ?, ?, NULL, NULL, NULL, NULL, 'hub', ?)`,
    );
    for (let i = 0; i < 5; i++)
      event.run('2026-09-30', i, 'day.opened', JSON.stringify({ type: 'day.opened', i }));
    old.exec(`DELETE FROM events WHERE seq = 1`);
    old.exec(`INSERT INTO report_days (day, keys, tickets, visits, built_at)
      VALUES ('2026-08-01', '{"fields":[],"statuses":[],"counters":[],"clerks":[],"runs":[]}',
        x'', x'', 7)`);
    const before = rowsOf(old, KEPT_TABLES);
    old.close();

    // Reports of the same rows in a file made today: what the upgraded file must give.
    const fresh = createProvinceStore(openDatabase(join(dir, 'source.db')));
    const QUERIES: ReportQuery[] = (['field', 'counter', 'clerk', 'hour', 'day'] as const).map(
      (groupBy) => ({ from: '2026-09-01', to: '2026-09-30', groupBy }),
    );
    fresh.db.prepare('DELETE FROM services WHERE id = ?').run(lastVisit);
    for (const username of ['admin', 'cb1', 'cb2', 'cb3'])
      fresh.createUser(
        { username, name: `Tên ${username}`, role: 'clerk', passwordHash: 'x', sites: null },
        1,
      );
    const expected = QUERIES.map((q) =>
      JSON.stringify({
        ...buildReport(fresh.site(DEFAULT_SITE_ID).reports, q, config, 0),
        elapsedMs: 0,
      }),
    );
    fresh.close();

    const upgraded = createProvinceStore(openDatabase(path));
    expect(rowsOf(upgraded.db, KEPT_TABLES)).toEqual(before);
    const site = upgraded.site(DEFAULT_SITE_ID);
    expect(
      QUERIES.map((q) =>
        JSON.stringify({ ...buildReport(site.reports, q, config, 0), elapsedMs: 0 }),
      ),
    ).toEqual(expected);
    expect(history.services).toBeGreaterThan(1000);

    // Numbers, visit ids and audit ids go on from where the old file was, never reused.
    expect(site.lastSeq()).toBe(5);
    expect(site.eventsAfter(0).map((e) => e.seq)).toEqual([2, 3, 4, 5]);
    const t = ticket('nang-cap', 999);
    expect(site.append([issue(t, null, null), call(t, 'quay-01', 'cb1')])).toEqual([[6], [7, 8]]);
    expect(site.services(DAY).map((v) => v.id)).toEqual([lastVisit + 1]);
    expect(
      site.appendAudit({ at: 9, actor: 'x', action: 'user.create', target: 'y', detail: {} }),
    ).toBe(3);
    expect(upgraded.findSession('hash-1')).toMatchObject({
      siteId: DEFAULT_SITE_ID,
      id: 'public-1',
    });
    expect(upgraded.listOpenSessions(DEFAULT_SITE_ID, 500, 0).map((s) => s.id)).toEqual([
      'public-1',
    ]);
    expect(site.listDevices().map((d) => [d.id, d.siteId, d.speaks])).toEqual([
      ['kiosk-1', DEFAULT_SITE_ID, true],
      ['pad-1', DEFAULT_SITE_ID, false],
    ]);
    upgraded.close();
  });
});
