import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MessageStore } from '../store.ts';

/** The store's secret that seals recipients (32 random bytes, base64). */
export const RECIPIENT_KEY_SECRET = 'messages.recipient-key';

/** Seals and opens recipients (a phone, a push subscription) with AES-256-GCM. */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

/**
 * A sealer over a 32-byte key: "v1.<iv>.<tag>.<ciphertext>" (base64url), a fresh 12-byte IV
 * each time, so the same phone sealed twice reads differently.
 */
export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('the recipient key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed recipient');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The deployment's sealer: its key is a secret in the store, made once by whichever node asks
 * first, so every node of a province opens what another sealed (see README "Messages").
 */
export async function storeSealer(store: Pick<MessageStore, 'secret'>, now: number): Promise<Sealer> {
  const key = await store.secret(RECIPIENT_KEY_SECRET, () => randomBytes(32).toString('base64'), now);
  return createSealer(Buffer.from(key, 'base64'));
}

/** "84912345678" → "*******678": what the delivery list shows. */
export function maskPhone(phone: string): string {
  return '*'.repeat(Math.max(0, phone.length - 3)) + phone.slice(-3);
}
