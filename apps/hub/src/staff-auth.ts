import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendFailure } from './http-errors.ts';
import { resolveCredential, sitesOf, type Credential, type CredentialDeps } from './identity.ts';
import { requestToken } from './session-cookie.ts';

/** A signed-in supervisor or admin, as the HTTP endpoints of reports and administration see them. */
export interface Staff {
  username: string;
  name: string;
  role: 'supervisor' | 'admin';
  /** The site the session works at, and every site the person belongs to (null: all). */
  siteId: string;
  sites: string[] | null;
  /** The session's token hash and public id (to keep it, or mark it, in the list of sessions). */
  tokenHash: string;
  sessionId: string;
}

/**
 * The person's session behind a request (`Authorization: Bearer ses_…` or the `luot_session`
 * cookie), whatever their role; otherwise answers 401 and returns null. Counts as a use of it.
 */
export async function requireSession(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: CredentialDeps,
): Promise<(Credential & { kind: 'session'; sessionId: string }) | null> {
  const token = requestToken(request);
  const credential = token ? await resolveCredential(deps, token) : null;
  if (!credential || credential.kind !== 'session' || credential.sessionId === undefined) {
    void sendFailure(reply, 'UNAUTHENTICATED');
    return null;
  }
  return { ...credential, kind: 'session', sessionId: credential.sessionId };
}

/**
 * The person behind a request's session, if they hold one of `roles`; otherwise answers 401
 * (no valid session) or 403 (another role) and returns null. The hub enforces roles here,
 * whatever the admin app shows or hides.
 */
export async function requireStaff(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: CredentialDeps,
  roles: readonly Staff['role'][],
): Promise<Staff | null> {
  const credential = await requireSession(request, reply, deps);
  if (!credential) return null;
  const identity = credential.identity;
  if (
    (identity.role !== 'supervisor' && identity.role !== 'admin') ||
    !roles.includes(identity.role)
  ) {
    void sendFailure(reply, 'FORBIDDEN');
    return null;
  }
  return {
    username: identity.username,
    name: identity.name,
    role: identity.role,
    siteId: identity.siteId,
    sites: sitesOf(credential),
    tokenHash: credential.tokenHash,
    sessionId: credential.sessionId,
  };
}
