// Two sites on one hub: whatever one site's people and devices send, every event and every
// route, the other site's queue, people, sessions, devices and audit trail stay as they were.
// Both sites use the same field and counter ids (as sites of a province's catalogue would), so
// "c1" at one site must never mean the other's.
import { CLIENT_EVENT_NAMES, type ClientEventName } from '@luot/protocol';
import type { HubSocket } from '@luot/hub-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, staffApi, startTestHub, type TestHub } from '../testing/index.ts';
import { PASSWORD } from '../testing/test-hub.ts';

const A = 'xa-a';
const B = 'xa-b';

let t: TestHub;
/** Site B: a ticket called at its counter 1 by its clerk, whose socket stays open throughout. */
let bTicket: { id: string; label: string; token: string };
let bClerk: HubSocket;
let bAdminToken: string;

beforeAll(async () => {
  t = await startTestHub({ sites: [A, B], counters: 2 });
  const { socket: kiosk } = await t.connectReady(t.tokens[`${B}/kiosk`]!);
  const issued = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  if (!issued.ok) throw new Error(issued.error.code);
  bTicket = {
    id: issued.data.ticket.id,
    label: issued.data.ticket.label,
    token: issued.data.token,
  };
  kiosk.disconnect();
  const clerk = await t.login(`${B}.cb1`, 'c1', B);
  ({ socket: bClerk } = await t.connectReady(clerk.token));
  const called = await request(bClerk, 'counter:callNext', {});
  expect(called.ok && called.data.id).toBe(bTicket.id);
  bAdminToken = (await t.login(`${B}.admin`, undefined, B)).token;
});

afterAll(async () => {
  await t?.close();
});

/** What site B holds, read through its own administrator and store. */
async function siteB() {
  const { snapshot } = await t.connectReady(bAdminToken);
  const users = await staffApi<{ username: string; disabled: boolean }[]>(
    t.url,
    bAdminToken,
    'GET',
    '/api/admin/users',
  );
  const devices = await staffApi<{ id: string; revokedAt: number | null }[]>(
    t.url,
    bAdminToken,
    'GET',
    '/api/admin/devices',
  );
  const sessions = await staffApi<{ id: string }[]>(
    t.url,
    bAdminToken,
    'GET',
    '/api/admin/sessions',
  );
  return {
    seq: snapshot.seq,
    ticket: snapshot.state.tickets[bTicket.id],
    counters: snapshot.state.counters,
    users: users.body.ok ? users.body.data : null,
    devices: devices.body.ok ? devices.body.data : null,
    sessions: sessions.body.ok ? sessions.body.data.map((s) => s.id).sort() : null,
    audit: t.province.site(B).listAudit(100),
  };
}

/** A payload for each event that names site B's things (its ticket, its clerk) or shared ids. */
function payloadFor(name: ClientEventName): unknown {
  const reason = 'thử từ điểm khác';
  switch (name) {
    case 'ticket:issue':
      return { fieldId: 'ho-tich' };
    case 'ticket:abandon':
      return { requestId: 'yeu-cau-1', reason };
    case 'ticket:cancel':
    case 'counter:callTicket':
      return name === 'ticket:cancel' ? { ticketId: bTicket.id, reason } : { ticketId: bTicket.id };
    case 'counter:transfer':
      return { to: { counterId: 'c2' }, reason };
    case 'counter:pause':
      return { reason };
    case 'counter:close':
    case 'counter:release':
    case 'ticket:recall':
      return { counterId: 'c1', reason };
    case 'clerk:signOut':
      return { username: `${B}.cb1`, reason };
    case 'ticket:move':
      return { ticketId: bTicket.id, to: { counterId: 'c2' }, reason };
    case 'rating:submit':
      return { ticketId: bTicket.id, score: 1 };
    case 'device:report':
      return { printer: { status: 'ok' } };
    default:
      return {};
  }
}

describe('two sites on one hub', () => {
  it("leaves site B as it was, whatever site A's devices and people send", async () => {
    const before = await siteB();
    expect(before.ticket?.status).toBe('called');
    const senders = [
      t.tokens.kiosk!,
      t.tokens.display!,
      t.tokens.pad1!,
      t.tokens.sign1!,
      (await t.login('cb1', 'c1')).token,
      (await t.login('giamsat')).token,
      (await t.login('admin')).token,
    ];
    const answers: string[] = [];
    for (const token of senders) {
      const { socket, snapshot } = await t.connectReady(token);
      // Every sender of A sees A: its name, and nothing of B's ticket.
      expect(snapshot.state.config.site.name).not.toBe(`Điểm ${B}`);
      expect(snapshot.state.tickets[bTicket.id]).toBeUndefined();
      for (const name of CLIENT_EVENT_NAMES) {
        if (name === 'ticket:view') continue;
        const answer = await request(socket, name, payloadFor(name) as never);
        answers.push(`${name}:${answer.ok ? 'ok' : answer.error.code}`);
      }
      socket.disconnect();
    }
    // The attempts on B's ticket and clerk found nothing at A.
    expect(answers).toContain('ticket:cancel:NOT_FOUND');
    expect(answers).toContain('clerk:signOut:NOT_FOUND');
    expect(answers).toContain('ticket:move:NOT_FOUND');
    const after = await siteB();
    expect(after).toEqual(before);
    expect(bClerk.connected).toBe(true);
  });

  it("refuses site A's administrator every route into site B", async () => {
    const before = await siteB();
    const admin = (await t.login('admin')).token;
    const call = (method: string, path: string, body?: unknown) =>
      staffApi(t.url, admin, method, path, body);
    expect((await call('GET', '/api/admin/users')).body).toMatchObject({ ok: true });
    const listed = (await call('GET', '/api/admin/users')).body;
    expect(
      listed.ok && (listed.data as { username: string }[]).map((u) => u.username),
    ).not.toContain(`${B}.cb1`);
    expect(
      (await call('POST', `/api/admin/users/${B}.cb1/password`, { password: 'mat-khau-moi-1' }))
        .status,
    ).toBe(404);
    expect(
      (await call('POST', `/api/admin/users/${B}.cb1/disabled`, { disabled: true })).status,
    ).toBe(404);
    const bSession = before.sessions![0]!;
    expect((await call('DELETE', `/api/admin/sessions/${bSession}`)).status).toBe(404);
    expect((await call('POST', '/api/session/site', { siteId: B })).status).toBe(404);
    const grab = await call('POST', '/api/admin/users', {
      username: 'ke-la',
      name: 'Người lạ',
      role: 'admin',
      password: PASSWORD,
      sites: [B],
    });
    expect(grab.status).toBe(403);
    const everywhere = await call('POST', '/api/admin/users', {
      username: 'ke-la',
      name: 'Người lạ',
      role: 'admin',
      password: PASSWORD,
      sites: null,
    });
    expect(everywhere.status).toBe(403);
    // A's clerk with the right password at B's counter: signed in nowhere.
    const wrongSite = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cb2', password: PASSWORD, counterId: 'c2', siteId: B }),
    });
    expect(wrongSite.status).toBe(403);
    expect(await siteB()).toEqual(before);
  });

  it('lets a province administrator move between sites and see each one only there', async () => {
    const tinh = (await t.login('tinh', undefined, A)).token;
    const sites = await staffApi<{ id: string }[]>(t.url, tinh, 'GET', '/api/sites');
    expect(sites.body.ok && sites.body.data.map((s) => s.id)).toEqual([A, B]);
    const atA = await t.connectReady(tinh);
    expect(atA.snapshot.state.tickets[bTicket.id]).toBeUndefined();
    const moved = await staffApi(t.url, tinh, 'POST', '/api/session/site', { siteId: B });
    expect(moved.body).toMatchObject({ ok: true, data: { siteId: B } });
    // The socket opened at A closes; a new one sees B.
    await expect.poll(() => atA.socket.connected).toBe(false);
    const atB = await t.connectReady(tinh);
    expect(atB.snapshot.state.tickets[bTicket.id]?.label).toBe(bTicket.label);
    const users = await staffApi<{ username: string }[]>(t.url, tinh, 'GET', '/api/admin/users');
    expect(users.body.ok && users.body.data.map((u) => u.username)).toContain(`${B}.cb1`);
    atB.socket.disconnect();
  });

  it("gives a phone link its own ticket's view at its own site only", async () => {
    const phone = t.connect(bTicket.token);
    const view = await new Promise<{ label: string; counterName: string | null }>((resolve) =>
      phone.once('ticket:view', (v) => resolve(v as never)),
    );
    expect(view.label).toBe(bTicket.label);
    phone.disconnect();
  });
});
