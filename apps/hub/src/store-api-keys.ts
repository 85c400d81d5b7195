// API keys for the REST API (issue 16): part of the store port (`ProvinceStore` extends it).
import type { ApiKeySummary, ApiPermission } from '@luot/protocol';

/** A key as it is created: only its secret's SHA-256 hash and a short prefix, never the secret. */
export interface NewApiKey {
  id: string;
  name: string;
  /** The one site it acts at; null: every site. */
  siteId: string | null;
  permissions: ApiPermission[];
  /** Hex SHA-256 of the secret (`hashSecret`), how a request's key is found. */
  secretHash: string;
  /** The secret's first characters, to tell keys apart in a list. */
  prefix: string;
  createdBy: string;
}

/** A stored key: what the admin app lists, and who revoked it. */
export interface ApiKeyRow extends ApiKeySummary {
  revokedBy: string | null;
}

/**
 * The keys of the REST API, province-wide (a key belongs to one site or to all). The store keeps
 * each secret's hash only, so a copied database opens no door; a revocation is a row change
 * every node sees at its next lookup.
 */
export interface ApiKeyStore {
  /** Stores a new key. Rejects an id or a hash in use. */
  createApiKey(key: NewApiKey, at: number): Promise<void>;
  /**
   * Keys of these sites, oldest first (`null`: every key, the keys of every site included);
   * keys of every site (site null) are listed only for null.
   */
  listApiKeys(sites: readonly string[] | null): Promise<ApiKeyRow[]>;
  /** One key by its id, revoked or not. */
  apiKeyById(id: string): Promise<ApiKeyRow | null>;
  /** The key whose secret hashes to this, revoked or not. */
  apiKeyByHash(secretHash: string): Promise<ApiKeyRow | null>;
  /** Revokes a key for good; false when it is unknown or already revoked. */
  revokeApiKey(id: string, by: string, at: number): Promise<boolean>;
  /**
   * Records a use of the key at `at`, unless a use less than `API_KEY_TOUCH_MS` before is
   * recorded already (callers check first too, so a busy key writes about once a minute).
   */
  touchApiKey(id: string, at: number): Promise<void>;
}

/** `last_used_at` is written at most this often per key. */
export const API_KEY_TOUCH_MS = 60_000;
