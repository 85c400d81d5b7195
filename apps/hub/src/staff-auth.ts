import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '@luot/protocol';
import { failure } from '@luot/protocol';
import type { Clock } from './clock.ts';
import type { Store } from './store.ts';
import { resolveCredential } from './sockets/identity.ts';

/** A signed-in supervisor or admin, as the HTTP endpoints of reports and administration see them. */
export interface Staff {
  username: string;
  name: string;
  role: 'supervisor' | 'admin';
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  INVALID_CONFIG: 400,
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INTERNAL: 500,
};

/** Sends a failure in the acknowledgement shape, with an HTTP status that matches its code. */
export function sendFailure(reply: FastifyReply, code: ErrorCode, message?: string) {
  const body = failure(code);
  if (message) body.error.message = message;
  return reply.code(STATUS[code] ?? 409).send(body);
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
