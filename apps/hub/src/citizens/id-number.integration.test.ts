// A phone's number in a field that requires the ID card, on a real hub (SQLite file, HTTP and
// Socket.IO over loopback, the hub's fake clock): the personal number is asked for, checked, and
// counted with the kiosks' numbers of the same person.
import { afterEach, describe, expect, it } from 'vitest';
import type { CitizenSession, PublicSiteView, RemoteTicket } from '@luot/protocol';
import {
  ADULT,
  cardConfig,
  codeReceived,
  ELDER,
  MONDAY_9AM,
  request,
  startTestHub,
  type TestHub,
} from '../../testing/index.ts';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

interface Answer<T> {
  status: number;
  body: { ok: boolean; data?: T; error?: { code: string; message: string } };
}

async function api<T>(method: string, path: string, o: { body?: unknown; token?: string } = {}) {
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: {
      ...(o.body !== undefined && { 'content-type': 'application/json' }),
      ...(o.token && { authorization: `Bearer ${o.token}` }),
    },
    ...(o.body !== undefined && { body: JSON.stringify(o.body) }),
  });
  return { status: res.status, body: (await res.json()) as Answer<T>['body'] };
}

let phones = 0;
/** A citizen confirms a new phone with the code it received: their bearer token. */
async function signIn(): Promise<string> {
  const digits = String(22_345_000 + ++phones);
  await api('POST', '/api/public/code', { body: { phone: `09${digits}` } });
  const code = await codeReceived(t, `849${digits}`);
  const verified = await api<CitizenSession>('POST', '/api/public/verify', {
    body: { phone: `09${digits}`, code },
  });
  return verified.body.data!.token;
}

const takeNumber = (token: string, fieldId: string, idNumber?: string) =>
  api<RemoteTicket>('POST', '/api/public/tickets', {
    body: { siteId: 'trung-tam', fieldId, ...(idNumber !== undefined && { idNumber }) },
    token,
  });

async function start() {
  t = await startTestHub({
    counters: 2,
    now: MONDAY_9AM,
    // Both fields take numbers from phones; đất đai requires the card (and an adult).
    config: cardConfig((c) => {
      for (const field of c.fields) field.online.remote = 'walk-in';
      c.citizens.numbersPerDay = 2;
    }),
  });
}

describe("a phone's number where the ID card is required", () => {
  it('tells the page which fields need the personal number', async () => {
    await start();
    const site = await api<PublicSiteView>('GET', '/api/public/sites/trung-tam');
    const needs = Object.fromEntries(site.body.data!.fields.map((f) => [f.id, f.idNumberRequired]));
    expect(needs).toEqual({ 'ho-tich': false, 'dat-dai': true });
  });

  it('asks for the number, checks it, refuses a minor; refusals count nothing', async () => {
    await start();
    const token = await signIn();
    const missing = await takeNumber(token, 'dat-dai');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'ID_CARD_REQUIRED' });
    expect(missing.body.error!.message).toContain('số định danh cá nhân');
    expect((await takeNumber(token, 'dat-dai', '123456789012')).body.error?.code).toBe(
      'ID_CARD_INVALID',
    );
    expect((await takeNumber(token, 'dat-dai', '12345')).body.error?.code).toBe('BAD_REQUEST');
    // Typed, the birth year decides: born 2009, 17 this year.
    const minorByYear = '001209001234';
    expect((await takeNumber(token, 'dat-dai', minorByYear)).body.error?.code).toBe(
      'ID_CARD_MINOR',
    );
    // None of this used the phone's numbers: it still takes two.
    expect((await takeNumber(token, 'dat-dai', ADULT.number)).status).toBe(200);
    expect((await takeNumber(token, 'ho-tich')).status).toBe(200);
  });

  it('shares one count with the kiosks: 2 at the kiosk, refused online, and the other way', async () => {
    await start();
    const kiosk = (await t.connectReady(t.tokens.kiosk!)).socket;
    for (let i = 0; i < 2; i++) {
      const issued = await request(kiosk, 'ticket:issue', {
        fieldId: 'dat-dai',
        priorityClassId: null,
        idCard: ADULT,
      });
      expect(issued.ok).toBe(true);
    }
    const refused = await takeNumber(await signIn(), 'dat-dai', ADULT.number);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'LIMIT_REACHED' });
    expect(refused.body.error!.message).toContain('tại ki-ốt và trực tuyến');

    // Two phones take the elder's two numbers online; the kiosk then refuses the card.
    for (const token of [await signIn(), await signIn()]) {
      const online = await takeNumber(
        token,
        'dat-dai',
        ` ${ELDER.number.slice(0, 6)} ${ELDER.number.slice(6)}`,
      );
      expect(online.status, JSON.stringify(online.body)).toBe(200);
    }
    const atKiosk = await request(kiosk, 'ticket:issue', {
      fieldId: 'dat-dai',
      priorityClassId: null,
      idCard: ELDER,
    });
    expect(atKiosk.ok ? 'OK' : atKiosk.error.code).toBe('LIMIT_REACHED');
  });
});
