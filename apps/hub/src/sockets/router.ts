import type { z } from 'zod';
import {
  CLIENT_EVENTS,
  failure,
  type Ack,
  type ClientEventName,
  type ClientPayload,
  type ClientResults,
  type Identity,
  type ParsedPayload,
  type Role,
} from '@luot/protocol';
import type { HandlerContext } from './context.ts';

/** The roles allowed to send an event. */
export type RolesOf<E extends ClientEventName> = (typeof CLIENT_EVENTS)[E]['roles'][number];

/** The identities of some roles: a paired kiosk is a device identity whose role is 'kiosk'. */
export type IdentityOf<R extends Role> = R extends Role
  ? Identity extends infer I
    ? I extends { role: infer Has }
      ? R extends Has
        ? I & { role: R }
        : never
      : never
    : never
  : never;

/** What a handler answers: at once, or once it has read the store. */
export type Answer<T> = Ack<T> | Promise<Ack<T>>;

/** The handler of one client event: called only for an allowed sender with a valid payload. */
export type Handler<E extends ClientEventName> = (
  ctx: HandlerContext<IdentityOf<RolesOf<E>>>,
  payload: ParsedPayload<E>,
) => Answer<ClientResults[E]>;

/** One handler for every client event. */
export type Handlers = { [E in ClientEventName]: Handler<E> };

/** The event specs seen per event, so a spec's payload type follows its name. */
type Specs = {
  [E in ClientEventName]: {
    roles: readonly RolesOf<E>[];
    payload: z.ZodType<ParsedPayload<E>, ClientPayload<E>>;
  };
};
const SPECS: Specs = CLIENT_EVENTS;

function mayAct<R extends Role>(
  identity: Identity,
  roles: readonly R[],
): identity is IdentityOf<R> {
  return roles.some((role) => role === identity.role);
}

/**
 * Checks an event at the edge, once, for every handler: the sender's role may send it and the
 * payload matches its schema. Then runs the event's handler. Never throws.
 */
export async function route<E extends ClientEventName>(
  handlers: Handlers,
  name: E,
  raw: unknown,
  ctx: HandlerContext<Identity>,
): Promise<Ack<ClientResults[E]>> {
  const spec = SPECS[name];
  const { identity } = ctx;
  if (!mayAct(identity, spec.roles)) return failure('FORBIDDEN');
  const parsed = spec.payload.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return failure(
      'BAD_REQUEST',
      first ? `${first.path.join('.') || 'payload'}: ${first.code}` : undefined,
    );
  }
  const handler: Handlers[E] = handlers[name];
  return handler({ ...ctx, identity }, parsed.data);
}
