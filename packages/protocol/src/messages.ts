import { z } from 'zod';
import {
  dossierSchema,
  idCardSchema,
  idSchema,
  type QueueEvent,
  type QueueState,
  type Ticket,
  type TicketStatus,
} from '@luot/domain';
import { checkInPayloadSchema } from './citizens.ts';
import type { PublishedDigest } from './insight.ts';
import type { Ack, ErrorBody } from './errors.ts';
import { siteIdSchema, type Identity, type Role, type UserRole } from './roles.ts';

/** The one id rule (`idSchema` in @luot/domain): no `constructor`, `__proto__` and the like. */
const id = idSchema;
const reason = z.string().trim().min(1).max(300);
const empty = z.strictObject({});
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, _ or -');

/** Payload schemas of every client-to-server event, and the roles allowed to send it. */
export const CLIENT_EVENTS = {
  'ticket:issue': {
    roles: ['kiosk'],
    payload: z.strictObject({
      fieldId: id,
      priorityClassId: id.nullable().default(null),
      /**
       * The citizen's ID card when scanned or typed at the kiosk (only the personal number and the
       * scanned birth date): checks age priority, adults-only fields and the per-person limit.
       */
      idCard: idCardSchema.optional(),
      /** The kiosk's own name for this request, so it can take the number back if the answer is lost. */
      requestId: requestId.optional(),
    }),
  },
  /** A citizen with a booking or a remote number arrived: the kiosk prints their ticket. */
  'ticket:checkIn': {
    roles: ['kiosk'],
    payload: checkInPayloadSchema,
  },
  'ticket:abandon': {
    roles: ['kiosk'],
    payload: z.strictObject({ requestId, reason }),
  },
  'ticket:cancel': {
    roles: ['kiosk', 'supervisor', 'admin'],
    payload: z.strictObject({ ticketId: id, reason }),
  },
  'counter:callNext': { roles: ['clerk'], payload: empty },
  'counter:callTicket': { roles: ['clerk'], payload: z.strictObject({ ticketId: id }) },
  'counter:recall': { roles: ['clerk'], payload: empty },
  'counter:start': { roles: ['clerk'], payload: empty },
  /**
   * Finishes the service. `dossier`: the visit's dossier codes and outcome (checked by the
   * site's `dossier` setting, `checkDossier`); absent or null: none recorded.
   */
  'counter:finish': {
    roles: ['clerk'],
    payload: z.strictObject({ dossier: dossierSchema.nullable().optional() }),
  },
  'counter:noShow': { roles: ['clerk'], payload: empty },
  'counter:transfer': {
    roles: ['clerk'],
    payload: z.strictObject({
      to: z.union([z.strictObject({ fieldId: id }), z.strictObject({ counterId: id })]),
      reason,
    }),
  },
  'counter:pause': {
    roles: ['clerk'],
    payload: z.strictObject({ reason: z.string().trim().max(300).default('') }),
  },
  'counter:resume': { roles: ['clerk'], payload: empty },
  // A supervisor's (or admin's) actions on the floor, each with a reason for the audit trail.
  'counter:close': {
    roles: ['supervisor', 'admin'],
    payload: z.strictObject({ counterId: id, reason }),
  },
  'counter:release': {
    roles: ['supervisor', 'admin'],
    payload: z.strictObject({ counterId: id, reason }),
  },
  'clerk:signOut': {
    roles: ['supervisor', 'admin'],
    payload: z.strictObject({ username: z.string().regex(/^[a-z0-9._-]{2,32}$/), reason }),
  },
  'ticket:recall': {
    roles: ['supervisor', 'admin'],
    payload: z.strictObject({ counterId: id, reason: z.string().trim().max(300).default('') }),
  },
  'ticket:move': {
    roles: ['supervisor', 'admin'],
    payload: z.strictObject({
      ticketId: id,
      to: z.union([z.strictObject({ fieldId: id }), z.strictObject({ counterId: id })]),
      reason,
    }),
  },
  'rating:submit': {
    roles: ['rating'],
    payload: z.strictObject({ ticketId: id, score: z.number().int().min(1).max(5) }),
  },
  'device:report': {
    roles: ['kiosk', 'display', 'rating'],
    payload: z.strictObject({
      printer: z
        .strictObject({
          online: z.boolean(),
          paper: z.enum(['ok', 'near-end', 'out']),
          coverOpen: z.boolean(),
          error: z.string().max(300).optional(),
        })
        .nullable()
        .default(null),
    }),
  },
  'sync:snapshot': {
    roles: ['kiosk', 'display', 'rating', 'clerk', 'supervisor', 'admin'],
    payload: empty,
  },
  'ticket:view': { roles: ['public'], payload: empty },
  // A guide at a reception desk (desk.ts): issues for any field and priority (the guide vouches),
  // looks up today's ticket by its number, reprints it marked "IN LẠI".
  'desk:issue': {
    roles: ['guide'],
    payload: z.strictObject({ fieldId: id, priorityClassId: id.nullable().default(null) }),
  },
  'desk:lookup': {
    roles: ['guide'],
    payload: z.strictObject({ label: z.string().trim().toUpperCase().min(1).max(12) }),
  },
  'desk:reprint': { roles: ['guide'], payload: z.strictObject({ ticketId: id }) },
  'day:close': { roles: ['admin'], payload: empty },
  /** A lobby board asks for the log's digest to show (issue 17): the previous sealed day's code. */
  'board:digest': { roles: ['display'], payload: empty },
} as const satisfies Record<string, { roles: readonly Role[]; payload: z.ZodType }>;

export type ClientEventName = keyof typeof CLIENT_EVENTS;
export const CLIENT_EVENT_NAMES = Object.keys(CLIENT_EVENTS) as ClientEventName[];
export type ClientPayload<E extends ClientEventName> = z.input<
  (typeof CLIENT_EVENTS)[E]['payload']
>;
export type ParsedPayload<E extends ClientEventName> = z.output<
  (typeof CLIENT_EVENTS)[E]['payload']
>;

/** Whether a role may send an event at all (finer checks, such as "only at your counter", follow). */
export function maySend(role: Role, event: ClientEventName): boolean {
  return (CLIENT_EVENTS[event].roles as readonly Role[]).includes(role);
}

/** What the kiosk gets back for a ticket: enough to print it. */
export interface IssuedTicket {
  ticket: Ticket;
  /** The secret of the phone page; printed as a QR code, stored by the hub only as a hash. */
  token: string;
  /** Path of the phone page, relative to the hub's public address. */
  path: string;
  ahead: number;
  estimatedWaitMinutes: number | null;
}

/** Where a desk's ticket was printed, or why it was not (the number stands either way). */
export type DeskPrintOutcome =
  | { printed: true; where: 'printer' | 'kiosk'; name: string }
  | { printed: false; error: ErrorBody };

/** A number a guide issued at a desk: shown big on the desk's screen, printed if it could be. */
export interface DeskIssued {
  ticket: Ticket;
  ahead: number;
  estimatedWaitMinutes: number | null;
  print: DeskPrintOutcome;
}

/** A ticket of today as the desk's look-up shows it. */
export interface DeskTicket {
  ticket: Ticket;
  /** People ahead of it while it waits; 0 once it is called. */
  ahead: number;
  estimatedWaitMinutes: number | null;
}

/** A reprint done: when, and where it went (a reprint that could not print is refused). */
export interface DeskReprinted {
  ticketId: string;
  reprintedAt: number;
  where: 'printer' | 'kiosk';
  name: string;
}

/**
 * A ticket a desk sends to a kiosk to print (server to kiosk): printed by the kiosk as its own,
 * from its own state. `path` is the phone page (empty on a reprint: the hub keeps only the
 * link's hash, so a reprint carries no QR code); `reprintedAt` marks a reprint ("IN LẠI").
 */
export interface DeskPrintJob {
  ticket: Ticket;
  path: string;
  ahead: number;
  estimatedWaitMinutes: number | null;
  reprintedAt: number | null;
  deskName: string;
}

/** The only view the public gets: one ticket, no one else's data. */
export interface PublicTicketView {
  centreName: string;
  label: string;
  fieldName: string;
  status: TicketStatus;
  counterNumber: number | null;
  ahead: number;
  estimatedWaitMinutes: number | null;
  issuedAt: number;
  /**
   * The site's end-of-day text once the day's service is over (`serviceOver`) and this ticket
   * still waits to be served (waiting or no-show); null otherwise.
   */
  endOfDayMessage: string | null;
  /**
   * With the end-of-day message: when the ticket's field issues numbers again (`nextOpening`),
   * and the service day it was computed on, so the page can say "Mở lại thứ Hai 07:30".
   */
  reopening: { today: string; day: string; time: string } | null;
  /** Increases with every change to the queue, so a page can ignore stale views. */
  seq: number;
}

/** The full state a client may see, at a sequence number. Events with higher numbers follow. */
export interface Snapshot {
  seq: number;
  serverTime: number;
  state: QueueState;
  you: Identity;
  /** Printer and device status by device id, for supervisors. */
  devices: DeviceStatus[];
}

export interface DeviceStatus {
  deviceId: string;
  kind: string;
  name: string;
  online: boolean;
  lastSeenAt: number | null;
  printer: ParsedPayload<'device:report'>['printer'];
}

export interface SequencedEvent {
  seq: number;
  event: QueueEvent;
}

/** Results of each client-to-server event. */
export interface ClientResults {
  'ticket:issue': IssuedTicket;
  /** A booking's new ticket, or the remote number now callable (the same number, reprinted). */
  'ticket:checkIn': IssuedTicket & { kind: 'booking' | 'remote' };
  'ticket:abandon': { ticketId: string | null };
  'ticket:cancel': { ticketId: string };
  'counter:callNext': Ticket;
  'counter:callTicket': Ticket;
  'counter:recall': Ticket;
  'counter:start': Ticket;
  'counter:finish': Ticket;
  'counter:noShow': Ticket;
  'counter:transfer': Ticket;
  'counter:pause': { counterId: string };
  'counter:resume': { counterId: string };
  'counter:close': { counterId: string };
  /** The ticket the counter held, and where it went: back to waiting, or finished. */
  'counter:release': {
    counterId: string;
    ticketId: string | null;
    outcome: 'waiting' | 'done' | null;
  };
  /** The counters closed with the clerk's sign-out, and how many sessions ended. */
  'clerk:signOut': { username: string; closedCounterIds: string[]; sessionsEnded: number };
  'ticket:recall': Ticket;
  'ticket:move': Ticket;
  'rating:submit': { ticketId: string; score: number };
  'device:report': { received: true };
  'sync:snapshot': Snapshot;
  'ticket:view': PublicTicketView;
  'desk:issue': DeskIssued;
  'desk:lookup': DeskTicket;
  'desk:reprint': DeskReprinted;
  'day:close': { day: string };
  'board:digest': PublishedDigest | null;
}

/** Socket.IO's client-to-server event map: each event takes a payload and an acknowledgement. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: ClientPayload<E>,
    ack: (res: Ack<ClientResults[E]>) => void,
  ) => void;
};

/** Socket.IO's server-to-client event map. */
export interface ServerToClientEvents {
  /** The full view, sent on connect and on reconnect. */
  snapshot: (snapshot: Snapshot) => void;
  /** One queue event; `seq` is exactly one more than the previous event's, or a gap happened. */
  event: (event: SequencedEvent) => void;
  /** A device's status changed (supervisors and admins). */
  device: (status: DeviceStatus) => void;
  /** The public view of the socket's own ticket, sent whenever it may have changed. */
  'ticket:view': (view: PublicTicketView) => void;
  /** A kiosk is asked to print a desk's ticket; it answers once printed (or why not). */
  'desk:print': (job: DeskPrintJob, ack: (res: Ack<{ printed: true }>) => void) => void;
}

/** Body of POST /api/login. */
export const loginRequestSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
  counterId: id.optional(),
  /** A guide's reception desk (`desks` in the site's configuration); only a guide gives one. */
  deskId: id.optional(),
  /**
   * The site to work at, for a person who belongs to several (a province's people); omitted,
   * the first of theirs.
   */
  siteId: siteIdSchema.optional(),
  /**
   * A client that is not a browser app (the test harness, the bench, scripts) asks for the
   * token in the answer; browser apps get only the HttpOnly `luot_session` cookie.
   */
  bearer: z.boolean().optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** Body of POST /api/session/site: a person of several sites moves their session to another. */
export const sessionSiteSchema = z.strictObject({ siteId: siteIdSchema });

/** A site as GET /api/sites lists it for a person who may work there. */
export interface SiteSummary {
  id: string;
  name: string;
}

/** Who a session is: the answer to a sign-in and to GET /api/session. */
export interface SessionInfo {
  user: { username: string; name: string; role: UserRole };
  counterId: string | null;
  /** A guide's desk; null for everyone else. */
  deskId: string | null;
  /** The site the session works at, and every site the person may sign in at (null: all). */
  siteId: string;
  sites: string[] | null;
}

export interface LoginResult extends SessionInfo {
  /** Only when the request asked for `bearer: true`. */
  token?: string;
}

/** A sign-in that asked for a bearer token. */
export interface BearerLoginResult extends SessionInfo {
  token: string;
}

/** The socket handshake's `auth` object. */
export interface HandshakeAuth {
  token: string;
}
