// Messages to citizens on real parts: a hub on a SQLite file with a fake clock, clerks and a
// kiosk over Socket.IO, and the fake eSMS/ZNS server over HTTP on loopback.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { issueTls } from '../tls-files.ts';
import {
  makePushSubscriber,
  request,
  staffApi,
  startFakeProvider,
  startTestHub,
  type FakeProvider,
  type TestHub,
} from '../../testing/index.ts';
import type { HubSocket } from '@luot/hub-client';

const PHONE = '84912345678';

let t: TestHub;
let fake: FakeProvider;
afterEach(async () => {
  await t?.close();
  await fake?.close();
});

/** The settings an admin saves: eSMS (and ZNS) at the fake. */
function settings(fakeUrl: string, extra: Record<string, unknown> = {}) {
  return {
    push: { enabled: false },
    sms: {
      enabled: true,
      baseUrl: fakeUrl,
      apiKey: 'khoa-api',
      secretKey: 'khoa-bi-mat',
      brandname: 'LUOT',
      smsType: '2',
    },
    zns: {
      enabled: false,
      baseUrl: fakeUrl,
      accessToken: '',
      templates: { code: '', near: '', called: '', 'not-served': '', reminder: '' },
    },
    phoneChannel: 'sms',
    codeChannel: 'sms',
    kinds: { near: true, called: true, 'not-served': true, reminder: true },
    ...extra,
  };
}

async function setUp(options: { providerTimeoutMs?: number } = {}) {
  fake = await startFakeProvider();
  t = await startTestHub({
    counters: 2,
    messages: { providerTimeoutMs: options.providerTimeoutMs ?? 10_000 },
  });
  const admin = await t.login('admin');
  const saved = await staffApi(
    t.url,
    admin.token,
    'PUT',
    '/api/admin/messages/settings',
    settings(fake.url),
  );
  expect(saved.status).toBe(200);
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const issue = async () => {
    t.clock.advance(60_000);
    const res = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    if (!res.ok) throw new Error(res.error.code);
    return res.data.ticket;
  };
  return { admin, kiosk, issue };
}

async function clerkAt(counterId: string): Promise<HubSocket> {
  const session = await t.login(`cb${counterId.slice(1)}`, counterId);
  return (await t.connectReady(session.token)).socket;
}

async function deliveryList(token: string) {
  const answer = await staffApi<{
    counts: Record<string, number>;
    messages: {
      kind: string;
      status: string;
      masked: string;
      attempts: number;
      lastError: string | null;
    }[];
  }>(t.url, token, 'GET', '/api/admin/messages');
  if (!answer.body.ok) throw new Error(answer.body.error.code);
  return answer.body.data;
}

describe('messages to a followed ticket', () => {
  it('tells the citizen by SMS when 3 are ahead and when called, once each; forgets the phone after', async () => {
    const { issue } = await setUp();
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push(await issue());
    const mine = tickets[4]!;
    await t.hub.messaging.contacts.followTicket('trung-tam', mine.id, PHONE);
    await t.hub.messaging.settled();
    expect(fake.deliveries).toEqual([]); // 4 ahead: nothing yet

    const clerk = await clerkAt('c1');
    expect((await request(clerk, 'counter:callNext', {})).ok).toBe(true);
    await fake.waitFor(1);
    expect(fake.deliveries[0]).toMatchObject({
      provider: 'esms',
      phone: '0912345678',
      text: `Số ${mine.label}: còn 3 người trước quý khách tại Bộ phận Một cửa xã Thử Nghiệm. Xin mời quý khách chuẩn bị.`,
    });
    expect(fake.deliveries[0]!.body).toMatchObject({
      ApiKey: 'khoa-api',
      SecretKey: 'khoa-bi-mat',
      Brandname: 'LUOT',
      SmsType: '2',
    });
    // Fewer ahead: no second "near" message.
    const next = async () => {
      expect((await request(clerk, 'counter:start', {})).ok).toBe(true);
      expect((await request(clerk, 'counter:callNext', {})).ok).toBe(true);
    };
    for (let i = 0; i < 3; i++) await next();
    await t.hub.messaging.settled();
    await t.hub.messaging.drain();
    expect(fake.deliveries).toHaveLength(1);
    await next();
    await fake.waitFor(2);
    expect(fake.deliveries[1]!.text).toBe(
      `Mời quý khách số ${mine.label} đến quầy số 1 (Bộ phận Một cửa xã Thử Nghiệm).`,
    );
    // A recall at the same counter sends nothing new.
    expect((await request(clerk, 'counter:recall', {})).ok).toBe(true);
    expect((await request(clerk, 'counter:start', {})).ok).toBe(true);
    expect((await request(clerk, 'counter:finish', {})).ok).toBe(true);
    await t.hub.messaging.settled();
    await t.hub.messaging.drain();
    expect(fake.deliveries).toHaveLength(2);
    expect([...fake.requestsPerKey.values()]).toEqual([1, 1]);

    // The ticket is over: its contact is gone; the outbox keeps only the masked phone.
    expect(t.province.db.prepare('SELECT COUNT(*) AS n FROM message_contacts').get()).toEqual({
      n: 0,
    });
    expect(
      t.province.db.prepare('SELECT COUNT(*) AS n FROM messages WHERE recipient IS NOT NULL').get(),
    ).toEqual({ n: 0 });
    const supervisor = await t.login('giamsat');
    const list = await deliveryList(supervisor.token);
    expect(list.counts).toEqual({ pending: 0, sending: 0, sent: 2, failed: 0 });
    expect(list.messages.map((m) => [m.kind, m.status, m.masked, m.attempts])).toEqual([
      ['called', 'sent', '********678', 1],
      ['near', 'sent', '********678', 1],
    ]);
    // The phone was never written in clear (the file and its write-ahead log).
    for (const file of [t.dbPath, `${t.dbPath}-wal`]) {
      const bytes = readFileSync(file, { flag: 'r' });
      expect(bytes.includes('912345678')).toBe(false);
    }
  });

  it('sends after a restart what a hub stopped right after the call had not yet stored', async () => {
    const { issue } = await setUp();
    const mine = await issue();
    await t.hub.messaging.contacts.followTicket('trung-tam', mine.id, PHONE);
    await t.hub.messaging.settled();
    await t.hub.messaging.drain();
    const before = fake.deliveries.length; // "là người tiếp theo"
    // The call is in the store, its message is not: as if the hub died between the two.
    await t.restart(async () => {
      t.store.append([
        {
          events: [
            {
              type: 'ticket.called',
              at: t.clock.now(),
              day: mine.day,
              ticketId: mine.id,
              fieldId: mine.fieldId,
              counterId: 'c1',
              clerkId: 'cb1',
              from: 'waiting',
            },
          ],
          ctx: { actor: 'test' },
          rows: [],
        },
      ]);
    });
    await t.hub.messaging.settled();
    await t.hub.messaging.drain();
    const calls = () =>
      fake.deliveries.filter((d) => d.text.startsWith(`Mời quý khách số ${mine.label}`));
    expect(calls()).toHaveLength(1);
    expect(fake.deliveries).toHaveLength(before + 1);
    // Once only: another restart finds the message stored under its key.
    await t.restart();
    await t.hub.messaging.settled();
    await t.hub.messaging.drain();
    expect(calls()).toHaveLength(1);
  });

  it('tells waiting citizens when the day ends without them, once', async () => {
    const { issue } = await setUp();
    const mine = await issue();
    await t.hub.messaging.contacts.followTicket('trung-tam', mine.id, PHONE);
    await t.hub.messaging.settled();
    await fake.waitFor(1); // nobody ahead: "next"
    expect(fake.deliveries[0]!.text).toContain('quý khách là người tiếp theo');
    // 17:00 local passes with no counter open: the day's service is over.
    t.clock.set(Date.parse('2026-11-23T10:01:00Z'));
    t.hub.messaging.tick();
    await t.hub.messaging.settled();
    await fake.waitFor(2);
    expect(fake.deliveries[1]!.text).toBe(
      `Số ${mine.label} sẽ không được phục vụ hôm nay tại Bộ phận Một cửa xã Thử Nghiệm. Xin mời quý khách quay lại vào ngày làm việc tiếp theo.`,
    );
    t.hub.messaging.tick();
    await t.hub.messaging.settled();
    await t.hub.messaging.drain();
    expect(fake.deliveries).toHaveLength(2);
  });
});

describe('the outbox when the provider fails', () => {
  /** A ticket with nobody ahead, followed: its "next" message is enqueued at once. */
  async function followOne() {
    const { issue } = await setUp(fakeOptions);
    const mine = await issue();
    return mine;
  }
  let fakeOptions: { providerTimeoutMs?: number } = {};
  const follow = async (ticketId: string) => {
    await t.hub.messaging.contacts.followTicket('trung-tam', ticketId, PHONE);
    await t.hub.messaging.settled();
    return t.hub.messaging.drain();
  };
  const only = async () => {
    const supervisor = await t.login('giamsat');
    const list = await deliveryList(supervisor.token);
    expect(list.messages).toHaveLength(1);
    return { ...list.messages[0]!, counts: list.counts };
  };

  it('retries a 500 with back-off, then gives up after about an hour: failed, listed, never delivered', async () => {
    fakeOptions = {};
    const mine = await followOne();
    fake.setMode('error500');
    const start = t.clock.now();
    expect(await follow(mine.id)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await only()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    // Not due again before its back-off (10 s).
    t.clock.advance(9_000);
    expect(await t.hub.messaging.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
    let failedAt = 0;
    for (let i = 0; i < 600 && !failedAt; i++) {
      t.clock.advance(10_000);
      if ((await t.hub.messaging.drain()).failed === 1) failedAt = t.clock.now();
    }
    const minutes = (failedAt - start) / 60_000;
    expect(minutes).toBeGreaterThan(60);
    expect(minutes).toBeLessThan(80);
    const failed = await only();
    expect(failed).toMatchObject({
      status: 'failed',
      lastError: 'HTTP 500',
      counts: { failed: 1, pending: 0 },
    });
    // 1 + the back-off's steps (10 s, 30 s, 2 min, 5 min, then every 10 min).
    expect(failed.attempts).toBe(11);
    expect(fake.deliveries).toEqual([]);
    expect(t.province.db.prepare('SELECT recipient FROM messages').get()).toEqual({
      recipient: null,
    });
  });

  it('times out a provider that hangs, and sends again with the same key', async () => {
    fakeOptions = { providerTimeoutMs: 300 };
    const mine = await followOne();
    fake.setMode('hang');
    expect(await follow(mine.id)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await only()).toMatchObject({
      status: 'pending',
      lastError: 'không trả lời (hết thời gian chờ)',
    });
    fake.setMode('ok');
    t.clock.advance(10_000);
    expect(await t.hub.messaging.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(fake.deliveries).toHaveLength(1);
    expect(await only()).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('delivers once when a provider down for an hour comes back', async () => {
    fakeOptions = {};
    const mine = await followOne();
    fake.setMode('down');
    await follow(mine.id);
    for (let minute = 0; minute < 60; minute += 5) {
      t.clock.advance(5 * 60_000);
      await t.hub.messaging.drain();
    }
    expect(await only()).toMatchObject({ status: 'pending' });
    expect((await only()).lastError).toMatch(/^không kết nối được/);
    fake.setMode('ok');
    t.clock.advance(10 * 60_000);
    expect(await t.hub.messaging.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
    t.clock.advance(60 * 60_000);
    await t.hub.messaging.drain();
    expect(fake.deliveries).toHaveLength(1);
    expect([...fake.requestsPerKey.values()]).toEqual([1]);
  });
});

describe('Web Push from the phone page', () => {
  it('keeps a subscription given with the ticket link and pushes the call, encrypted for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luot-push-tls-'));
    const { paths } = issueTls(dir, { names: ['localhost'], ips: ['127.0.0.1'] });
    fake = await startFakeProvider({
      tls: {
        cert: readFileSync(paths.serverCert, 'utf8'),
        key: readFileSync(paths.serverKey, 'utf8'),
      },
    });
    t = await startTestHub({
      counters: 1,
      messages: { pushCa: readFileSync(paths.caCert, 'utf8') },
    });
    const admin = await t.login('admin');
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    const issued = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    if (!issued.ok) throw new Error(issued.error.code);
    const link = {
      authorization: `Bearer ${issued.data.token}`,
      'content-type': 'application/json',
    };
    const subscriber = makePushSubscriber(fake.pushEndpoint('p1'));

    // Off until an admin turns Web Push on.
    const off = await fetch(`${t.url}/api/public/push`, { headers: link });
    expect(await off.json()).toMatchObject({ ok: true, data: { enabled: false } });
    await staffApi(t.url, admin.token, 'PUT', '/api/admin/messages/settings', {
      ...settings(fake.url),
      push: { enabled: true },
      sms: { ...settings(fake.url).sms, enabled: false },
    });
    const on = (await (await fetch(`${t.url}/api/public/push`, { headers: link })).json()) as {
      data: { enabled: boolean; publicKey: string };
    };
    expect(on.data.enabled).toBe(true);
    expect(on.data.publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);
    // A staff session is not a ticket link.
    const refused = await fetch(`${t.url}/api/public/push`, {
      method: 'POST',
      headers: { ...link, authorization: `Bearer ${admin.token}` },
      body: JSON.stringify(subscriber.subscription),
    });
    expect(refused.status).toBe(401);
    const kept = await fetch(`${t.url}/api/public/push`, {
      method: 'POST',
      headers: link,
      body: JSON.stringify(subscriber.subscription),
    });
    expect(kept.status).toBe(200);
    await t.hub.messaging.settled();
    await fake.waitFor(1, 'pushes'); // nobody ahead: "next"

    const clerk = await clerkAt('c1');
    expect((await request(clerk, 'counter:callNext', {})).ok).toBe(true);
    await fake.waitFor(2, 'pushes');
    const push = fake.pushes[1]!;
    expect(push.path).toBe('/push/p1');
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(String(push.headers.authorization)).toMatch(/^vapid t=.+, k=/);
    expect(push.body.includes('quầy')).toBe(false);
    expect(subscriber.decrypt(push.body)).toMatchObject({
      title: 'Lượt – số thứ tự',
      body: `Mời quý khách số ${issued.data.ticket.label} đến quầy số 1 (Bộ phận Một cửa xã Thử Nghiệm).`,
    });
    const list = await deliveryList(admin.token);
    expect(list.messages.map((m) => [m.kind, m.masked, m.status])).toEqual([
      ['called', 'Web Push', 'sent'],
      ['near', 'Web Push', 'sent'],
    ]);
  });
});

describe('one-time codes', () => {
  it('go at once through Zalo ZNS with the code template, and a refusal reaches the caller', async () => {
    fake = await startFakeProvider();
    t = await startTestHub({ counters: 1 });
    const admin = await t.login('admin');
    const base = settings(fake.url);
    await staffApi(t.url, admin.token, 'PUT', '/api/admin/messages/settings', {
      ...base,
      zns: {
        ...base.zns,
        enabled: true,
        accessToken: 'token-oa',
        templates: { ...base.zns.templates, code: 'mau-otp' },
      },
      codeChannel: 'zns',
    });
    await t.hub.messaging.contacts.sendCode('trung-tam', PHONE, '482915');
    expect(fake.deliveries).toEqual([
      expect.objectContaining({
        provider: 'zns',
        phone: PHONE,
        text: 'mau-otp',
        templateData: { otp: '482915' },
      }),
    ]);
    fake.setMode('error500');
    await expect(t.hub.messaging.contacts.sendCode('trung-tam', PHONE, '111111')).rejects.toThrow(
      'HTTP 500',
    );
    const list = await deliveryList(admin.token);
    expect(list.messages.map((m) => [m.kind, m.status, m.masked, m.lastError])).toEqual([
      ['code', 'failed', '********678', 'HTTP 500'],
      ['code', 'sent', '********678', null],
    ]);
    // Neither code is kept.
    const texts = t.province.db.prepare('SELECT text, data FROM messages').all();
    expect(JSON.stringify(texts)).not.toMatch(/482915|111111/);
  });
});
