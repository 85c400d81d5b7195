import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from './clock.ts';
import type { Store } from './store.ts';
import { sendFailure } from './http-errors.ts';
import { resolveCredential } from './identity.ts';

/** A signed-in supervisor or admin, as the HTTP endpoints of reports and administration see them. */
export interface Staff {
  username: string;
  name: string;
  role: 'supervisor' | 'admin';
}

/**
 * The person behind a request's `Authorization: Bearer ses_…`, if they hold one of `roles`;
 * otherwise answers 401 (no valid session) or 403 (another role) and returns null. The hub
 * enforces roles here, whatever the admin app shows or hides.
 */
export async function requireStaff(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { store: Store; clock: Clock },
  roles: readonly Staff['role'][],
): Promise<Staff | null> {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7) : null;
  const credential = token ? await resolveCredential(deps.store, deps.clock, token) : null;
  if (!credential || credential.kind !== 'session') {
    void sendFailure(reply, 'UNAUTHENTICATED');
    return null;
  }
  const identity = credential.identity;
  if (
    (identity.role !== 'supervisor' && identity.role !== 'admin') ||
    !roles.includes(identity.role)
  ) {
    void sendFailure(reply, 'FORBIDDEN');
    return null;
  }
  return { username: identity.username, name: identity.name, role: identity.role };
}
