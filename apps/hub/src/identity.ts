import type { Identity } from '@luot/protocol';
import { hashSecret } from './auth.ts';
import type { Clock } from './clock.ts';
import type { SessionRow, Store } from './store.ts';

/** A resolved bearer secret: who it is and how to check later that it still holds. */
export interface Credential {
  identity: Identity;
  tokenHash: string;
  kind: 'session' | 'device' | 'ticket';
  /** A person's session: its public id (for the list of sessions). */
  sessionId?: string;
}

/** What resolving a secret needs: the store, the time, and how long an unused session lasts. */
export interface CredentialDeps {
  store: Store;
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
    await deps.store.touchSession(tokenHash, now);
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
  const { store } = deps;
  if (typeof token !== 'string' || token.length < 10 || token.length > 200) return null;
  const tokenHash = hashSecret(token);
  if (token.startsWith('ses_')) {
    const session = await store.findSession(tokenHash);
    if (!session || !(await sessionHolds(deps, tokenHash, session, true))) return null;
    const user = await store.findUser(session.username);
    if (!user || user.disabled) return null;
    if (user.role === 'clerk') {
      if (!session.counterId) return null;
      return {
        tokenHash,
        kind: 'session',
        sessionId: session.id,
        identity: {
          role: 'clerk',
          username: user.username,
          name: user.name,
          counterId: session.counterId,
        },
      };
    }
    return {
      tokenHash,
      kind: 'session',
      sessionId: session.id,
      identity: { role: user.role, username: user.username, name: user.name },
    };
  }
  if (token.startsWith('dev_')) {
    const device = await store.deviceByTokenHash(tokenHash);
    if (!device || device.revokedAt !== null) return null;
    return {
      tokenHash,
      kind: 'device',
      identity: {
        role: device.kind,
        deviceId: device.id,
        name: device.name,
        counterId: device.counterId,
        speaks: device.speaks,
      },
    };
  }
  const ticketId = await store.ticketIdByTokenHash(tokenHash);
  return ticketId ? { tokenHash, kind: 'ticket', identity: { role: 'public', ticketId } } : null;
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
  const { store } = deps;
  if (credential.kind === 'ticket') return true;
  if (credential.kind === 'device') {
    const device = await store.deviceByTokenHash(credential.tokenHash);
    return device !== null && device.revokedAt === null;
  }
  const session = await store.findSession(credential.tokenHash);
  if (!(await sessionHolds(deps, credential.tokenHash, session, use)) || !session) return false;
  const user = await store.findUser(session.username);
  return user !== null && !user.disabled;
}
