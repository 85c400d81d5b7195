import type { QueueEvent, SiteConfig, Ticket } from '@luot/domain';
import type { AuditEntry, DeviceKind, Report, ReportQuery, UserRole } from '@luot/protocol';

/**
 * The store port: everything the hub keeps. The hub talks to it only through promises, so a
 * store on another server (PostgreSQL, for a province) can satisfy it as well as the embedded
 * SQLite file (`db/`, whose synchronous calls are wrapped by `asyncStore`). The store writes
 * what it is handed and reads what it is asked; the queue's rules stay with the domain and the
 * queue service.
 */
export interface Store {
  /** The site configuration, or null before `luot init`. */
  readConfig(): Promise<SiteConfig | null>;
  writeConfig(config: SiteConfig, at: number): Promise<void>;
  /** The day of the newest stored event, or null for an empty log. */
  latestDay(): Promise<string | null>;
  /** A day's events in the order they were stored. */
  eventsOfDay(day: string): Promise<{ seq: number; event: QueueEvent }[]>;
  /** The sequence number of the newest stored event (0 for none). */
  lastSeq(): Promise<number>;
  /**
   * Stores commands, in order, in ONE transaction: each command's events and the rows they
   * change. Resolves with each command's sequence numbers once all of them are durable; rejects
   * (storing none) otherwise.
   */
  append(commands: readonly StoredCommand[]): Promise<number[][]>;

  /** The ticket whose phone link hashes to this. */
  ticketIdByTokenHash(hash: string): Promise<string | null>;
  /** The ticket a kiosk's named issue request produced, if it was stored. */
  ticketIdByRequestKey(key: string): Promise<string | null>;
  /** The actor that issued a ticket, e.g. "device:kiosk-1". */
  ticketIssuer(ticketId: string): Promise<string | null>;
  /** A stored ticket as the domain shapes it, for tickets of past days no longer in memory. */
  ticketSnapshot(ticketId: string): Promise<Ticket | null>;

  createUser(user: NewUser, at: number): Promise<void>;
  findUser(username: string): Promise<UserRow | null>;
  listUsers(): Promise<UserSummary[]>;
  /**
   * Sets a password and, in the same transaction, ends every open session of that person but
   * `keepTokenHash` (the session that changed its own password). False for an unknown user.
   */
  setPassword(
    username: string,
    passwordHash: string,
    at: number,
    keepTokenHash?: string,
  ): Promise<boolean>;
  /** Disabling a user also ends their sessions. */
  setDisabled(username: string, disabled: boolean, at: number): Promise<boolean>;
  createSession(session: NewSession, at: number): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRow | null>;
  endSession(tokenHash: string, at: number): Promise<void>;
  /** Records that a session was used (callers write it at most once a minute). */
  touchSession(tokenHash: string, at: number): Promise<void>;
  /** Sessions not ended, not expired and used since `seenSince`, newest use first. */
  listOpenSessions(now: number, seenSince: number): Promise<OpenSession[]>;
  /** Ends a session by its public id; answers its token hash, or null if none was open. */
  endSessionById(id: string, at: number): Promise<{ tokenHash: string; username: string } | null>;
  /** Ends every open session of a person (a supervisor signs a clerk out); resolves how many. */
  endSessionsOfUser(username: string, at: number): Promise<number>;
  createDevice(device: NewDevice, at: number): Promise<void>;
  deviceByTokenHash(hash: string): Promise<DeviceRow | null>;
  deviceById(id: string): Promise<DeviceRow | null>;
  listDevices(): Promise<DeviceRow[]>;
  revokeDevice(id: string, at: number): Promise<boolean>;
  touchDevice(id: string, at: number): Promise<void>;

  /** Records one change to the administration's audit trail; returns its id. */
  appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<number>;
  /** The newest audit entries first, `limit` at a time, older than `beforeId` when given. */
  listAudit(limit: number, beforeId?: number): Promise<AuditEntry[]>;
  /**
   * Packs for reports the first closed day before `today` that comes after `after` and is not
   * packed yet; resolves with that day, or null when none is left.
   */
  packNextDayBefore(today: string, at: number, after: string): Promise<string | null>;
  /**
   * Removes the oldest service day before `before` past its retention: packs it for reports
   * first (its figures stay, as aggregates), then deletes its visits, tickets (phone-link
   * hashes with them) and events (free-text reasons with them), in one transaction. The newest
   * stored day is never removed. Resolves with the day and what went, or null when none is left.
   */
  purgeOldestDayBefore(before: string, at: number): Promise<PurgedDay | null>;
  /** Removes sessions that ended or expired before `sessionsBefore` and audit entries before `auditBefore`. */
  purgeRecords(
    sessionsBefore: number,
    auditBefore: number,
  ): Promise<{ sessions: number; audit: number }>;
  close(): Promise<void>;
}

/** One service day removed by a purge, and how many rows of each kind went with it. */
export interface PurgedDay {
  day: string;
  events: number;
  tickets: number;
  services: number;
}

/** What a purge removes (or would remove): service days, their rows, sessions, audit entries. */
export interface PurgeCounts {
  days: number;
  events: number;
  tickets: number;
  services: number;
  sessions: number;
  audit: number;
}

/** Who caused stored events, and what only the hub keeps (the phone page secret). */
export interface AppendContext {
  actor: string;
  tokenHash?: string;
  /** The issuing kiosk's name for its request, scoped by the kiosk (see migration 003). */
  requestKey?: string;
}

/** One command's events, who caused them, and the report rows they change, in order. */
export interface StoredCommand {
  events: readonly QueueEvent[];
  ctx: AppendContext;
  rows: readonly RowChange[];
}

/** The outcome of one visit to a counter. */
export type VisitOutcome = 'done' | 'no_show' | 'transferred' | 'cancelled' | 'expired';

/**
 * A change to the report tables (`tickets`: one row per ticket; `services`: one row per visit
 * to a counter). Computed by the queue service from the events; the store only writes them.
 */
export type RowChange =
  | {
      kind: 'ticket.insert';
      ticket: Ticket;
      tokenHash: string | null;
      issuedBy: string;
      requestKey: string | null;
    }
  | {
      kind: 'ticket.update';
      ticket: Pick<
        Ticket,
        | 'id'
        | 'day'
        | 'status'
        | 'fieldId'
        | 'counterId'
        | 'clerkId'
        | 'finishedAt'
        | 'calledAt'
        | 'rating'
      >;
    }
  | {
      kind: 'visit.open';
      ticketId: string;
      day: string;
      fieldId: string;
      counterId: string;
      clerkId: string | null;
      priority: boolean;
      waitingSince: number;
      calledAt: number;
    }
  | { kind: 'visit.recall'; ticketId: string }
  | { kind: 'visit.start'; ticketId: string; at: number }
  | { kind: 'visit.end'; ticketId: string; at: number; outcome: VisitOutcome }
  | { kind: 'visit.rate'; ticketId: string; score: number }
  | { kind: 'config'; config: SiteConfig; at: number };

export interface NewUser {
  username: string;
  name: string;
  role: UserRole;
  passwordHash: string;
}

export interface UserRow extends NewUser {
  disabled: boolean;
}

export interface UserSummary {
  username: string;
  name: string;
  role: UserRole;
  disabled: boolean;
}

export interface NewSession {
  tokenHash: string;
  /** Public, random id, for listing and revoking (never the token's hash). */
  id: string;
  username: string;
  counterId: string | null;
  ttlMs: number;
  /** Where and with what the session was started, shown in the list of sessions. */
  address: string | null;
  userAgent: string | null;
}

export interface SessionRow {
  id: string;
  username: string;
  counterId: string | null;
  createdAt: number;
  expiresAt: number;
  endedAt: number | null;
  lastSeenAt: number;
}

/** An open session as the administration lists it. */
export interface OpenSession {
  id: string;
  username: string;
  name: string;
  role: UserRole;
  counterId: string | null;
  createdAt: number;
  lastSeenAt: number;
  address: string | null;
  userAgent: string | null;
}

export interface NewDevice {
  id: string;
  kind: DeviceKind;
  name: string;
  counterId: string | null;
  speaks: boolean;
  tokenHash: string;
}

export interface DeviceRow {
  id: string;
  kind: DeviceKind;
  name: string;
  counterId: string | null;
  speaks: boolean;
  createdAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
}

/** The same port answered at once: what an embedded, synchronous store implements. */
export type SyncStore = {
  [K in keyof Store]: Store[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R
    : never;
};

/**
 * The port over a synchronous store: every call runs now and answers with a settled promise
 * (a throw becomes a rejection), so callers behave the same with a store that truly waits.
 */
export function asyncStore(sync: SyncStore): Store {
  const port: Partial<Record<keyof Store, (...args: never[]) => Promise<unknown>>> = {};
  for (const key of Object.keys(sync) as (keyof Store)[]) {
    if (typeof sync[key] !== 'function') continue;
    // Looked up at each call, so a test that wraps one of the store's calls is heard.
    port[key] = (...args) => {
      try {
        return Promise.resolve((sync[key] as (...a: never[]) => unknown)(...args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }
  return port as Store;
}

/**
 * The reports port: a period's report computed from what the store holds. On SQLite a worker
 * thread reads the file (`reports/report-runner.ts`); another store brings its own.
 */
export interface ReportEngine {
  run(query: ReportQuery, config: SiteConfig, now: number): Promise<Report>;
  close(): Promise<void>;
}
