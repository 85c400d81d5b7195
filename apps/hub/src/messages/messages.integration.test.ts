// Messages to citizens on real parts: a hub on a SQLite file with a fake clock, clerks and a
// kiosk over Socket.IO, and the fake eSMS/ZNS server over HTTP on loopback.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
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
  const saved = await staffApi(t.url, admin.token, 'PUT', '/api/admin/messages/settings', settings(fake.url));
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
    messages: { kind: string; status: string; masked: string; attempts: number; lastError: string | null }[];
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
    expect(fake.deliveries[0]!.body).toMatchObject({ ApiKey: 'khoa-api', SecretKey: 'khoa-bi-mat', Brandname: 'LUOT', SmsType: '2' });
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
    expect(t.province.db.prepare('SELECT COUNT(*) AS n FROM message_contacts').get()).toEqual({ n: 0 });
    expect(t.province.db.prepare('SELECT COUNT(*) AS n FROM messages WHERE recipient IS NOT NULL').get()).toEqual({ n: 0 });
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
