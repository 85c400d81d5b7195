// What every ProvinceStore must do, whichever database is under it: one suite that the
// PostgreSQL store (pg/province-store.integration.test.ts) and the SQLite store run. Each test
// opens a fresh, empty store. Imported by tests only.
import { siteConfigSchema, type QueueEvent, type SiteConfig, type Ticket } from '@luot/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeMediaStore } from './media-conformance.ts';
import type { NewBooking, NewMessage, ProvinceStore, StoredCommand } from '../src/store.ts';
import { describeIdCardStore } from './store-conformance-id-cards.ts';
import { describeApiKeyStore } from './store-conformance-api-keys.ts';
import { describeWebhookStore } from './store-conformance-webhooks.ts';

const DAY = '2026-11-23';
const NEXT_DAY = '2026-11-24';
const T0 = Date.parse('2026-11-23T02:00:00Z');

function config(name: string): SiteConfig {
  return siteConfigSchema.parse({
    site: { name, timeZone: 'Asia/Ho_Chi_Minh' },
    fields: [
      {
        id: 'ho-tich',
        name: 'Tư pháp – Hộ tịch',
        numbering: { start: 1, digits: 3 },
        sessions: [{ from: '07:30', to: '17:00' }],
      },
    ],
    counters: [{ id: 'c1', number: 1, name: 'Quầy 1', fieldIds: ['ho-tich'] }],
  });
}

function ticket(id: string, number: number, day = DAY, at = T0): Ticket {
  return {
    id,
    day,
    fieldId: 'ho-tich',
    originalFieldId: 'ho-tich',
    number,
    label: String(number).padStart(3, '0'),
    priorityClassId: null,
    status: 'waiting',
    issuedAt: at,
    issueSeq: number,
    waitingSince: at,
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

/** A kiosk issuing ticket `number` of the day: its event and its ticket row. */
function issue(
  id: string,
  number: number,
  extra: { day?: string; tokenHash?: string; requestKey?: string; at?: number } = {},
): StoredCommand {
  const t = ticket(id, number, extra.day, extra.at);
  return {
    events: [{ type: 'ticket.issued', at: t.issuedAt, day: t.day, ticket: t }],
    ctx: { actor: 'device:kiosk-1', tokenHash: extra.tokenHash, requestKey: extra.requestKey },
    rows: [
      {
        kind: 'ticket.insert',
        ticket: t,
        tokenHash: extra.tokenHash ?? null,
        issuedBy: 'device:kiosk-1',
        requestKey: extra.requestKey ?? null,
      },
    ],
  };
}

/** Clerk `cb1` at counter c1 calls, starts and finishes a ticket, and it is rated 3. */
function serve(id: string, day = DAY, at = T0 + 60_000): StoredCommand {
  const base = { day, ticketId: id, fieldId: 'ho-tich', counterId: 'c1', clerkId: 'cb1' };
  const events: QueueEvent[] = [
    { type: 'ticket.called', at, from: 'waiting', ...base },
    { type: 'ticket.started', at: at + 1000, ...base },
    { type: 'ticket.finished', at: at + 61_000, ...base, dossier: null },
    { type: 'ticket.rated', at: at + 62_000, score: 3, ...base },
  ];
  return {
    events,
    ctx: { actor: 'user:cb1' },
    rows: [
      {
        kind: 'visit.open',
        ticketId: id,
        origin: null,
        day,
        fieldId: 'ho-tich',
        counterId: 'c1',
        clerkId: 'cb1',
        priority: false,
        waitingSince: T0,
        calledAt: at,
      },
      { kind: 'visit.start', ticketId: id, at: at + 1000 },
      { kind: 'visit.end', ticketId: id, at: at + 61_000, outcome: 'done', dossier: null },
      { kind: 'visit.rate', ticketId: id, score: 3 },
      {
        kind: 'ticket.update',
        ticket: {
          id,
          day,
          status: 'done',
          fieldId: 'ho-tich',
          counterId: 'c1',
          clerkId: 'cb1',
          finishedAt: at + 61_000,
          calledAt: at,
          rating: 3,
        },
      },
    ],
  };
}

const seqsOf = (events: { seq: number }[]) => events.map((e) => e.seq);

/**
 * Runs the store port's conformance suite on stores made by `open` (a fresh, empty store each
 * time; closed after each test).
 */
export function describeProvinceStore(name: string, open: () => Promise<ProvinceStore>): void {
  describe(`${name}: the province store port`, () => {
    let store: ProvinceStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const twoSites = async () => {
      await store.createSite('xa-a', config('Xã A'), T0);
      await store.createSite('xa-b', config('Xã B'), T0 + 1);
    };

    describe('sites', () => {
      it('lists sites in the order they were added, each with its configuration', async () => {
        expect(await store.listSites()).toEqual([]);
        await store.createSite('xa-b', config('Xã B'), T0);
        await store.createSite('xa-a', config('Xã A'), T0);
        const sites = await store.listSites();
        expect(sites.map((s) => s.id)).toEqual(['xa-b', 'xa-a']);
        expect(sites[1]).toEqual({ id: 'xa-a', config: config('Xã A'), createdAt: T0 });
        expect(await store.site('xa-b').readConfig()).toEqual(config('Xã B'));
      });

      it('refuses a site id in use, keeping the first configuration', async () => {
        await store.createSite('xa-a', config('Xã A'), T0);
        await expect(store.createSite('xa-a', config('Khác'), T0)).rejects.toThrow();
        expect((await store.site('xa-a').readConfig())?.site.name).toBe('Xã A');
      });

      it('reads a site that does not exist as empty', async () => {
        const ghost = store.site('khong-co');
        expect(ghost.siteId).toBe('khong-co');
        expect(await ghost.readConfig()).toBeNull();
        expect(await ghost.lastSeq()).toBe(0);
        expect(await ghost.latestDay()).toBeNull();
        expect(await ghost.eventsAfter(0)).toEqual([]);
        expect(await ghost.eventsOfDay(DAY)).toEqual([]);
        expect(await ghost.listDevices()).toEqual([]);
        expect(await ghost.listAudit(10)).toEqual([]);
      });

      it("changes one site's configuration only", async () => {
        await twoSites();
        const changed = { ...config('Xã A mới') };
        await store.site('xa-a').writeConfig(changed, T0 + 5);
        expect((await store.site('xa-a').readConfig())?.site.name).toBe('Xã A mới');
        expect((await store.site('xa-b').readConfig())?.site.name).toBe('Xã B');
        // A configuration stored with a command, as a `config` row.
        await store.site('xa-b').append([
          {
            events: [{ type: 'config.updated', at: T0 + 6, day: DAY, config: config('Xã B2') }],
            ctx: { actor: 'user:admin' },
            rows: [{ kind: 'config', config: config('Xã B2'), at: T0 + 6 }],
          },
        ]);
        expect((await store.site('xa-b').readConfig())?.site.name).toBe('Xã B2');
        expect((await store.site('xa-a').readConfig())?.site.name).toBe('Xã A mới');
      });
    });

    it('keeps the catalogue of fields in its order, replaced whole', async () => {
      expect(await store.readCatalogue()).toEqual([]);
      await store.writeCatalogue(
        [
          { code: 'HT', name: 'Hộ tịch' },
          { code: 'DD', name: 'Đất đai' },
        ],
        T0,
      );
      expect(await store.readCatalogue()).toEqual([
        { code: 'HT', name: 'Hộ tịch' },
        { code: 'DD', name: 'Đất đai' },
      ]);
      await store.writeCatalogue([{ code: 'DD', name: 'Đất đai – Nhà ở' }], T0 + 1);
      expect(await store.readCatalogue()).toEqual([{ code: 'DD', name: 'Đất đai – Nhà ở' }]);
    });

    describe('people', () => {
      const person = (username: string, sites: string[] | null, role = 'clerk' as const) => ({
        username,
        name: `Tên ${username}`,
        role,
        passwordHash: `hash-${username}`,
        sites,
      });

      it('keeps each person with the sites they work at, and lists a site’s people', async () => {
        await twoSites();
        await store.createUser(person('cb-a', ['xa-a']), T0);
        await store.createUser(person('cb-ab', ['xa-a', 'xa-b']), T0);
        await store.createUser({ ...person('tinh', null), role: 'admin' }, T0);
        expect(await store.findUser('cb-ab')).toEqual({
          ...person('cb-ab', ['xa-a', 'xa-b']),
          disabled: false,
        });
        expect(await store.findUser('khong-co')).toBeNull();
        const names = async (site: string | null) =>
          (await store.listUsers(site)).map((u) => u.username).sort();
        expect(await names('xa-a')).toEqual(['cb-a', 'cb-ab', 'tinh']);
        expect(await names('xa-b')).toEqual(['cb-ab', 'tinh']);
        expect(await names(null)).toEqual(['cb-a', 'cb-ab', 'tinh']);
        expect((await store.listUsers('xa-b')).find((u) => u.username === 'tinh')).toEqual({
          username: 'tinh',
          name: 'Tên tinh',
          role: 'admin',
          disabled: false,
          sites: null,
        });

        expect(await store.setUserSites('cb-a', ['xa-b'], T0)).toBe(true);
        expect(await names('xa-a')).toEqual(['cb-ab', 'tinh']);
        expect((await store.findUser('cb-a'))?.sites).toEqual(['xa-b']);
        expect(await store.setUserSites('khong-co', null, T0)).toBe(false);
        await expect(store.createUser(person('cb-a', null), T0)).rejects.toThrow();
      });

      it('keeps a guide ("hướng dẫn") and a session at their desk, and no unknown role', async () => {
        await twoSites();
        await store.createUser({ ...person('hd-a', ['xa-a']), role: 'guide' }, T0);
        expect((await store.findUser('hd-a'))?.role).toBe('guide');
        await store.createSession({ ...session('h-hd', 'hd-a', 'xa-a'), counterId: 'ban-1' }, T0);
        expect((await store.findSession('h-hd'))?.counterId).toBe('ban-1');
        await expect(
          store.createUser({ ...person('la', ['xa-a']), role: 'janitor' as 'guide' }, T0),
        ).rejects.toThrow();
      });

      const session = (tokenHash: string, username: string, siteId: string, id = tokenHash) => ({
        tokenHash,
        id: `id-${id}`,
        username,
        siteId,
        counterId: 'c1',
        ttlMs: 3_600_000,
        address: '10.0.0.5',
        userAgent: 'Firefox',
      });

      it('keeps sessions with the site signed in at; lists, touches and ends them', async () => {
        await twoSites();
        await store.createUser(person('cb', ['xa-a', 'xa-b']), T0);
        await store.createSession(session('h1', 'cb', 'xa-a'), T0);
        await store.createSession(session('h2', 'cb', 'xa-b'), T0 + 1);
        expect(await store.findSession('h1')).toEqual({
          id: 'id-h1',
          username: 'cb',
          siteId: 'xa-a',
          counterId: 'c1',
          createdAt: T0,
          expiresAt: T0 + 3_600_000,
          endedAt: null,
          lastSeenAt: T0,
        });
        expect(await store.findSession('khong-co')).toBeNull();
        await store.touchSession('h1', T0 + 500);
        expect((await store.findSession('h1'))?.lastSeenAt).toBe(T0 + 500);

        const open = async (site: string | null, seenSince = 0) =>
          (await store.listOpenSessions(site, T0 + 1000, seenSince)).map((s) => s.id);
        expect(await open(null)).toEqual(['id-h1', 'id-h2']);
        expect(await open('xa-b')).toEqual(['id-h2']);
        expect(await open(null, T0 + 1)).toEqual(['id-h1']);
        const [listed] = await store.listOpenSessions('xa-a', T0 + 1000, 0);
        expect(listed).toEqual({
          id: 'id-h1',
          username: 'cb',
          siteId: 'xa-a',
          name: 'Tên cb',
          role: 'clerk',
          counterId: 'c1',
          createdAt: T0,
          lastSeenAt: T0 + 500,
          address: '10.0.0.5',
          userAgent: 'Firefox',
        });
        // Expired sessions are not open (h1 expires at T0 + 1 h, h2 a millisecond later).
        expect(await store.listOpenSessions(null, T0 + 3_600_000, 0)).toHaveLength(1);

        expect(await store.endSessionById('id-h2', T0 + 2)).toEqual({
          tokenHash: 'h2',
          username: 'cb',
          siteId: 'xa-b',
        });
        expect(await store.endSessionById('id-h2', T0 + 3)).toBeNull();
        expect((await store.findSession('h2'))?.endedAt).toBe(T0 + 2);
        await store.endSession('h1', T0 + 4);
        expect(await open(null)).toEqual([]);
      });

      it('ends other sessions with a new password, all of them when disabled', async () => {
        await twoSites();
        await store.createUser(person('cb', ['xa-a']), T0);
        await store.createUser(person('khac', ['xa-a']), T0);
        for (const h of ['s1', 's2', 's3']) await store.createSession(session(h, 'cb', 'xa-a'), T0);
        await store.createSession(session('k1', 'khac', 'xa-a'), T0);

        expect(await store.setPassword('cb', 'moi', T0 + 1, 's2')).toBe(true);
        expect((await store.findUser('cb'))?.passwordHash).toBe('moi');
        expect((await store.findSession('s1'))?.endedAt).toBe(T0 + 1);
        expect((await store.findSession('s2'))?.endedAt).toBeNull();
        expect((await store.findSession('k1'))?.endedAt).toBeNull();
        expect(await store.setPassword('khong-co', 'x', T0)).toBe(false);

        expect(await store.setDisabled('cb', true, T0 + 2)).toBe(true);
        expect((await store.findUser('cb'))?.disabled).toBe(true);
        expect((await store.findSession('s2'))?.endedAt).toBe(T0 + 2);
        expect(await store.setDisabled('cb', false, T0 + 3)).toBe(true);
        expect((await store.findUser('cb'))?.disabled).toBe(false);
        expect(await store.setDisabled('khong-co', true, T0)).toBe(false);

        expect(await store.endSessionsOfUser('khac', T0 + 4)).toBe(1);
        expect(await store.endSessionsOfUser('khac', T0 + 5)).toBe(0);
      });

      it('purges sessions that ended or expired before a time', async () => {
        await store.createSite('xa-a', config('Xã A'), T0);
        await store.createUser(person('cb', ['xa-a']), T0);
        await store.createSession(session('ended', 'cb', 'xa-a'), T0);
        await store.createSession({ ...session('short', 'cb', 'xa-a'), ttlMs: 10 }, T0);
        await store.createSession(session('open', 'cb', 'xa-a'), T0);
        await store.endSession('ended', T0 + 5);
        expect(await store.purgeSessions(T0 + 20)).toBe(2);
        expect(await store.findSession('ended')).toBeNull();
        expect(await store.findSession('short')).toBeNull();
        expect(await store.findSession('open')).not.toBeNull();
      });
    });

    describe("a site's log", () => {
      it('numbers events per site from 1 with no gaps, and reads them back', async () => {
        await twoSites();
        const a = store.site('xa-a');
        const b = store.site('xa-b');
        expect(await a.append([issue('a1', 1), issue('a2', 2)])).toEqual([[1], [2]]);
        expect(await b.append([issue('b1', 1)])).toEqual([[1]]);
        expect(await a.append([serve('a1')])).toEqual([[3, 4, 5, 6]]);
        expect(await a.append([issue('a3', 1, { day: NEXT_DAY })])).toEqual([[7]]);

        expect(await a.lastSeq()).toBe(7);
        expect(await b.lastSeq()).toBe(1);
        expect(await a.latestDay()).toBe(NEXT_DAY);
        expect(seqsOf(await a.eventsOfDay(DAY))).toEqual([1, 2, 3, 4, 5, 6]);
        expect(seqsOf(await a.eventsAfter(4))).toEqual([5, 6, 7]);
        expect(seqsOf(await b.eventsAfter(0))).toEqual([1]);
        const [first] = await a.eventsAfter(0);
        expect(first).toEqual({ seq: 1, event: issue('a1', 1).events[0] });
        expect((await b.eventsAfter(0))[0]!.event).toEqual(issue('b1', 1).events[0]);
        // Nothing stored: no sequence number used.
        expect(await a.append([])).toEqual([]);
        expect(await a.lastSeq()).toBe(7);
      });

      it('stores a group of commands whole or not at all', async () => {
        await store.createSite('xa-a', config('Xã A'), T0);
        const a = store.site('xa-a');
        await a.append([issue('a1', 1)]);
        // The second command reuses number 1 of the day and field: the safety net refuses it.
        await expect(a.append([issue('a2', 2), issue('a3', 1)])).rejects.toThrow();
        expect(await a.lastSeq()).toBe(1);
        expect(seqsOf(await a.eventsAfter(0))).toEqual([1]);
        expect(await a.ticketSnapshot('a2')).toBeNull();
        expect(await a.append([issue('a2', 2)])).toEqual([[2]]);
      });

      it('refuses the same ticket number twice on one site and day, not across sites', async () => {
        await twoSites();
        await store.site('xa-a').append([issue('t1', 1)]);
        await expect(store.site('xa-a').append([issue('t2', 1)])).rejects.toThrow();
        expect(await store.site('xa-b').append([issue('t1', 1)])).toEqual([[1]]);
        expect(await store.site('xa-a').append([issue('t3', 1, { day: NEXT_DAY })])).toEqual([[2]]);
      });

      it("keeps tickets' rows: request keys, issuer, snapshot, phone link to the site", async () => {
        await twoSites();
        const a = store.site('xa-a');
        await a.append([issue('a1', 1, { tokenHash: 'phone-1', requestKey: 'device:k1:r1' })]);
        await a.append([serve('a1')]);
        expect(await a.ticketIdByRequestKey('device:k1:r1')).toBe('a1');
        expect(await a.ticketIdByRequestKey('device:k1:r2')).toBeNull();
        expect(await a.ticketIssuer('a1')).toBe('device:kiosk-1');
        expect(await a.ticketIssuer('khong-co')).toBeNull();
        expect(await a.ticketSnapshot('a1')).toEqual({
          ...ticket('a1', 1),
          // Issued with no promise stamped: it reads back as none promised.
          estimatedWaitMinutes: null,
          status: 'done',
          counterId: 'c1',
          clerkId: 'cb1',
          calledAt: T0 + 60_000,
          finishedAt: T0 + 121_000,
          rating: 3,
          issueSeq: 0,
        });
        expect(await store.ticketByTokenHash('phone-1')).toEqual({
          siteId: 'xa-a',
          ticketId: 'a1',
        });
        expect(await store.ticketByTokenHash('khong-co')).toBeNull();
        // Another site sees none of it.
        const b = store.site('xa-b');
        expect(await b.ticketSnapshot('a1')).toBeNull();
        expect(await b.ticketIdByRequestKey('device:k1:r1')).toBeNull();
        expect(await b.ticketIssuer('a1')).toBeNull();
      });

      it('hands a turn the events stored since, and stores nothing when it fails', async (ctx) => {
        await store.createSite('xa-a', config('Xã A'), T0);
        const a = store.site('xa-a');
        if (!a.turn) return ctx.skip();
        await a.append([issue('a1', 1), issue('a2', 2)]);
        let seen: number[] = [];
        const seqs = await a.turn(1, async (missed) => {
          seen = seqsOf(missed);
          return [issue('a3', 3)];
        });
        expect(seen).toEqual([2]);
        expect(seqs).toEqual([[3]]);
        await expect(
          a.turn(3, async () => {
            throw new Error('decided nothing');
          }),
        ).rejects.toThrow('decided nothing');
        await expect(a.turn(3, async () => [issue('a4', 4), issue('a5', 1)])).rejects.toThrow();
        expect(await a.lastSeq()).toBe(3);
        expect(await a.turn(3, async (missed) => (missed.length ? [] : [issue('a4', 4)]))).toEqual([
          [4],
        ]);
      });
    });

    describe('devices', () => {
      const device = (id: string, tokenHash: string) => ({
        id,
        kind: 'kiosk' as const,
        name: `Máy ${id}`,
        counterId: null,
        speaks: true,
        tokenHash,
      });

      it("are paired to one site, found by token across the province, never by another site's id", async () => {
        await twoSites();
        const a = store.site('xa-a');
        const b = store.site('xa-b');
        await a.createDevice(device('kiosk-1', 'tok-a'), T0);
        await b.createDevice(device('kiosk-1', 'tok-b'), T0);
        await a.createDevice({ ...device('bang', 'tok-c'), kind: 'display', speaks: false }, T0);
        expect(await a.deviceById('kiosk-1')).toEqual({
          siteId: 'xa-a',
          id: 'kiosk-1',
          kind: 'kiosk',
          name: 'Máy kiosk-1',
          counterId: null,
          speaks: true,
          createdAt: T0,
          revokedAt: null,
          lastSeenAt: null,
        });
        expect((await store.deviceByTokenHash('tok-b'))?.siteId).toBe('xa-b');
        expect(await store.deviceByTokenHash('khong-co')).toBeNull();
        expect(await b.deviceById('bang')).toBeNull();
        expect((await a.listDevices()).map((d) => d.id)).toEqual(['bang', 'kiosk-1']);
        expect((await b.listDevices()).map((d) => d.id)).toEqual(['kiosk-1']);

        await a.touchDevice('kiosk-1', T0 + 9);
        expect((await a.deviceById('kiosk-1'))?.lastSeenAt).toBe(T0 + 9);
        expect((await b.deviceById('kiosk-1'))?.lastSeenAt).toBeNull();
        expect(await b.revokeDevice('bang', T0)).toBe(false);
        expect(await a.revokeDevice('kiosk-1', T0 + 10)).toBe(true);
        expect(await a.revokeDevice('kiosk-1', T0 + 11)).toBe(false);
        expect((await store.deviceByTokenHash('tok-a'))?.revokedAt).toBe(T0 + 10);
        expect((await b.deviceById('kiosk-1'))?.revokedAt).toBeNull();
        // A token is unique across the province.
        await expect(b.createDevice(device('kiosk-2', 'tok-a'), T0)).rejects.toThrow();
      });
    });

    it("keeps each site's audit trail, newest first, in pages, and purges it", async () => {
      await twoSites();
      const a = store.site('xa-a');
      const b = store.site('xa-b');
      const entry = (at: number, target: string) => ({
        at,
        actor: 'admin',
        action: 'device.pair' as const,
        target,
        detail: { kind: 'kiosk' as const, name: target },
      });
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await a.appendAudit(entry(T0 + i, `d${i}`)));
      await b.appendAudit(entry(T0, 'b0'));
      const page = await a.listAudit(2);
      expect(page.map((e) => e.target)).toEqual(['d4', 'd3']);
      expect(page[0]).toEqual({ id: ids[4], ...entry(T0 + 4, 'd4') });
      expect((await a.listAudit(10, page[1]!.id)).map((e) => e.target)).toEqual(['d2', 'd1', 'd0']);
      expect((await b.listAudit(10)).map((e) => e.target)).toEqual(['b0']);
      expect(await a.purgeAudit(T0 + 2)).toBe(2);
      expect((await a.listAudit(10)).map((e) => e.target)).toEqual(['d4', 'd3', 'd2']);
      expect(await b.listAudit(10)).toHaveLength(1);
    });

    describe('report days and retention', () => {
      it('packs closed days one at a time, each site its own', async () => {
        await twoSites();
        const a = store.site('xa-a');
        await a.append([issue('a1', 1), serve('a1')]);
        await a.append([issue('a2', 1, { day: NEXT_DAY, at: T0 + 86_400_000 })]);
        await store.site('xa-b').append([issue('b1', 1)]);
        expect(await a.packNextDayBefore('2026-11-30', T0, '')).toBe(DAY);
        expect(await a.packNextDayBefore('2026-11-30', T0, DAY)).toBe(NEXT_DAY);
        expect(await a.packNextDayBefore('2026-11-30', T0, NEXT_DAY)).toBeNull();
        // Already packed: nothing left before today.
        expect(await a.packNextDayBefore('2026-11-30', T0, '')).toBeNull();
        // Today is never packed.
        expect(await store.site('xa-b').packNextDayBefore(DAY, T0, '')).toBeNull();
        expect(await store.site('xa-b').packNextDayBefore(NEXT_DAY, T0, '')).toBe(DAY);
      });

      it('purges the oldest day with its rows, never the newest day, one site only', async () => {
        await twoSites();
        const a = store.site('xa-a');
        const b = store.site('xa-b');
        await a.append([issue('a1', 1, { tokenHash: 'p1' }), serve('a1')]);
        await a.append([issue('a2', 1, { day: NEXT_DAY, at: T0 + 86_400_000 })]);
        await b.append([issue('b1', 1), serve('b1')]);
        await b.append([issue('b2', 1, { day: NEXT_DAY, at: T0 + 86_400_000 })]);

        expect(await a.purgeOldestDayBefore('2026-12-31', T0)).toEqual({
          day: DAY,
          events: 5,
          tickets: 1,
          services: 1,
        });
        expect(await a.eventsOfDay(DAY)).toEqual([]);
        expect(await a.ticketSnapshot('a1')).toBeNull();
        expect(await store.ticketByTokenHash('p1')).toBeNull();
        // The newest stored day stays, and so does the other site.
        expect(await a.purgeOldestDayBefore('2026-12-31', T0)).toBeNull();
        expect(seqsOf(await a.eventsOfDay(NEXT_DAY))).toEqual([6]);
        expect(await a.lastSeq()).toBe(6);
        expect(seqsOf(await b.eventsOfDay(DAY))).toEqual([1, 2, 3, 4, 5]);
        expect(await b.ticketSnapshot('b1')).not.toBeNull();
        // Numbering goes on after a purge: no sequence number is used twice.
        expect(await a.append([issue('a3', 2, { day: NEXT_DAY })])).toEqual([[7]]);
      });
    });

    describe('messages', () => {
      const message = (id: string, key: string, extra: Partial<NewMessage> = {}): NewMessage => ({
        id,
        key,
        siteId: 'xa-a',
        kind: 'near',
        channel: 'sms',
        recipient: 'sealed:' + id,
        masked: '*******678',
        text: 'Còn 3 người trước quý khách',
        data: { number: '1023' },
        at: T0,
        ...extra,
      });

      it('stores one message per key, claims due ones once, leases them, and clears the recipient', async () => {
        await twoSites();
        expect(await store.enqueueMessages([message('m1', 'xa-a/t1/near')])).toBe(1);
        expect(await store.enqueueMessages([message('m1b', 'xa-a/t1/near')])).toBe(0);
        // A batch: each new key stored once, a key twice in one batch stored once.
        expect(
          await store.enqueueMessages([
            message('m2', 'xa-a/t2/near', { notBefore: T0 + 60_000 }),
            message('m3', 'xa-b/t3/near', { siteId: 'xa-b' }),
            message('m3b', 'xa-b/t3/near', { siteId: 'xa-b' }),
          ]),
        ).toBe(2);

        const first = await store.claimMessages(T0, 10, 30_000);
        expect(first.map((m) => m.id).sort()).toEqual(['m1', 'm3']);
        expect(first.find((m) => m.id === 'm1')).toMatchObject({
          siteId: 'xa-a',
          recipient: 'sealed:m1',
          data: { number: '1023' },
          attempts: 1,
        });
        // Claimed: nobody else gets them while the lease holds.
        expect(await store.claimMessages(T0 + 1000, 10, 30_000)).toEqual([]);
        // A sender that died: the lease runs out and the message is claimed again.
        const again = await store.claimMessages(T0 + 60_000, 10, 30_000);
        expect(again.map((m) => [m.id, m.attempts]).sort()).toEqual([
          ['m1', 2],
          ['m2', 1],
          ['m3', 2],
        ]);

        await store.finishMessages(['m1'], { status: 'sent', at: T0 + 61_000 });
        await store.retryMessage('m2', T0 + 120_000, 'HTTP 500');
        await store.finishMessages(['m3'], { status: 'failed', at: T0 + 61_000, error: 'quá hạn' });
        expect(await store.countMessages('xa-a')).toEqual({
          pending: 1,
          sending: 0,
          sent: 1,
          failed: 0,
        });
        expect(await store.countMessages('xa-b')).toEqual({
          pending: 0,
          sending: 0,
          sent: 0,
          failed: 1,
        });
        const list = await store.listMessages('xa-a', 10);
        expect(list.find((m) => m.id === 'm2')).toMatchObject({
          status: 'pending',
          lastError: 'HTTP 500',
          nextAt: T0 + 120_000,
          masked: '*******678',
        });
        expect(list.find((m) => m.id === 'm1')).toMatchObject({
          status: 'sent',
          sentAt: T0 + 61_000,
        });
        // Sent or failed: the recipient is gone from the store.
        expect(await store.claimMessages(T0 + 10 * 3_600_000, 10, 30_000)).toEqual([
          expect.objectContaining({ id: 'm2', recipient: 'sealed:m2' }),
        ]);
        expect(await store.purgeMessages('xa-a', T0 + 1)).toBe(2);
        expect(await store.listMessages('xa-a', 10)).toEqual([]);
        expect(await store.listMessages('xa-b', 10)).toHaveLength(1);
      });

      it("keeps contacts per subject and channel, moves a booking's to its ticket, deletes them", async () => {
        await twoSites();
        const contact = (
          subject: string,
          channel: 'phone' | 'push',
          slotAt: number | null = null,
        ) => ({
          siteId: 'xa-a',
          subject,
          channel,
          recipient: `sealed:${subject}:${channel}`,
          masked: channel === 'push' ? 'Web Push' : '*******678',
          slotAt,
        });
        await store.saveContact(contact('ticket:t1', 'phone'), T0);
        await store.saveContact(contact('ticket:t1', 'push'), T0);
        await store.saveContact(contact('booking:b1', 'phone', T0 + 86_400_000), T0);
        await store.saveContact({ ...contact('ticket:t1', 'phone'), siteId: 'xa-b' }, T0);
        expect(
          (await store.contactsOf('xa-a', ['ticket:t1', 'ticket:t9'])).map((c) => c.channel),
        ).toEqual(['phone', 'push']);
        expect(await store.contactsWithSlotIn('xa-a', T0, T0 + 2 * 86_400_000)).toEqual([
          contact('booking:b1', 'phone', T0 + 86_400_000),
        ]);
        await store.moveContacts('xa-a', 'booking:b1', 'ticket:t2');
        expect(await store.contactsOf('xa-a', ['booking:b1'])).toEqual([]);
        expect(await store.contactsOf('xa-a', ['ticket:t2'])).toEqual([
          { ...contact('booking:b1', 'phone'), subject: 'ticket:t2' },
        ]);
        expect(await store.deleteContacts('xa-a', 'ticket:t1')).toBe(2);
        expect(await store.contactsOf('xa-a', ['ticket:t1'])).toEqual([]);
        expect(await store.contactsOf('xa-b', ['ticket:t1'])).toHaveLength(1);
      });

      it('keeps message settings per site and makes each secret once', async () => {
        await twoSites();
        expect(await store.readMessageSettings('xa-a')).toBeNull();
        await store.writeMessageSettings('xa-a', { sms: { enabled: true } }, T0);
        expect(await store.readMessageSettings('xa-a')).toEqual({ sms: { enabled: true } });
        expect(await store.readMessageSettings('xa-b')).toBeNull();
        expect(await store.secret('k', () => 'first', T0)).toBe('first');
        expect(await store.secret('k', () => 'second', T0)).toBe('first');
      });
    });
    describeCitizenStore(() => store);
    describeIdCardStore(() => store);
    describeMediaStore(() => store);
    describeApiKeyStore(() => store);
    describeWebhookStore(() => store);
  });
}

let bookingNumber = 0;
/** A booking of slot 09:00 (field ho-tich, site xa-a, DAY) by `phone`, with a fresh id and code. */
function booking(phone: string, extra: Partial<NewBooking> = {}): NewBooking {
  bookingNumber++;
  return {
    id: `bk-${bookingNumber}`,
    siteId: 'xa-a',
    fieldId: 'ho-tich',
    day: DAY,
    start: '09:00',
    slotAt: T0,
    code: `C${String(bookingNumber).padStart(5, '0')}`.slice(-6),
    createdAt: T0 - 86_400_000,
    kind: 'slot',
    phoneHash: `phone-${phone}`,
    tokenHash: `token-${bookingNumber}`,
    ticketTokenHash: `ticket-token-${bookingNumber}`,
    ...extra,
  };
}

/** The citizens' part of the port (issue 14): bookings, limits, codes, sign-ins, purge. */
function describeCitizenStore(current: () => ProvinceStore): void {
  describe('citizens', () => {
    it('gives the last places of a slot to exactly as many of 50 citizens booking at once', async () => {
      const store = current();
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.book(booking(`p${i}`), { capacity: 3, openBookings: 2 }),
        ),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
      expect(outcomes.filter((o) => !o.ok && o.code === 'SLOT_FULL')).toHaveLength(47);
      expect(await store.slotTakings('xa-a', 'ho-tich', DAY)).toEqual({ '09:00': 3 });
    });

    it('holds one phone to its open bookings, even when it books many slots at once', async () => {
      const store = current();
      const outcomes = await Promise.all(
        ['08:00', '08:15', '08:30', '08:45', '09:00'].map((start) =>
          store.book(booking('same', { start }), { capacity: 5, openBookings: 2 }),
        ),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
      expect(outcomes.filter((o) => !o.ok && o.code === 'LIMIT_REACHED')).toHaveLength(3);
      expect(await store.openBookingsOf('phone-same')).toBe(2);
    });

    it('refuses a code in use that day at the site, and finds bookings by code and by secret', async () => {
      const store = current();
      const first = booking('a', { code: 'ABCDEF' });
      expect(await store.book(first, { capacity: 5, openBookings: 5 })).toEqual({ ok: true });
      expect(
        await store.book(booking('b', { code: 'ABCDEF' }), { capacity: 5, openBookings: 5 }),
      ).toEqual({
        ok: false,
        code: 'CODE_TAKEN',
      });
      expect(
        await store.book(booking('c', { code: 'ABCDEF', day: NEXT_DAY }), {
          capacity: 5,
          openBookings: 5,
        }),
      ).toEqual({ ok: true });
      const found = await store.bookingByCode('xa-a', DAY, 'ABCDEF');
      expect(found).toMatchObject({
        id: first.id,
        status: 'booked',
        kind: 'slot',
        phoneHash: 'phone-a',
        slotAt: T0,
        ticketId: null,
        ticketTokenHash: first.ticketTokenHash,
      });
      expect((await store.bookingByTokenHash(first.tokenHash!))?.id).toBe(first.id);
      expect(await store.bookingByCode('xa-b', DAY, 'ABCDEF')).toBeNull();
    });

    it('moves a booking only from the status it is in; a cancelled one frees its place', async () => {
      const store = current();
      const b = booking('a');
      await store.book(b, { capacity: 1, openBookings: 5 });
      expect(await store.book(booking('b'), { capacity: 1, openBookings: 5 })).toMatchObject({
        ok: false,
      });
      expect(await store.moveBooking(b.id, 'booked', 'cancelled', T0)).toBe(true);
      expect(await store.moveBooking(b.id, 'booked', 'released', T0)).toBe(false);
      expect((await store.bookingByCode('xa-a', DAY, b.code))?.status).toBe('cancelled');
      expect(await store.openBookingsOf('phone-a')).toBe(0);
      const c = booking('c');
      expect(await store.book(c, { capacity: 1, openBookings: 5 })).toEqual({ ok: true });
      expect(await store.moveBooking(c.id, 'booked', 'checked_in', T0, 't-9')).toBe(true);
      expect(await store.bookingByCode('xa-a', DAY, c.code)).toMatchObject({
        status: 'checked_in',
        ticketId: 't-9',
        updatedAt: T0,
      });
      // Checked in still holds its place, but is no longer open.
      expect(await store.slotTakings('xa-a', 'ho-tich', DAY)).toEqual({ '09:00': 1 });
      expect(await store.openBookingsOf('phone-c')).toBe(0);
    });

    it('lists booked slots that have begun, and keeps remote numbers out of slots and limits', async () => {
      const store = current();
      await store.book(booking('a', { start: '08:00', slotAt: T0 - 3_600_000 }), {
        capacity: 5,
        openBookings: 5,
      });
      await store.book(booking('b', { start: '10:00', slotAt: T0 + 3_600_000 }), {
        capacity: 5,
        openBookings: 5,
      });
      const remote = booking('a', {
        kind: 'remote',
        tokenHash: null,
        ticketTokenHash: null,
        code: 'REMOTE',
      });
      expect(await store.addRemoteBooking({ ...remote, ticketId: 't-1' })).toBe(true);
      expect(await store.addRemoteBooking({ ...remote, id: 'other', ticketId: 't-2' })).toBe(false);
      expect((await store.bookingsBegunBefore('xa-a', T0)).map((b) => b.start)).toEqual(['08:00']);
      expect(await store.openBookingsOf('phone-a')).toBe(1);
      expect(await store.bookingByCode('xa-a', DAY, 'REMOTE')).toMatchObject({
        kind: 'remote',
        ticketId: 't-1',
      });
    });

    it('counts numbers per phone and day across sites, up to the limit, even all at once', async () => {
      const store = current();
      const ids = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.reserveNumber(
            { phoneHash: 'p', day: DAY, siteId: i % 2 ? 'xa-a' : 'xa-b', at: T0 },
            2,
          ),
        ),
      );
      const taken = ids.filter((id): id is number => id !== null);
      expect(taken).toHaveLength(2);
      await store.settleNumber(taken[0]!, 't-1');
      await store.settleNumber(taken[1]!, null);
      expect(await store.numbersOf('p', DAY)).toBe(1);
      expect(await store.numbersOf('p', NEXT_DAY)).toBe(0);
    });

    it('checks one-time codes: used once, void once expired or tried too often', async () => {
      const store = current();
      await store.putCode({ phoneHash: 'p', codeHash: 'h1', at: T0, expiresAt: T0 + 300_000 });
      expect(await store.codeMadeAt('p')).toBe(T0);
      expect(await store.useCode('p', 'nope', T0 + 1, 5)).toBe('wrong');
      expect(await store.useCode('p', 'h1', T0 + 2, 5)).toBe('ok');
      expect(await store.useCode('p', 'h1', T0 + 3, 5)).toBe('wrong');
      await store.putCode({ phoneHash: 'p', codeHash: 'h2', at: T0, expiresAt: T0 + 300_000 });
      expect(await store.useCode('p', 'h2', T0 + 300_000, 5)).toBe('wrong');
      await store.putCode({ phoneHash: 'p', codeHash: 'h3', at: T0, expiresAt: T0 + 300_000 });
      for (let i = 0; i < 2; i++) expect(await store.useCode('p', 'x', T0, 2)).toBe('wrong');
      expect(await store.useCode('p', 'h3', T0, 2)).toBe('wrong');
    });

    it('counts attempts under every key and refuses once one key is at its limit, even all at once', async () => {
      const store = current();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.attempt(['phone:p', 'addr:a'], T0 - 1000, 5, T0)),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(5);
      expect(await store.attempt(['phone:q', 'addr:a'], T0 - 1000, 5, T0)).toBeNull();
      // Outside the window they no longer count; taken back, they never did.
      expect(await store.attempt(['phone:q', 'addr:a'], T0 + 1, 5, T0 + 2)).not.toBeNull();
      const first = results.find((r) => r !== null)!;
      await store.forgetAttempts(first);
      expect(await store.attempt(['phone:p'], T0 - 1000, 5, T0)).not.toBeNull();
      expect(await store.oldestAttempt('phone:p', T0 - 1000)).toBe(T0);
      expect(await store.oldestAttempt('phone:none', 0)).toBeNull();
    });

    it('keeps a citizen sign-in until it expires, and one key for keyed hashes', async () => {
      const store = current();
      await store.createCitizenSession({
        tokenHash: 'tk',
        phoneHash: 'p',
        phoneSealed: 'sealed',
        at: T0,
        expiresAt: T0 + 10,
      });
      expect(await store.citizenSession('tk', T0 + 9)).toEqual({
        phoneHash: 'p',
        phoneSealed: 'sealed',
        expiresAt: T0 + 10,
      });
      expect(await store.citizenSession('tk', T0 + 10)).toBeNull();
      expect(await store.citizenSession('other', T0)).toBeNull();
      const key = await store.secret('citizen-key', () => 'k'.repeat(43), T0);
      expect(await store.secret('citizen-key', () => 'other', T0)).toBe(key);
    });

    it("purges a site's bookings of days past, and what has expired everywhere", async () => {
      const store = current();
      await store.book(booking('a'), { capacity: 5, openBookings: 5 });
      await store.book(booking('b', { day: NEXT_DAY }), { capacity: 5, openBookings: 5 });
      await store.book(booking('c', { siteId: 'xa-b' }), { capacity: 5, openBookings: 5 });
      await store.reserveNumber({ phoneHash: 'p', day: DAY, siteId: 'xa-a', at: T0 }, 5);
      await store.putCode({ phoneHash: 'p', codeHash: 'h', at: T0, expiresAt: T0 + 10 });
      await store.createCitizenSession({
        tokenHash: 'tk',
        phoneHash: 'p',
        phoneSealed: 'sealed',
        at: T0,
        expiresAt: T0 + 10,
      });
      await store.attempt(['phone:p'], 0, 5, T0);
      expect(await store.purgeCitizens('xa-a', { day: NEXT_DAY }, T0 + 10 + 86_400_000)).toBe(5);
      expect(await store.slotTakings('xa-a', 'ho-tich', DAY)).toEqual({});
      expect(await store.slotTakings('xa-a', 'ho-tich', NEXT_DAY)).toEqual({ '09:00': 1 });
      expect(await store.slotTakings('xa-b', 'ho-tich', DAY)).toEqual({ '09:00': 1 });
      expect(await store.numbersOf('p', DAY)).toBe(0);
      expect(await store.codeMadeAt('p')).toBeNull();
    });
  });
}
