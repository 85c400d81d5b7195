// The REST API's keys (issue 16): making one, resolving a request's key, and the one rule of
// where and what a key may act.
import { randomBytes } from 'node:crypto';
import {
  API_PERMISSIONS,
  type ApiKeyCreate,
  type ApiKeyCreated,
  type ApiKeySummary,
  type ApiPermission,
} from '@luot/protocol';
import { hashSecret } from './auth.ts';
import type { Clock } from './clock.ts';
import { API_KEY_TOUCH_MS, type ApiKeyRow, type ApiKeyStore } from './store-api-keys.ts';

/** Every key's secret starts so (and then 32 random bytes, base64url: 43 characters). */
export const API_KEY_PREFIX = 'luot_k_';
const SECRET_PATTERN = /^luot_k_[A-Za-z0-9_-]{43}$/;
/** How much of the secret the list shows: the prefix and 4 characters (24 of its 256 bits). */
const SHOWN_CHARS = API_KEY_PREFIX.length + 4;
/** A key's id as routes take it (`key_` and 12 base64url characters). */
export const API_KEY_ID_PATTERN = /^key_[A-Za-z0-9_-]{12}$/;

/** What resolving a key needs: the store and the time (for last-used). */
export interface ApiKeyDeps {
  province: ApiKeyStore;
  clock: Clock;
}

/** The key behind a request, as routes use it. */
export interface ApiKeyIdentity {
  keyId: string;
  name: string;
  /** The one site it acts at; null: every site. */
  siteId: string | null;
  permissions: ApiPermission[];
}

/**
 * Why a request's key is refused: no `Authorization: Bearer luot_k_…` header (`missing`), a
 * secret no key has (`unknown`), or a key revoked (`revoked`). All three answer 401.
 */
export type ApiKeyRefusal = 'missing' | 'unknown' | 'revoked';

export type ApiKeyResolution =
  { ok: true; key: ApiKeyIdentity } | { ok: false; reason: ApiKeyRefusal };

/**
 * The key of an `Authorization` header value (`Bearer luot_k_…`), or why there is none. The
 * secret is hashed and the hash looked up, so how long it takes tells nothing of the secret;
 * a revocation holds at the next request on every node (no cache). Records the use, at most
 * once a minute per key.
 */
export async function resolveApiKey(
  deps: ApiKeyDeps,
  authorization: string | string[] | undefined,
): Promise<ApiKeyResolution> {
  const header = typeof authorization === 'string' ? authorization.trim() : '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match || !match[1]!.startsWith(API_KEY_PREFIX)) return { ok: false, reason: 'missing' };
  const secret = match[1]!;
  if (!SECRET_PATTERN.test(secret)) return { ok: false, reason: 'unknown' };
  const row = await deps.province.apiKeyByHash(hashSecret(secret));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revokedAt !== null) return { ok: false, reason: 'revoked' };
  const now = deps.clock.now();
  if (row.lastUsedAt === null || now - row.lastUsedAt >= API_KEY_TOUCH_MS)
    await deps.province.touchApiKey(row.id, now);
  return {
    ok: true,
    key: { keyId: row.id, name: row.name, siteId: row.siteId, permissions: row.permissions },
  };
}

/**
 * The one rule of a key: it acts at its site only (a key of every site, site null, at any),
 * and only with a permission it was given.
 */
export function mayUseKey(
  key: Pick<ApiKeyIdentity, 'siteId' | 'permissions'>,
  siteId: string,
  permission: ApiPermission,
): boolean {
  return (key.siteId === null || key.siteId === siteId) && key.permissions.includes(permission);
}

/**
 * Makes a key: a fresh secret, of which the store gets only the hash and a short prefix.
 * Answers the key with its secret, which nothing can show again. Who may ask for which site is
 * the caller's check (see admin/api-key-routes.ts).
 */
export async function createApiKey(
  deps: ApiKeyDeps,
  input: ApiKeyCreate,
  createdBy: string,
): Promise<ApiKeyCreated> {
  const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  const id = `key_${randomBytes(9).toString('base64url')}`;
  // Each permission once, in the protocol's order.
  const permissions = API_PERMISSIONS.filter((p) => input.permissions.includes(p));
  const at = deps.clock.now();
  const key = {
    id,
    name: input.name,
    siteId: input.siteId,
    permissions,
    secretHash: hashSecret(secret),
    prefix: secret.slice(0, SHOWN_CHARS),
    createdBy,
  };
  await deps.province.createApiKey(key, at);
  const summary: ApiKeySummary = {
    id,
    name: key.name,
    siteId: key.siteId,
    permissions,
    prefix: key.prefix,
    createdAt: at,
    createdBy,
    lastUsedAt: null,
    revokedAt: null,
  };
  return { ...summary, secret };
}

/** A stored key as the admin app lists it (who revoked it goes to the audit trail). */
export function toApiKeySummary(row: ApiKeyRow): ApiKeySummary {
  const { id, name, siteId, permissions, prefix, createdAt, createdBy, lastUsedAt, revokedAt } =
    row;
  return { id, name, siteId, permissions, prefix, createdAt, createdBy, lastUsedAt, revokedAt };
}
