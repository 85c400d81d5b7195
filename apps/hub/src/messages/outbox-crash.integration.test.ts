// A hub process killed with SIGKILL while a provider holds messages it took but had not yet
// answered: after a restart nothing already delivered is sent again, nothing is lost, and what
// is sent again carries the same idempotency key, which the provider (the fake, as eSMS does)
// ignores. Real parts: the hub as a child process on a SQLite file, the fake over HTTP.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { asyncProvince } from '../db/index.ts';
import { initSite, openProvince } from '../setup.ts';
import { DEFAULT_SITE_ID } from '../store.ts';
import { startHubProcess, type HubProcess } from '../../testing/hub-process.ts';
import { startFakeProvider, type FakeProvider } from '../../testing/fake-provider.ts';
import { testConfig } from '../../testing/test-hub.ts';
import { storeSealer } from './recipient-crypto.ts';

let hub: HubProcess | null = null;
let fake: FakeProvider | null = null;
afterEach(async () => {
  hub?.child.kill('SIGKILL');
  await hub?.exited;
  await fake?.close();
});

/** Adds messages to the outbox through a connection of the test's own (the hub may be running). */
async function enqueue(dataDir: string, ids: string[]) {
  const sqlite = openProvince(dataDir);
  const province = asyncProvince(sqlite);
  const sealer = await storeSealer(province, Date.now());
  await province.enqueueMessages(
    ids.map((id) => ({
      id,
      key: `${DEFAULT_SITE_ID}/${id}/called/phone`,
      siteId: DEFAULT_SITE_ID,
      kind: 'called',
      channel: 'sms',
      recipient: sealer.seal('84912345678'),
      masked: '********678',
      text: `Mời quý khách số ${id} đến quầy số 1.`,
      data: {},
      at: Date.now(),
    })),
  );
  return sqlite;
}

it(
  'sends nothing twice and loses nothing when the hub is killed mid-send',
  { timeout: 90_000 },
  async () => {
    fake = await startFakeProvider();
    const dataDir = mkdtempSync(join(tmpdir(), 'luot-outbox-crash-'));
    const setup = openProvince(dataDir);
    await initSite(setup, DEFAULT_SITE_ID, testConfig(1), Date.now());
    setup.writeMessageSettings(
      DEFAULT_SITE_ID,
      { sms: { enabled: true, baseUrl: fake.url, apiKey: 'k', secretKey: 's', brandname: 'LUOT' } },
      Date.now(),
    );
    setup.close();
    process.env.LUOT_MESSAGES_LEASE_MS = '1500';
    const args = ['--data', dataDir, '--port', '0', '--host', '127.0.0.1'];

    hub = await startHubProcess(args);
    // One message delivered and marked sent before the crash.
    (await enqueue(dataDir, ['m0'])).close();
    await fake.waitFor(1);
    const sentBefore = () => {
      const sqlite = openProvince(dataDir);
      const row = sqlite.db.prepare(`SELECT status FROM messages WHERE id = 'm0'`).get() as {
        status: string;
      };
      sqlite.close();
      return row.status;
    };
    await expect.poll(sentBefore, { timeout: 10_000 }).toBe('sent');

    // Three more: the provider takes them and the hub dies before hearing so.
    fake.setMode('take-and-hang');
    (await enqueue(dataDir, ['m1', 'm2', 'm3'])).close();
    await fake.waitFor(4);
    hub.child.kill('SIGKILL');
    await hub.exited;

    fake.setMode('ok');
    hub = await startHubProcess(args);
    await expect
      .poll(() => ['m1', 'm2', 'm3'].map((k) => fake!.requestsPerKey.get(k)), { timeout: 20_000 })
      .toEqual([2, 2, 2]);
    hub.child.kill('SIGTERM');
    await hub.exited;
    hub = null;

    // Each message delivered once (the fake keeps one per key); the one marked sent never resent.
    expect(fake.deliveries.map((d) => d.key).sort()).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(fake.requestsPerKey.get('m0')).toBe(1);
    const sqlite = openProvince(dataDir);
    expect(
      sqlite.db.prepare(`SELECT id, status, attempts, recipient FROM messages ORDER BY id`).all(),
    ).toEqual([
      { id: 'm0', status: 'sent', attempts: 1, recipient: null },
      { id: 'm1', status: 'sent', attempts: 2, recipient: null },
      { id: 'm2', status: 'sent', attempts: 2, recipient: null },
      { id: 'm3', status: 'sent', attempts: 2, recipient: null },
    ]);
    sqlite.close();
  },
);
