// A hub process killed with SIGKILL while a receiver holds deliveries it was sent but has not
// answered: after a restart every event reaches the receiver, and each idempotency key is
// processed once (the receiver, as documented, acts on a key once). Real parts: the hub as a
// child process on a SQLite file, a node:http receiver on 127.0.0.1, a kiosk over Socket.IO.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { siteConfigSchema } from '@luot/domain';
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import type { WebhookCreated } from '@luot/protocol';
import { afterEach, expect, it } from 'vitest';
import { addUser, initSite, openProvince, pairDevice } from '../setup.ts';
import { DEFAULT_SITE_ID } from '../store.ts';
import {
  PASSWORD,
  signIn,
  staffApi,
  startHubProcess,
  startWebhookReceiver,
  testConfig,
  type HubProcess,
  type WebhookReceiver,
} from '../../testing/index.ts';

let hub: HubProcess | null = null;
let receiver: WebhookReceiver | null = null;
let kiosk: HubSocket | null = null;
afterEach(async () => {
  kiosk?.disconnect();
  hub?.child.kill('SIGKILL');
  await hub?.exited;
  await receiver?.close();
});

/** The kiosk's socket once its first snapshot came (connected and signed in). */
function connectKiosk(url: string, token: string): Promise<HubSocket> {
  const socket = connectHub(url, token);
  return new Promise((resolve, reject) => {
    socket.once('snapshot', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

it(
  'delivers every event after a SIGKILL mid-delivery, each idempotency key processed once',
  { timeout: 120_000 },
  async () => {
    receiver = await startWebhookReceiver();
    const dataDir = mkdtempSync(join(tmpdir(), 'luot-webhook-crash-'));
    const setup = openProvince(dataDir);
    // Issuing around the clock: the child uses the real clock, whatever the hour the test runs.
    const base = testConfig(1);
    const config = siteConfigSchema.parse({
      ...base,
      fields: base.fields.map((f) => ({ ...f, sessions: [{ from: '00:00', to: '23:59' }] })),
      calendar: { ...base.calendar, workingDays: [0, 1, 2, 3, 4, 5, 6] },
    });
    await initSite(setup, DEFAULT_SITE_ID, config, Date.now());
    await addUser(
      setup,
      { username: 'admin', name: 'Quản trị', role: 'admin', password: PASSWORD, sites: null },
      0,
    );
    // Five kiosks, one number each (a kiosk may issue only every 2 s).
    const kioskTokens: string[] = [];
    for (let i = 0; i < 5; i++)
      kioskTokens.push(
        await pairDevice(
          setup.site(DEFAULT_SITE_ID),
          { id: `kiosk-${i}`, kind: 'kiosk', name: `kiosk-${i}` },
          0,
        ),
      );
    setup.close();
    process.env.LUOT_WEBHOOKS_LEASE_MS = '1500';
    const args = ['--data', dataDir, '--port', '0', '--host', '127.0.0.1'];
    hub = await startHubProcess(args);

    const admin = await signIn(hub.url, { username: 'admin', password: PASSWORD });
    const made = await staffApi<WebhookCreated>(
      hub.url,
      admin.token,
      'POST',
      '/api/admin/webhooks',
      {
        url: receiver.url,
        events: ['ticket.issued'],
        siteId: DEFAULT_SITE_ID,
      },
    );
    expect(made.status).toBe(201);
    let issued = 0;
    const issue = async () => {
      kiosk?.disconnect();
      kiosk = await connectKiosk(hub!.url, kioskTokens[issued++]!);
      const res = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
      if (!res.ok) throw new Error(res.error.code);
      return res.data.ticket.label;
    };
    const labels = [await issue()];
    await receiver.waitForProcessed(1);

    // Three more: the receiver takes each and holds it; the hub dies before hearing back.
    receiver.answer = () => 'hang';
    for (let i = 0; i < 3; i++) labels.push(await issue());
    await receiver.waitForRequests(4);
    hub.child.kill('SIGKILL');
    await hub.exited;

    receiver.answer = () => 200;
    hub = await startHubProcess(args);
    labels.push(await issue());
    await receiver.waitForProcessed(5, 30_000);
    hub.child.kill('SIGTERM');
    await hub.exited;
    hub = null;

    // Every event processed once, none missing; the held ones were sent again under their key.
    const processed = receiver.processed.map((d) => d.body.ticketLabel);
    expect([...processed].sort()).toEqual([...labels].sort());
    const keys = receiver.processed.map((d) => d.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(5);
    const sent = new Map<string, number>();
    for (const d of receiver.requests) sent.set(d.body.id, (sent.get(d.body.id) ?? 0) + 1);
    expect([...sent.values()].sort()).toEqual([1, 1, 2, 2, 2]);
    const sqlite = openProvince(dataDir);
    expect(
      sqlite.db.prepare(`SELECT state, COUNT(*) AS n FROM webhook_deliveries GROUP BY state`).all(),
    ).toEqual([{ state: 'delivered', n: 5 }]);
    sqlite.close();
  },
);
