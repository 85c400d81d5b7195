import type { DossierOutcome, QueueEvent, SiteConfig, Ticket, TicketOrigin } from '@luot/domain';
import type { ApiKeyStore } from './store-api-keys.ts';
import type { CitizenStore } from './store-citizens.ts';
import type { IdCardStore } from './store-id-cards.ts';
import type { MediaStore } from './store-media.ts';
import type { MessageStore } from './store-messages.ts';
import type { WebhookStore } from './store-webhooks.ts';
export type { ByteRange, MediaStore, NewMedia, StoredMedia } from './store-media.ts';
import type {
  AuditEntry,
  CatalogueEntry,
  ChainDigest,
  DeviceKind,
  Report,
  ReportQuery,
  StaffingPlan,
  StaffingQuery,
  UserRole,
} from '@luot/protocol';

/** The province's standard list of fields (code, name), as the protocol shapes it. */
export type { CatalogueEntry };
export type {
  CitizenStore,
  CitizenSessionRow,
  BookingRow,
  NewBooking,
  BookOutcome,
} from './store-citizens.ts';
export type { IdCardStore } from './store-id-cards.ts';
export type { ApiKeyRow, ApiKeyStore, NewApiKey } from './store-api-keys.ts';
export type {
  WebhookStore,
  StoredWebhook,
  NewWebhook,
  WebhookCursor,
  NewWebhookDelivery,
  WebhookFill,
  ClaimedWebhookDelivery,
  WebhookOutcome,
  WebhookResult,
  WebhookDeliveryQuery,
  WebhookDeliveryPage,
} from './store-webhooks.ts';
export type {
  MessageKind,
  MessageChannel,
  MessageStatus,
  NewMessage,
  ClaimedMessage,
  MessageRow,
  MessageCounts,
  ContactRow,
  MessageStore,
} from './store-messages.ts';

/** A site's id: lower-case letters, digits and hyphens, e.g. "xa-tan-phu" (the default site: "trung-tam"). */
export const SITE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The one site of a hub that was never told about sites (`pnpm start`, a centre's own hub). */
export const DEFAULT_SITE_ID = 'trung-tam';

/**
 * The store port of a whole deployment: its sites, and what belongs to no one site: people
 * (each belonging to some sites, or all), their sessions, and the secrets that lead to a site
 * (a device's token, a ticket's phone link). A centre's hub is a deployment of one site.
 *
 * The hub talks to it only through promises, so a store on another server (PostgreSQL, for a
 * province; `pg/`) satisfies it as well as the embedded SQLite file (`db/`). The store writes
 * what it is handed and reads what it is asked; the rules stay with the domain and the hub.
 */
export interface ProvinceStore
  extends CitizenStore, IdCardStore, MessageStore, MediaStore, ApiKeyStore, WebhookStore {
  /** Every site, in the order they were added. */
  listSites(): Promise<SiteRow[]>;
  /** Adds a site with its first configuration. Rejects an id in use. */
  createSite(id: string, config: SiteConfig, at: number): Promise<void>;
  /** One site's part of the store (no query; a site that does not exist reads as empty). */
  site(id: string): Store;
  /** The province's standard list of fields, which sites' fields point to by code. */
  readCatalogue(): Promise<CatalogueEntry[]>;
  writeCatalogue(entries: readonly CatalogueEntry[], at: number): Promise<void>;

  createUser(user: NewUser, at: number): Promise<void>;
  findUser(username: string): Promise<UserRow | null>;
  /** Everyone who belongs to the site (province-wide people included); every person for null. */
  listUsers(siteId: string | null): Promise<UserSummary[]>;
  /** Changes which sites a person belongs to (null: all). False for an unknown user. */
  setUserSites(username: string, sites: string[] | null, at: number): Promise<boolean>;
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
  /**
   * Sessions at a site (every site for null) not ended, not expired and used since
   * `seenSince`, newest use first.
   */
  listOpenSessions(siteId: string | null, now: number, seenSince: number): Promise<OpenSession[]>;
  /**
   * Moves an open session to another site (a person of several sites changes where they work);
   * false when it is not open.
   */
  moveSession(tokenHash: string, siteId: string, at: number): Promise<boolean>;
  /** Ends a session by its public id; answers its token hash, or null if none was open. */
  endSessionById(
    id: string,
    at: number,
  ): Promise<{ tokenHash: string; username: string; siteId: string } | null>;
  /** Ends every open session of a person (a supervisor signs a clerk out); resolves how many. */
  endSessionsOfUser(username: string, at: number): Promise<number>;
  /** Removes sessions that ended or expired before `before`; resolves how many. */
  purgeSessions(before: number): Promise<number>;

  /** The paired device this token hash belongs to, at whichever site (its row says which). */
  deviceByTokenHash(hash: string): Promise<DeviceRow | null>;
  /** The ticket whose phone link hashes to this, and its site. */
  ticketByTokenHash(hash: string): Promise<{ siteId: string; ticketId: string } | null>;
  close(): Promise<void>;
}

/** A store several hub nodes share tells each node of the others' commits (PostgreSQL's NOTIFY). */
export interface CommitHearing {
  /** Calls `listener(siteId, seq)` for every commit of any node; returns the way to stop. */
  onCommit(listener: (siteId: string, seq: number) => void): () => void;
}

/** Whether the store tells of other nodes' commits. */
export function hearsCommits(store: ProvinceStore): store is ProvinceStore & CommitHearing {
  return typeof (store as Partial<CommitHearing>).onCommit === 'function';
}

/** A site as the deployment lists it. */
export interface SiteRow {
  id: string;
  config: SiteConfig;
  createdAt: number;
}

/** Events another node stored, handed over to catch up before deciding. */
export interface StoredEvent {
  seq: number;
  event: QueueEvent;
}

/**
 * One site's part of the store: its configuration, its queue's log (sequence numbers count per
 * site, from 1, with no gaps), the report rows, its devices and its audit trail.
 */
export interface Store {
  readonly siteId: string;
  /** The site configuration, or null before the site exists. */
  readConfig(): Promise<SiteConfig | null>;
  writeConfig(config: SiteConfig, at: number): Promise<void>;
  /** The day of the newest stored event, or null for an empty log. */
  latestDay(): Promise<string | null>;
  /** A day's events in the order they were stored. */
  eventsOfDay(day: string): Promise<StoredEvent[]>;
  /** The events stored after `seq`, in order (a node catching up; a screen's missed events). */
  eventsAfter(seq: number): Promise<StoredEvent[]>;
  /** The sequence number of the newest stored event (0 for none). */
  lastSeq(): Promise<number>;
  /**
   * Stores commands, in order, in ONE transaction: each command's events and the rows they
   * change. Resolves with each command's sequence numbers once all of them are durable; rejects
   * (storing none) otherwise. On a store shared by several nodes, use `turn`.
   */
  append(commands: readonly StoredCommand[]): Promise<number[][]>;
  /**
   * A store shared by several hub nodes orders one site's commands itself. In ONE transaction
   * that holds the site's lock: hands `decide` the events stored since `afterSeq` (by other
   * nodes), stores the commands it resolves with, and commits. Resolves with their sequence
   * numbers; rejects (storing none) otherwise. Absent on a store only one node uses.
   */
  turn?(
    afterSeq: number,
    decide: (missed: StoredEvent[]) => Promise<readonly StoredCommand[]>,
  ): Promise<number[][]>;

  /** The ticket a kiosk's named issue request produced, if it was stored. */
  ticketIdByRequestKey(key: string): Promise<string | null>;
  /** The actor that issued a ticket, e.g. "device:kiosk-1". */
  ticketIssuer(ticketId: string): Promise<string | null>;
  /** A stored ticket as the domain shapes it, for tickets of past days no longer in memory. */
  ticketSnapshot(ticketId: string): Promise<Ticket | null>;

  createDevice(device: NewDevice, at: number): Promise<void>;
  /** A device of this site (null for another site's). */
  deviceById(id: string): Promise<DeviceRow | null>;
  listDevices(): Promise<DeviceRow[]>;
  revokeDevice(id: string, at: number): Promise<boolean>;
  touchDevice(id: string, at: number): Promise<void>;

  /**
   * Visits of the service days `from`..`to` finished with a dossier recorded (codes and
   * outcome), in the order they ended: what the export of ratings per dossier reads.
   */
  dossierVisits(from: string, to: string): Promise<DossierVisit[]>;

  /** Records one change to the site's audit trail; returns its id. */
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
  /** Removes the site's audit entries before `auditBefore`; resolves how many. */
  purgeAudit(auditBefore: number): Promise<number>;

  /**
   * Seals the service day `day` in the tamper-evident log (issue 17, `src/chain/`): the digest of
   * the heads of the site's event chain (its last event of `day`) and audit chain, kept once; a
   * second seal of the same day resolves the first one unchanged.
   */
  sealDay(day: string, at: number): Promise<ChainDigest>;
  /** The site's sealed days in [from, to], oldest first. */
  chainDigests(from: string, to: string): Promise<ChainDigest[]>;
}

/** A visit finished with a dossier recorded, as the store keeps it (`services` row). */
export interface DossierVisit {
  day: string;
  fieldId: string;
  counterId: string;
  clerkId: string | null;
  endedAt: number;
  outcome: DossierOutcome;
  codes: string[];
  rating: number | null;
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
  /**
   * Citizens' rows: bookings of days past, numbers counted (phones' and ID cards'), expired codes
   * and sign-ins, attempts.
   */
  citizens?: number;
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
      /** The ticket's origin; null for a walk-in. */
      origin: TicketOrigin | null;
      waitingSince: number;
      calledAt: number;
    }
  | { kind: 'visit.recall'; ticketId: string }
  | { kind: 'visit.start'; ticketId: string; at: number }
  | {
      kind: 'visit.end';
      ticketId: string;
      at: number;
      outcome: VisitOutcome;
      /** What the clerk recorded at finish; null otherwise (reason left in the event only). */
      dossier: { outcome: DossierOutcome; codes: string[] } | null;
    }
  | { kind: 'visit.rate'; ticketId: string; score: number }
  | { kind: 'config'; config: SiteConfig; at: number };

export interface NewUser {
  username: string;
  name: string;
  role: UserRole;
  passwordHash: string;
  /** The sites the person works at; null: every site (a province administrator). */
  sites: string[] | null;
}

export interface UserRow extends NewUser {
  disabled: boolean;
}

export interface UserSummary {
  username: string;
  name: string;
  role: UserRole;
  disabled: boolean;
  sites: string[] | null;
}

export interface NewSession {
  tokenHash: string;
  /** Public, random id, for listing and revoking (never the token's hash). */
  id: string;
  username: string;
  /** The site the person signed in at. */
  siteId: string;
  counterId: string | null;
  ttlMs: number;
  /** Where and with what the session was started, shown in the list of sessions. */
  address: string | null;
  userAgent: string | null;
}

export interface SessionRow {
  id: string;
  username: string;
  siteId: string;
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
  siteId: string;
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
  /** The site the device is paired to; it can never reach another. */
  siteId: string;
  id: string;
  kind: DeviceKind;
  name: string;
  counterId: string | null;
  speaks: boolean;
  createdAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
}

/** A port answered at once: what an embedded, synchronous store implements. */
export type Sync<P> = {
  [K in keyof P]: P[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : P[K];
};

/** The site port answered at once (the SQLite file's). */
export type SyncStore = Sync<Store>;

/**
 * A port over a synchronous one: every call runs now and answers with a settled promise (a
 * throw becomes a rejection), so callers behave the same with a store that truly waits. The
 * `keep` members (values, or calls that answer at once by design) are passed through.
 */
export function asyncPort<P extends object>(sync: Sync<P>, keep: readonly (keyof P)[] = []): P {
  const port: Record<string, unknown> = {};
  for (const key of Object.keys(sync) as (keyof P & string)[]) {
    const member = sync[key];
    if (typeof member !== 'function' || keep.includes(key)) {
      port[key] = member;
      continue;
    }
    // Looked up at each call, so a test that wraps one of the store's calls is heard.
    port[key] = (...args: unknown[]) => {
      try {
        return Promise.resolve((sync[key] as (...a: unknown[]) => unknown)(...args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }
  return port as P;
}

/** One site's port over its synchronous store. */
export function asyncStore(sync: SyncStore): Store {
  return asyncPort<Store>(sync, ['siteId']);
}

/**
 * The reports port: a period's report computed from what the store holds. On SQLite a worker
 * thread reads the file (`reports/report-runner.ts`); another store brings its own.
 */
export interface ReportEngine {
  /** One site's report. */
  run(siteId: string, query: ReportQuery, config: SiteConfig, now: number): Promise<Report>;
  /** One site's staffing plan from the history of a period (reports/staffing-plan.ts). */
  staffing(
    siteId: string,
    query: StaffingQuery,
    config: SiteConfig,
    now: number,
  ): Promise<StaffingPlan>;
  close(): Promise<void>;
}
