/**
 * A local Web Push endpoint for the bench: what a browser's push service is to the hub. Every
 * subscription the bench hands out points here (`<url>/push/<id>`, one per ticket) with the
 * same subscriber keys, so the endpoint records each message's arrival on the shared clock and
 * can decrypt it afterwards (RFC 8291 over the aes128gcm content coding of RFC 8188).
 */
import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { sharedNow } from './stats.ts';

/** A browser's PushSubscription as JSON (what `subscription.toJSON()` gives a page). */
export interface PushSubscriptionJson {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export interface PushArrival {
  /** The id in the endpoint's path (the bench uses the ticket id). */
  id: string;
  /** Shared-clock time the whole request had arrived. */
  at: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** The subscriber's keys every subscription of one endpoint shares (base64url). */
export interface PushKeys {
  p256dh: string;
  auth: string;
}

/** The subscription of `id` at the endpoint on `url` with `keys`. */
export function subscriptionFor(url: string, keys: PushKeys, id: string): PushSubscriptionJson {
  return { endpoint: `${url}/push/${encodeURIComponent(id)}`, expirationTime: null, keys };
}

export interface PushEndpoint {
  url: string;
  keys: PushKeys;
  /** A subscription whose messages arrive here under `id`. */
  subscription(id: string): PushSubscriptionJson;
  arrivals(): readonly PushArrival[];
  /** The plaintext of an arrival (throws when it does not decrypt with the subscriber's keys). */
  decrypt(arrival: PushArrival): string;
  /** Resolves once no message has arrived for `quietMs`, or after `maxMs` at most. */
  settle(quietMs: number, maxMs: number): Promise<void>;
  close(): Promise<void>;
}

const b64url = (b: Buffer) => b.toString('base64url');

/**
 * Starts the endpoint on 127.0.0.1 (any free port), over HTTPS when given a certificate (push
 * services are HTTPS, and the web-push library sends over HTTPS only; the hub is then started
 * trusting the certificate's authority). It answers 201 Created as push services do, or
 * `status` when given (to see how the hub handles a failing push service).
 */
export async function startPushEndpoint(
  options: { status?: number; tls?: { cert: string; key: string } } = {},
): Promise<PushEndpoint> {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const auth = randomBytes(16);
  const arrivals: PushArrival[] = [];
  let lastAt = sharedNow();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/push\/([^/?]+)/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      lastAt = sharedNow();
      arrivals.push({
        id: decodeURIComponent(match[1]!),
        at: lastAt,
        body: Buffer.concat(chunks),
        headers: req.headers,
      });
      res.writeHead(options.status ?? 201).end();
    });
  };
  const server: Server = options.tls ? createTlsServer(options.tls, handle) : createServer(handle);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const scheme = options.tls ? 'https' : 'http';
  const url = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keys = { p256dh: b64url(publicKey), auth: b64url(auth) };
  return {
    url,
    keys,
    subscription: (id) => subscriptionFor(url, keys, id),
    arrivals: () => arrivals,
    decrypt: (arrival) => decryptAes128gcm(arrival.body, ecdh.getPrivateKey(), publicKey, auth),
    async settle(quietMs, maxMs) {
      const until = sharedNow() + maxMs;
      while (sharedNow() < until && sharedNow() - lastAt < quietMs)
        await new Promise((resolve) => setTimeout(resolve, 100));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer, length: number) =>
  Buffer.from(hkdfSync('sha256', ikm, salt, info, length));

/**
 * Decrypts a Web Push message body (Content-Encoding: aes128gcm) for the subscriber whose P-256
 * key pair and auth secret are given: the header's salt, record size and the sender's public
 * key, then each record under the key and nonce of RFC 8291 §3.4 and RFC 8188 §2.2–2.3.
 */
export function decryptAes128gcm(
  body: Buffer,
  privateKey: Buffer,
  publicKey: Buffer,
  auth: Buffer,
): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderKey = body.subarray(21, 21 + idLength);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(privateKey);
  const secret = ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), publicKey, senderKey]);
  const ikm = hkdf(auth, secret, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const baseNonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  const parts: Buffer[] = [];
  const records = body.subarray(21 + idLength);
  for (let offset = 0, seq = 0; offset < records.length; offset += recordSize, seq++) {
    const record = records.subarray(offset, offset + recordSize);
    const nonce = Buffer.from(baseNonce);
    // The record's sequence number is XORed into the nonce's low end (a few records: 32 bits).
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([
      decipher.update(record.subarray(0, record.length - 16)),
      decipher.final(),
    ]);
    // Padding: a delimiter (2 on the last record, 1 before) and then zeros.
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    parts.push(plain.subarray(0, end));
  }
  return Buffer.concat(parts).toString('utf8');
}
