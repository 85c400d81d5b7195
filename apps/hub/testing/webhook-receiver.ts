// A real HTTP receiver of webhook deliveries on 127.0.0.1 for tests and the bench: it records
// every request (raw body, headers, when it came), answers what the test says (a status, or
// never: a hanging receiver), and counts the idempotency keys it processed once each.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookBody } from '@luot/protocol';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  raw: string;
  body: WebhookBody;
  /** When it arrived (performance.now()). */
  arrivedAt: number;
  /** When it arrived, epoch ms (the bench's lag from the event's `occurredAt`). */
  receivedAt: number;
}

/** What to answer a request: a status, or 'hang' (hold it open until the receiver closes). */
export type ReceiverAnswer = number | 'hang';

export interface WebhookReceiver {
  url: string;
  port: number;
  /** Every request, in the order they came. */
  requests: ReceivedDelivery[];
  /** The requests answered 2xx, in order (what the receiver "processed"), one per key. */
  processed: ReceivedDelivery[];
  /** Decides each answer; by default 200. */
  answer: (d: ReceivedDelivery) => ReceiverAnswer;
  /** How long a slow receiver takes before it answers (0: at once). */
  delayMs: number;
  /** Resolves once `processed` holds `n`. */
  waitForProcessed(n: number, timeoutMs?: number): Promise<void>;
  /** Resolves once `requests` holds `n`. */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const hanging = new Set<ServerResponse>();
  const keys = new Set<string>();
  const waiters: (() => void)[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    port: 0,
    requests: [],
    processed: [],
    answer: () => 200,
    delayMs: 0,
    waitForProcessed: (n, timeoutMs) => waitUntil(() => receiver.processed.length >= n, timeoutMs),
    waitForRequests: (n, timeoutMs) => waitUntil(() => receiver.requests.length >= n, timeoutMs),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  function waitUntil(done: () => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (done()) return resolve();
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `receiver: ${receiver.requests.length} requests, ${receiver.processed.length} processed`,
            ),
          ),
        timeoutMs,
      );
      const check = () => {
        if (!done()) return void waiters.push(check);
        clearTimeout(timer);
        resolve();
      };
      waiters.push(check);
    });
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const delivery: ReceivedDelivery = {
        headers: req.headers,
        raw,
        body: JSON.parse(raw) as WebhookBody,
        arrivedAt: performance.now(),
        receivedAt: Date.now(),
      };
      receiver.requests.push(delivery);
      const answer = receiver.answer(delivery);
      if (answer === 'hang') hanging.add(res);
      else if (receiver.delayMs > 0) {
        hanging.add(res);
        setTimeout(() => {
          hanging.delete(res);
          respond(answer);
        }, receiver.delayMs);
      } else respond(answer);
      for (const w of waiters.splice(0)) w();

      function respond(answer: number) {
        // As a receiver should: a key already processed is answered 200 and not acted on again.
        const key = String(req.headers['idempotency-key']);
        if (answer >= 200 && answer < 300 && !keys.has(key)) {
          keys.add(key);
          receiver.processed.push(delivery);
        }
        res.writeHead(answer).end();
        for (const w of waiters.splice(0)) w();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  return receiver;
}
