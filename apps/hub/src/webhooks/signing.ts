import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new subscription's signing secret: `whsec_` and 32 random bytes (base64url). */
export function makeWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The signature header of a delivery (`WEBHOOK_HEADERS.signature`): `t=<unix seconds>,v1=<hex>`,
 * hex being HMAC-SHA256 with the secret over `${t}.${body}`.
 */
export function signWebhook(secret: string, unixSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/**
 * The receiver's check, as the README documents it: the header parses, its `t` is within
 * `toleranceS` of `nowS`, and one `v1` matches (compared in constant time).
 */
export function verifyWebhook(
  secret: string,
  header: string | undefined,
  body: string,
  nowS: number,
  toleranceS = 300,
): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowS - t) > toleranceS) return false;
  const expected = Buffer.from(signWebhook(secret, t, body).split('v1=')[1]!, 'hex');
  return parts
    .filter(([k, v]) => k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/.test(v))
    .some(([, v]) => timingSafeEqual(Buffer.from(v!, 'hex'), expected));
}
