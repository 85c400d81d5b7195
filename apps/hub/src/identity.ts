import type { Identity } from '@luot/protocol';
import { hashSecret } from './auth.ts';
import type { Clock } from './clock.ts';
import type { Store } from './store.ts';

/** A resolved bearer secret: who it is and how to check later that it still holds. */
export interface Credential {
  identity: Identity;
  tokenHash: string;
  kind: 'session' | 'device' | 'ticket';
}

/**
 * Turns a bearer secret (a person's session, a paired device's token, or a ticket's phone
 * link) into an identity, or null when it is unknown, expired, ended, revoked or disabled.
 */
export async function resolveCredential(
  store: Store,
  clock: Clock,
  token: unknown,
): Promise<Credential | null> {
  if (typeof token !== 'string' || token.length < 10 || token.length > 200) return null;
  const tokenHash = hashSecret(token);
  if (token.startsWith('ses_')) {
    const session = await store.findSession(tokenHash);
    if (!session || session.endedAt !== null || session.expiresAt <= clock.now()) return null;
    const user = await store.findUser(session.username);
    if (!user || user.disabled) return null;
    if (user.role === 'clerk') {
      if (!session.counterId) return null;
      return {
        tokenHash,
        kind: 'session',
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

/** Whether a credential resolved earlier still holds (sessions end, devices are revoked). */
export async function stillValid(
  store: Store,
  clock: Clock,
  credential: Credential,
): Promise<boolean> {
  if (credential.kind === 'ticket') return true;
  if (credential.kind === 'device') {
    const device = await store.deviceByTokenHash(credential.tokenHash);
    return device !== null && device.revokedAt === null;
  }
  const session = await store.findSession(credential.tokenHash);
  if (!session || session.endedAt !== null || session.expiresAt <= clock.now()) return false;
  const user = await store.findUser(session.username);
  return user !== null && !user.disabled;
}
