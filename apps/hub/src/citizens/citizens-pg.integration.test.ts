// The citizens' side on a province: two hub nodes on one real PostgreSQL, citizens spread over
// both. The last places of a slot go to exactly as many citizens, whichever node they reach; a
// booking made on one node checks in once on the other, however often it is scanned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '@luot/domain';
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import type { BookingView, CitizenSession, RemoteTicket } from '@luot/protocol';
import { codeReceived } from '../../testing/phone-messages.ts';
import { startPgHubs, type PgHubs } from '../../testing/pg-hubs.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.ts';
import { MONDAY_9AM, testConfig } from '../../testing/test-hub.ts';
import { createFakeClock } from '../clock.ts';

if (!hasPostgres) console.warn('citizens on PostgreSQL: skipped, PostgreSQL is not installed');

describe.skipIf(!hasPostgres)('citizens on a province (two nodes, PostgreSQL)', () => {
  let server: TestPostgres;
  let nodes: PgHubs | undefined;
  const urls: string[] = [];
  const sockets: HubSocket[] = [];
  const clock = createFakeClock(MONDAY_9AM);
  let kioskToken = '';

  beforeAll(async () => {
    server = await startPostgres();
    const url = await server.createDatabase();
    const base = structuredClone(testConfig(2));
    base.fields[0]!.online = {
      remote: 'check-in',
      booking: {
        enabled: true,
        slotMinutes: 30,
        capacity: 3,
        daysAhead: 6,
        earlyMinutes: 30,
        graceMinutes: 15,
      },
    };
    base.citizens.openBookings = 5;
    nodes = await startPgHubs({
      url,
      siteId: 'xa-a',
      config: siteConfigSchema.parse(base),
      clock,
      options: { trustProxy: ['127.0.0.1'], rolloverCheckMs: 100 },
    });
    urls.push(...nodes.urls);
    kioskToken = nodes.kioskToken;
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await nodes?.close();
    await server?.stop();
  });

  /** The site's kiosk connected to a node, once it has its snapshot. */
  async function kioskAt(node: number): Promise<HubSocket> {
    const kiosk = connectHub(urls[node]!, kioskToken);
    sockets.push(kiosk);
    await new Promise((resolve) => kiosk.once('snapshot', resolve));
    return kiosk;
  }

  let n = 0;
  async function post<T>(node: number, path: string, body: unknown, token?: string, ip?: string) {
    const res = await fetch(`${urls[node]}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': ip ?? '10.1.1.1',
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { ok: boolean; data?: T; error?: { code: string } },
    };
  }
  async function signIn(node: number): Promise<string> {
    const digits = String(22_000_000 + ++n);
    const ip = `10.2.${Math.floor(n / 200)}.${n % 200}`;
    await post(node, '/api/public/code', { phone: `09${digits}` }, undefined, ip);
    const code = await codeReceived(nodes!.provider, `849${digits}`);
    const verified = await post<CitizenSession>(
      node,
      '/api/public/verify',
      { phone: `09${digits}`, code },
      undefined,
      ip,
    );
    return verified.body.data!.token;
  }

  it('gives the 3 places of a slot to exactly 3 of 30 citizens booking at once on two nodes', async () => {
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(i % 2)));
    const answers = await Promise.all(
      tokens.map((token, i) =>
        post<BookingView>(
          i % 2,
          '/api/public/bookings',
          { siteId: 'xa-a', fieldId: 'ho-tich', day: '2026-11-23', start: '10:00' },
          token,
        ),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.body.error?.code === 'SLOT_FULL')).toHaveLength(27);
  }, 60_000);

  it('checks a booking made on one node in once on the other, scanned twice at once', async () => {
    const token = await signIn(0);
    const booked = await post<BookingView>(
      0,
      '/api/public/bookings',
      { siteId: 'xa-a', fieldId: 'ho-tich', day: '2026-11-23', start: '09:30' },
      token,
    );
    expect(booked.status).toBe(200);
    const kiosk = await kioskAt(1);
    const [a, b] = await Promise.all([
      request(kiosk, 'ticket:checkIn', { scanned: booked.body.data!.code }),
      request(kiosk, 'ticket:checkIn', { scanned: booked.body.data!.path }),
    ]);
    expect([a, b]).toEqual([
      expect.objectContaining({ ok: true }),
      expect.objectContaining({ ok: true }),
    ]);
    expect(a.ok && a.data.ticket.id).toBe(b.ok && b.data.ticket.id);
    expect(a.ok && a.data.ticket).toMatchObject({
      origin: 'booking',
      slotAt: Date.parse('2026-11-23T09:30:00+07:00'),
    });
  });

  it('takes a remote number on one node that the kiosk on the other checks in', async () => {
    const token = await signIn(1);
    const taken = await post<RemoteTicket>(
      1,
      '/api/public/tickets',
      { siteId: 'xa-a', fieldId: 'ho-tich' },
      token,
    );
    expect(taken.status).toBe(200);
    const kiosk = await kioskAt(0);
    const arrived = await request(kiosk, 'ticket:checkIn', {
      scanned: taken.body.data!.checkInCode!,
    });
    expect(arrived.ok && arrived.data).toMatchObject({
      kind: 'remote',
      ticket: { label: taken.body.data!.label, origin: 'remote' },
    });
  });
});
