import type { Identity } from '@luot/protocol';
import { hashSecret } from './auth.ts';
import type { Clock } from './clock.ts';
import type { ProvinceStore, SessionRow } from './store.ts';

/** A resolved bearer secret: who it is and how to check later that it still holds. */
export interface Credential {
  identity: Identity;
  tokenHash: string;
  kind: 'session' | 'device' | 'ticket';
  /** A person's session: its public id (for the list of sessions). */
  sessionId?: string;
  /** A person's session: the sites they work at (null: every site). */
  sites?: string[] | null;
}

/** What resolving a secret needs: the store, the time, and how long an unused session lasts. */
export interface CredentialDeps {
  province: ProvinceStore;
  clock: Clock;
  /** A session unused for this long no longer resolves (HubOptions.sessionIdleMs). */
  sessionIdleMs: number;
}

/** `last_seen_at` is written at most this often per session. */
export const SESSION_TOUCH_MS = 60_000;

/**
 * Whether a stored session still holds now: not ended, not expired, used within the idle
 * timeout. When `use` is set (a request or event made with it), records the use, at most once
 * a minute, so the idle timeout counts from the last use within a minute.
 */
async function sessionHolds(
  deps: CredentialDeps,
  tokenHash: string,
  session: SessionRow | null,
  use: boolean,
): Promise<boolean> {
  const now = deps.clock.now();
  if (!session || session.endedAt !== null || session.expiresAt <= now) return false;
  if (session.lastSeenAt + deps.sessionIdleMs <= now) return false;
  if (use && now - session.lastSeenAt >= SESSION_TOUCH_MS)
    await deps.province.touchSession(tokenHash, now);
  return true;
}

/**
 * Turns a bearer secret (a person's session, a paired device's token, or a ticket's phone
 * link) into an identity, or null when it is unknown, expired, ended, revoked or disabled.
 */
export async function resolveCredential(
  deps: CredentialDeps,
  token: unknown,
): Promise<Credential | null> {
  const { province } = deps;
  if (typeof token !== 'string' || token.length < 10 || token.length > 200) return null;
  const tokenHash = hashSecret(token);
  if (token.startsWith('ses_')) {
    const session = await province.findSession(tokenHash);
    if (!session || !(await sessionHolds(deps, tokenHash, session, true))) return null;
    const user = await province.findUser(session.username);
    if (!user || user.disabled || !belongsTo(user.sites, session.siteId)) return null;
    const { siteId } = session;
    if (user.role === 'clerk') {
      if (!session.counterId) return null;
      return {
        tokenHash,
        kind: 'session',
        sessionId: session.id,
        sites: user.sites,
        identity: {
          role: 'clerk',
          siteId,
          username: user.username,
          name: user.name,
          counterId: session.counterId,
        },
      };
    }
    if (user.role === 'guide') {
      // A guide's session keeps its desk in the session's place column (`counterId`).
      if (!session.counterId) return null;
      return {
        tokenHash,
        kind: 'session',
        sessionId: session.id,
        sites: user.sites,
        identity: {
          role: 'guide',
          siteId,
          username: user.username,
          name: user.name,
          deskId: session.counterId,
        },
      };
    }
    return {
      tokenHash,
      kind: 'session',
      sessionId: session.id,
      sites: user.sites,
      identity: { role: user.role, siteId, username: user.username, name: user.name },
    };
  }
  if (token.startsWith('dev_')) {
    const device = await province.deviceByTokenHash(tokenHash);
    if (!device || device.revokedAt !== null) return null;
    return {
      tokenHash,
      kind: 'device',
      identity: {
        role: device.kind,
        siteId: device.siteId,
        deviceId: device.id,
        name: device.name,
        counterId: device.counterId,
        speaks: device.speaks,
      },
    };
  }
  const ticket = await province.ticketByTokenHash(tokenHash);
  return ticket ? { tokenHash, kind: 'ticket', identity: { role: 'public', ...ticket } } : null;
}

/**
 * Whether a credential resolved earlier still holds (sessions end or go idle, devices are
 * revoked). `use`: the check is for a request or event made with it (not the sweep's look).
 */
export async function stillValid(
  deps: CredentialDeps,
  credential: Credential,
  use: boolean,
): Promise<boolean> {
  const { province } = deps;
  if (credential.kind === 'ticket') return true;
  if (credential.kind === 'device') {
    const device = await province.deviceByTokenHash(credential.tokenHash);
    return device !== null && device.revokedAt === null;
  }
  const session = await province.findSession(credential.tokenHash);
  if (!(await sessionHolds(deps, credential.tokenHash, session, use)) || !session) return false;
  // A session moved to another site no longer holds for sockets opened at the first.
  if (session.siteId !== credential.identity.siteId) return false;
  const user = await province.findUser(session.username);
  return user !== null && !user.disabled && belongsTo(user.sites, session.siteId);
}

/** Whether a person with these sites (null: every site) works at `siteId`. */
export function belongsTo(sites: readonly string[] | null, siteId: string): boolean {
  return sites === null || sites.includes(siteId);
}

/** The sites of a credential's person (null: every site); a device or phone link: its own site. */
export function sitesOf(credential: Credential): string[] | null {
  return credential.sites === undefined ? [credential.identity.siteId] : credential.sites;
}
