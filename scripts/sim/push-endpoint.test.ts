import { globalAgent } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calledText,
  issueTls,
  makeVapidKeys,
  nearText,
  PUSH_TITLE,
  webPushProvider,
} from '@luot/hub/bench';
import { messageKind } from './citizens-bench.ts';
import { startPushEndpoint, type PushEndpoint } from './push-endpoint.ts';

// The hub's own Web Push provider (web-push, aes128gcm, VAPID) sends to the bench's endpoint
// over HTTPS, as the hub does in `pnpm bench --citizens`; the endpoint must read what was sent.
describe("the bench's push endpoint", () => {
  let dir: string;
  let endpoint: PushEndpoint;
  const provider = () =>
    webPushProvider({
      vapid: JSON.parse(makeVapidKeys()) as { publicKey: string; privateKey: string },
      subject: 'mailto:bench@luot.invalid',
      title: PUSH_TITLE,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'luot-push-test-'));
    const { paths } = issueTls(dir, { names: ['localhost'], ips: ['127.0.0.1'] });
    // The hub is started with NODE_EXTRA_CA_CERTS; in this process the CA is handed to the agent.
    globalAgent.options.ca = readFileSync(paths.caCert, 'utf8');
    endpoint = await startPushEndpoint({
      tls: {
        cert: readFileSync(paths.serverCert, 'utf8'),
        key: readFileSync(paths.serverKey, 'utf8'),
      },
    });
  });
  afterAll(async () => {
    await endpoint.close();
    delete globalAgent.options.ca;
    rmSync(dir, { recursive: true, force: true });
  });

  it('decrypts what the hub sends to a ticket, and tells the call from the "people ahead" notice', async () => {
    const send = provider();
    const called = calledText('A0012', 7, 'Trung tâm Hành chính công');
    const near = nearText('B0003', 3, 'Trung tâm Hành chính công');
    await send.send({
      id: 'm1',
      kind: 'called',
      to: JSON.stringify(endpoint.subscription('ticket-1')),
      text: called.text,
      data: called.data,
    });
    await send.send({
      id: 'm2',
      kind: 'near',
      to: JSON.stringify(endpoint.subscription('ticket-2')),
      text: near.text,
      data: near.data,
    });
    const [first, second] = endpoint.arrivals();
    expect(first?.id).toBe('ticket-1');
    expect(JSON.parse(endpoint.decrypt(first!))).toMatchObject({ body: called.text, tag: 'm1' });
    expect(messageKind(endpoint.decrypt(first!))).toBe('called');
    expect(second?.id).toBe('ticket-2');
    expect(messageKind(endpoint.decrypt(second!))).toBe('ahead');
  });

  it('refuses to read a message sealed for another subscriber', async () => {
    const other = await startPushEndpoint();
    try {
      const subscription = { ...other.subscription('x'), endpoint: `${endpoint.url}/push/x` };
      await provider().send({
        id: 'm3',
        kind: 'called',
        to: JSON.stringify(subscription),
        text: 'Mời quý khách số A0001 đến quầy số 1.',
        data: {},
      });
      const arrival = endpoint.arrivals().find((a) => a.id === 'x')!;
      expect(() => endpoint.decrypt(arrival)).toThrow();
      expect(other.decrypt(arrival)).toContain('quầy số 1');
    } finally {
      await other.close();
    }
  });
});
