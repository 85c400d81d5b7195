// The reference receiver in examples/webhook-receiver, run as its own Node process against a
// real hub: it prints what a one-stop system would see, refuses a forged delivery, and acts on
// a key sent again ("Gửi lại") only once, even after its own restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { siteConfigSchema } from '@luot/domain';
import type { WebhookCreated, WebhookDelivery } from '@luot/protocol';
import { afterEach, expect, it } from 'vitest';
import { request, staffApi, startTestHub, testConfig, type TestHub } from '../../testing/index.ts';
import { signWebhook } from './signing.ts';

const RECEIVER = fileURLToPath(
  new URL('../../../../examples/webhook-receiver/receiver.mjs', import.meta.url),
);

let t: TestHub;
let child: ChildProcess | null = null;
afterEach(async () => {
  child?.kill();
  await t?.close();
});

/** Starts the example; resolves with its address and every line it prints. */
async function startReceiver(env: Record<string, string>) {
  const lines: string[] = [];
  child = spawn(process.execPath, [RECEIVER], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    child!.once('exit', (code) => reject(new Error(`receiver exited ${code}`)));
    createInterface({ input: child!.stdout! }).on('line', (line) => {
      const address = /(http:\/\/\S+)/.exec(line)?.[1];
      if (address && lines.length === 0 && !line.startsWith('[')) resolve(address);
      else lines.push(line);
    });
  });
  return { url, lines };
}

it('prints each event once, refuses a forged one, dedups a key sent again', async () => {
  // The receiver checks timestamps against its own clock: the hub's starts now, issuing all day.
  const base = testConfig(1);
  t = await startTestHub({
    counters: 1,
    now: Date.now(),
    config: siteConfigSchema.parse({
      ...base,
      fields: base.fields.map((f) => ({ ...f, sessions: [{ from: '00:00', to: '23:59' }] })),
      calendar: { ...base.calendar, workingDays: [0, 1, 2, 3, 4, 5, 6] },
    }),
  });
  const admin = await t.login('admin');
  // Subscribed first with a placeholder, to learn the secret the receiver needs.
  const dir = mkdtempSync(join(tmpdir(), 'luot-example-receiver-'));
  const made = await staffApi<WebhookCreated>(t.url, admin.token, 'POST', '/api/admin/webhooks', {
    url: 'http://127.0.0.1:9/',
    events: ['ticket.issued'],
    siteId: 'trung-tam',
  });
  if (!made.body.ok) throw new Error('not subscribed');
  const env = { LUOT_WEBHOOK_SECRET: made.body.data.secret, SEEN_FILE: join(dir, 'seen.json') };
  // The real subscription, with that secret: the receiver's address and the events it prints.
  let receiver = await startReceiver(env);
  t.province.db
    .prepare(`UPDATE webhook_subscriptions SET url = ?, events = ? WHERE id = ?`)
    .run(receiver.url, JSON.stringify(['ticket.issued', 'ticket.called']), made.body.data.id);

  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const issued = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  expect(issued.ok).toBe(true);
  const clerk = (await t.connectReady((await t.login('cb1', 'c1')).token)).socket;
  expect((await request(clerk, 'counter:callNext', {})).ok).toBe(true);
  await t.hub.webhooks.settle();
  await expect
    .poll(() => receiver.lines)
    .toEqual([
      expect.stringMatching(/^\[trung-tam #\d+\] Số 1001 được cấp \(Tư pháp – Hộ tịch\)$/),
      expect.stringMatching(/^\[trung-tam #\d+\] Số 1001 được gọi tới quầy 1$/),
    ]);

  // A delivery signed with another secret, or replayed after 5 minutes: refused, not printed.
  const body = JSON.stringify({ id: 'x', type: 'ticket.called', ticketLabel: '9999' });
  const now = Math.floor(Date.now() / 1000);
  for (const signature of [
    signWebhook('whsec_not-the-secret', now, body),
    signWebhook(env.LUOT_WEBHOOK_SECRET, now - 600, body),
  ]) {
    const res = await fetch(receiver.url, {
      method: 'POST',
      headers: { 'x-luot-signature': signature, 'idempotency-key': 'x' },
      body,
    });
    expect(res.status).toBe(401);
  }

  // The receiver restarts (its keys kept in a file); "Gửi lại" sends a call again, same key.
  child!.kill();
  receiver = await startReceiver(env);
  t.province.db
    .prepare(`UPDATE webhook_subscriptions SET url = ? WHERE id = ?`)
    .run(receiver.url, made.body.data.id);
  const log = await staffApi<{ deliveries: WebhookDelivery[] }>(
    t.url,
    admin.token,
    'GET',
    '/api/admin/webhooks/deliveries?state=delivered',
  );
  const called = log.body.ok && log.body.data.deliveries.find((d) => d.type === 'ticket.called');
  if (!called) throw new Error('no call delivered');
  const again = await staffApi(
    t.url,
    admin.token,
    'POST',
    `/api/admin/webhooks/deliveries/${called.id}/retry`,
  );
  expect(again.status).toBe(200);
  await t.hub.webhooks.settle();
  const after = await staffApi<WebhookDelivery>(
    t.url,
    admin.token,
    'GET',
    '/api/admin/webhooks/deliveries?state=delivered',
  );
  expect(JSON.stringify(after.body)).toContain(called.idempotencyKey);
  expect(receiver.lines.filter((l) => l.startsWith('['))).toEqual([]);
  expect(JSON.parse(readFileSync(env.SEEN_FILE, 'utf8'))).toContain(called.idempotencyKey);
});
