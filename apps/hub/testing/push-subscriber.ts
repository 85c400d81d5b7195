// A browser's side of Web Push, for tests: the subscription's keys (P-256 and the auth secret),
// and the decryption of what a push endpoint received (aes128gcm, RFC 8291) with `http_ece`,
// the library web-push itself encrypts with.
import { createECDH, randomBytes } from 'node:crypto';
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
