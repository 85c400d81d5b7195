// One REST route: what the OpenAPI document says of it and what it runs. A route exists only as
// an entry of the table in routes.ts, which both registers it (serve.ts) and documents it
// (openapi.ts): a route cannot be served without being documented.
import { z } from 'zod';
import { own } from '@luot/domain';
import {
  CLIENT_EVENTS,
  failure,
  type Ack,
  type ApiPermission,
  type ClientEventName,
  type ErrorCode,
  type Identity,
  siteIdSchema,
} from '@luot/protocol';
import type { Site } from '../sites.ts';
import type { Dispatch } from '../sockets/socket-server.ts';
import type { SiteReports } from '../reports/report-routes.ts';
import { REST_MESSAGES_VI } from './messages-vi.ts';

/** The key a request came with, as far as a route needs it. */
export interface CallerKey {
  id: string;
  name: string;
  /** The one site it acts at; null: every site. */
  siteId: string | null;
  permissions: ApiPermission[];
}

/** What a route runs with: the caller's key and site, and the hub's parts it goes through. */
export interface RestCall {
  key: CallerKey;
  site: Site;
  dispatch: Dispatch;
  reports: SiteReports;
  /** The hub's address as the request reached it (a new ticket's phone page link). */
  publicUrl: string;
}

/** A request's parts, as Fastify parsed them (nothing checked yet). */
export interface RestInput {
  params: Record<string, string>;
  query: unknown;
  body: unknown;
}

/** A file to download (a report's export). */
export interface RestFile {
  contentType: string;
  /** Sent as an attachment of this name; shown in the browser without one. */
  name?: string;
  body: string | Buffer;
  /** How long a browser may keep it (the reference page's files). */
  maxAgeS?: number;
}

export type RestAnswer = Ack<unknown> | { ok: true; file: RestFile };

export interface RestRoute {
  method: 'GET' | 'POST';
  /** Below /api/v1, with OpenAPI's `{param}` placeholders. */
  path: string;
  /** What the key must allow; null: no key needed (the document and its page). */
  permission: ApiPermission | null;
  tag: string;
  /** Vietnamese, one line: what a person reading the reference sees first. */
  summary: string;
  /** English: what it does, as whom, what it changes. */
  description: string;
  /** The path's parameters (checked before anything runs). */
  params: z.ZodObject;
  query?: z.ZodObject;
  /** The request body as documented; the event's own schema checks it when the route runs. */
  body?: z.ZodType;
  /** A valid request body (checked against `body` by the document's test). */
  example?: unknown;
  /** The `data` of a success, or a file of these media types, or a page. */
  result: z.ZodType | { file: string[] } | { page: string };
  /** The codes a caller may see besides the ones every keyed route has (401, 403, 404, 400). */
  errors: readonly ErrorCode[];
  /** The client event it runs through `dispatch`, if any (for the reference). */
  event?: ClientEventName;
  run(call: RestCall, input: RestInput): Promise<RestAnswer>;
}

/** Every route's path starts with its site. */
export const siteParams = z.strictObject({ siteId: siteIdSchema });

/** How the API acts at a site: the kind of sender whose event a route runs. */
export type ActingAs = 'kiosk' | 'clerk' | 'supervisor';

/** How the caller is named in the log of stored events and in the audit trail. */
export const actorOfKey = (key: CallerKey) => `api:${key.id}`;

/**
 * The identity a key acts with. `kiosk`: a kiosk named for the key (device id `api:<keyId>`, so
 * the kiosk's one-ticket-per-interval rule holds per key); `supervisor`: a supervisor named
 * `api:<keyId>` (the audit trail's actor); `clerk`: the clerk signed in at `counterId`, refused
 * COUNTER_CLOSED when no one is (the API never opens a counter for a person).
 */
export function identityFor(
  as: ActingAs,
  call: RestCall,
  counterId: string | undefined,
): Ack<Identity> {
  const siteId = call.site.id;
  const name = call.key.name;
  switch (as) {
    case 'kiosk':
      return {
        ok: true,
        data: {
          role: 'kiosk',
          siteId,
          deviceId: actorOfKey(call.key),
          name,
          counterId: null,
          speaks: false,
        },
      };
    case 'supervisor':
      return {
        ok: true,
        data: { role: 'supervisor', siteId, username: actorOfKey(call.key), name },
      };
    case 'clerk': {
      const live = call.site.queue.live;
      if (!counterId || !live.config.counters.some((c) => c.id === counterId))
        return failure('NOT_FOUND', REST_MESSAGES_VI.noCounter);
      const counter = own(live.counters, counterId);
      if (!counter?.clerkId || counter.status === 'closed') return failure('COUNTER_CLOSED');
      return {
        ok: true,
        data: {
          role: 'clerk',
          siteId,
          username: counter.clerkId,
          name: counter.clerkId,
          counterId,
        },
      };
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A route that runs one client event through `dispatch`: the body (an object, or nothing) with
 * the path's parameters named in `fromPath` added, checked by the event's own schema, for the
 * identity `as`, with the key as the actor. The body is documented as the event's schema without
 * the parameters the path gives.
 */
export function eventRoute<E extends ClientEventName>(spec: {
  path: string;
  permission: ApiPermission;
  tag: string;
  summary: string;
  description: string;
  event: E;
  as: ActingAs;
  params: z.ZodObject;
  /** Path parameters that are fields of the event's payload. */
  fromPath?: string[];
  example: unknown;
  result: z.ZodType;
  errors: readonly ErrorCode[];
}): RestRoute {
  const fromPath = spec.fromPath ?? [];
  const payload = CLIENT_EVENTS[spec.event].payload as z.ZodType;
  const body =
    fromPath.length > 0 && payload instanceof z.ZodObject
      ? payload.omit(Object.fromEntries(fromPath.map((k) => [k, true])) as Record<string, true>)
      : payload;
  return {
    method: 'POST',
    path: spec.path,
    permission: spec.permission,
    tag: spec.tag,
    summary: spec.summary,
    description: spec.description,
    params: spec.params,
    body,
    example: spec.example,
    result: spec.result,
    errors: spec.errors,
    event: spec.event,
    async run(call, input) {
      const raw = input.body ?? {};
      if (!isObject(raw)) return failure('BAD_REQUEST', 'body: expected a JSON object');
      const doubled = fromPath.find((k) => k in raw);
      if (doubled) return failure('BAD_REQUEST', `${doubled}: given in the path, not the body`);
      const identity = identityFor(spec.as, call, input.params.counterId);
      if (!identity.ok) return identity;
      const fields = Object.fromEntries(fromPath.map((k) => [k, input.params[k]]));
      return call.dispatch(
        identity.data,
        spec.event,
        { ...raw, ...fields },
        {
          publicUrl: call.publicUrl,
          actor: actorOfKey(call.key),
        },
      );
    },
  };
}
