import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { CHECK_IN_CODE_ALPHABET } from '@luot/protocol';
import type { Clock } from '../clock.ts';
import type { IdCards } from '../id-cards.ts';
import type { Sites } from '../sites.ts';
import type { ProvinceStore } from '../store.ts';
import type { CitizenContacts } from './contacts.ts';

/** What one phone and one address may do; see README "Citizens outside the lobby". */
export interface CitizenLimits {
  /** How long a one-time code holds. */
  codeTtlMs: number;
  /** At most one code per phone in this time. */
  codeIntervalMs: number;
  /** Codes sent per client address in an hour (a carrier's NAT puts many phones behind one). */
  codesPerAddressPerHour: number;
  /** Wrong codes for one phone (from any address) before it is locked for `lockMs`. */
  wrongCodesPerPhone: number;
  /** Wrong codes from one address (for any phones) before it is locked for `lockMs`. */
  wrongCodesPerAddress: number;
  lockMs: number;
  /** How long a citizen's sign-in lasts. */
  sessionTtlMs: number;
  /** How often bookings past their grace are released. */
  releaseEveryMs: number;
}

export const DEFAULT_CITIZEN_LIMITS: CitizenLimits = {
  codeTtlMs: 5 * 60_000,
  codeIntervalMs: 60_000,
  codesPerAddressPerHour: 10,
  wrongCodesPerPhone: 5,
  wrongCodesPerAddress: 5,
  lockMs: 15 * 60_000,
  sessionTtlMs: 2 * 60 * 60_000,
  releaseEveryMs: 60_000,
};

export type Citizens = ReturnType<typeof createCitizens>;

/**
 * The citizens' side of the hub, shared by the public API, the kiosk's check-in and the release
 * of bookings past their grace: the province's keyed hashes, codes and secrets, and the port to
 * the citizen's phone (`contacts`). A phone number is never stored: only HMAC-SHA256 of it with
 * the province's key (kept in the store, made once), so the limits can count a phone and a
 * copied database cannot be searched for one without the key.
 */
export function createCitizens(deps: {
  /** The ID card's count, which a field asking for the card shares with the kiosks (issue 15). */
  idCards: IdCards;
  province: ProvinceStore;
  sites: Sites;
  clock: Clock;
  log: Logger;
  contacts: CitizenContacts;
  limits?: Partial<CitizenLimits>;
}) {
  const limits = { ...DEFAULT_CITIZEN_LIMITS, ...deps.limits };
  let key: Promise<string> | null = null;
  const keyed = async (kind: string, value: string) => {
    // The province's key, made once by whichever node asks first (the `secrets` table).
    const make = () => randomBytes(32).toString('base64url');
    key ??= deps.province.secret('citizen-key', make, deps.clock.now()).catch((err: unknown) => {
      key = null;
      throw err;
    });
    return createHmac('sha256', await key)
      .update(`${kind}:${value}`)
      .digest('base64url');
  };

  return {
    ...deps,
    limits,
    /** The keyed hash of a normalised phone number ("84912345678"). */
    phoneHash: (phone: string) => keyed('phone', phone),
    /** The keyed hash of a client address (the limits count addresses without keeping them). */
    addressHash: (address: string) => keyed('address', address),
    /** The keyed hash of a one-time code sent to a phone. */
    codeHash: (phoneHash: string, code: string) => keyed('code', `${phoneHash}:${code}`),
    /** Calls the contacts port where a failure must not undo what is done; logs it. */
    tell(what: string, call: () => Promise<void>): void {
      void call().catch((err: unknown) => deps.log.warn({ err, what }, 'citizen contacts failed'));
    },
  };
}

/** Six digits, uniformly drawn. */
export function newOneTimeCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Six characters of the check-in alphabet, uniformly drawn. */
export function newCheckInCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++)
    code += CHECK_IN_CODE_ALPHABET[randomInt(CHECK_IN_CODE_ALPHABET.length)];
  return code;
}

/** A secret for a link (`/b/<token>`, a citizen's bearer token): 128 random bits. */
export function newLinkSecret(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The phone-page secret a booking's ticket gets at check-in, derived from the booking page's
 * secret: the booking page can show the ticket's page, and the hub keeps only hashes of both.
 */
export function ticketSecretOf(bookingToken: string): string {
  return createHmac('sha256', bookingToken).update('ticket').digest('base64url').slice(0, 22);
}

/** "84912345678" as shown back to its holder: "0912 *** 678". */
export function maskPhone(phone: string): string {
  const local = `0${phone.slice(2)}`;
  return `${local.slice(0, 4)} *** ${local.slice(-3)}`;
}

/**
 * Seals a phone number with a key derived from a secret the hub does not keep (a citizen's
 * bearer token): AES-256-GCM, random nonce. Only a request that carries the token opens it.
 */
export function sealWith(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Opens what `sealWith` sealed with the same secret; null if it does not open. */
export function openWith(secret: string, sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealKey(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function sealKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('seal').digest();
}
