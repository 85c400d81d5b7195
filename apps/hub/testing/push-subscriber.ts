// A browser's side of Web Push, for tests: the subscription's keys (P-256 and the auth secret),
// and the decryption of what a push endpoint received (aes128gcm, RFC 8291) with `http_ece`,
// the library web-push itself encrypts with.
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueTls } from '../src/tls-files.ts';
// @ts-expect-error http_ece ships no types; decrypt(buffer, params) → Buffer.
import ece from 'http_ece';

export interface PushSubscriber {
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  /** The notification's payload, decrypted and parsed. */
  decrypt(body: Buffer): { title: string; body: string; tag: string };
}

export function makePushSubscriber(endpoint: string): PushSubscriber {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    subscription: {
      endpoint,
      expirationTime: null,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    },
    decrypt(body) {
      const plain = (ece as { decrypt(b: Buffer, p: unknown): Buffer }).decrypt(body, {
        version: 'aes128gcm',
        privateKey: ecdh,
        authSecret: auth.toString('base64url'),
      });
      return JSON.parse(plain.toString('utf8')) as { title: string; body: string; tag: string };
    },
  };
}

/**
 * A certificate for 127.0.0.1 signed by a throwaway CA (`luot tls`'s own code), for a local
 * HTTPS push endpoint: push services speak HTTPS only, and web-push sends over HTTPS only.
 */
export function pushTls(): { cert: string; key: string; ca: string } {
  const dir = mkdtempSync(join(tmpdir(), 'luot-push-tls-'));
  const { paths } = issueTls(dir, { names: ['localhost'], ips: ['127.0.0.1'] });
  return {
    cert: readFileSync(paths.serverCert, 'utf8'),
    key: readFileSync(paths.serverKey, 'utf8'),
    ca: readFileSync(paths.caCert, 'utf8'),
  };
}
