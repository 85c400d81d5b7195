import type { PushFollow } from './push-follow.ts';

/** The server the load generators talk to: the real hub, or the bare relay (the baseline). */
export type ServerMode = 'hub' | 'relay';

export interface ClerkSpec {
  kind: 'clerk';
  username: string;
  counterId: string;
  /** Session token (hub mode). */
  token: string;
  fieldIds: string[];
  /** Fields a ticket at this counter may be transferred to. */
  transferFieldIds: string[];
  /** Device token of the counter's rating pad, when citizens rate their service (hub mode). */
  ratingToken?: string;
}
export interface DisplaySpec {
  kind: 'display';
  id: string;
  token: string;
}
export interface PhoneSpec {
  kind: 'phone';
  /** The ticket's phone token (hub mode). */
  token: string;
  ticketId: string;
  fieldId: string;
  /**
   * Relay mode: tickets ahead of this one at the start. The page stops listening to its field
   * after that many calls and its own, as the hub stops moving a called ticket's page up.
   */
  ahead?: number;
}
export interface KioskSpec {
  kind: 'kiosk';
  id: string;
  token: string;
}
export type ClientSpec = ClerkSpec | DisplaySpec | PhoneSpec | KioskSpec;

/** How simulated clerks work; times are real milliseconds (already compressed). */
export interface ClerkBehaviour {
  /** Citizen's walk from the call to the counter: uniform in [min, max]. */
  walkMs: [number, number];
  /** Mean service time per field id (log-normal), and for fields not listed. */
  serviceMeanMs: Record<string, number>;
  defaultServiceMeanMs: number;
  serviceCv: number;
  /** Share of calls nobody answers: recall once, then mark a no-show. */
  noShowRate: number;
  /** Share of services that end with a transfer to another field. */
  transferRate: number;
  /** Pause between finishing and calling the next: uniform in [min, max]. */
  gapMs: [number, number];
  /** Wait before calling again after "nothing waiting". */
  idleRetryMs: number;
  /** Share of finished services the citizen rates on the counter's pad (if it has one). */
  ratingRate: number;
}

export interface Arrival {
  /** Milliseconds after the run's start. */
  atMs: number;
  fieldId: string;
  priority: boolean;
  kioskId: string;
}

export type ToWorker =
  | { t: 'connect'; mode: ServerMode; url: string; clients: ClientSpec[] }
  | {
      t: 'issue';
      /** Kiosks issue one ticket at a time each, as fast as the server answers. */
      kioskIds: string[];
      fieldIds: string[][];
      deadlineAt: number;
    }
  | {
      t: 'run';
      startAt: number;
      durationMs: number;
      drainMs: number;
      behaviour: ClerkBehaviour;
      arrivals: Arrival[];
      seed: number;
      /** Messages on: each ticket issued during the run subscribes its phone to Web Push. */
      follow?: PushFollow;
    }
  | { t: 'ping'; id: number }
  /** Starts watching every client for a lost connection and its first answer once back. */
  | { t: 'watch' }
  /** Reports what the watch saw so far. */
  | { t: 'watched?' }
  /** Disconnects every client (between runs). */
  | { t: 'drop' }
  | { t: 'close' };

export interface IssuedRecord {
  ticketId: string;
  fieldId: string;
  label: string;
  token: string;
  kioskId: string;
}

export interface CallRecord {
  key: string;
  counterId: string;
  ticketId: string;
  /** Shared-clock time of the emit and of the acknowledgement. */
  sentAt: number;
  ackAt: number;
}

export interface ClerkOpRecord {
  counterId: string;
  op: 'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'transfer' | 'rate';
  ticketId: string | null;
  ok: boolean;
  code?: string;
}

export interface IssueReport {
  issued: IssuedRecord[];
  failures: Record<string, number>;
  latenciesMs: number[];
  startedAt: number;
  endedAt: number;
}

export interface RunReport {
  calls: CallRecord[];
  clerkOps: ClerkOpRecord[];
  /** Per call key: how many displays of this worker saw it, first and last time seen. */
  seen: Record<string, { n: number; first: number; last: number }>;
  displayEvents: number;
  /** Events whose sequence number was not the previous one plus one, over all displays. */
  gaps: number;
  phoneViews: number;
  /** Per ticket id: when its phone page first showed it called. */
  phoneCalledAt: Record<string, number>;
  arrivals: IssueReport;
  /** Unexpected refusals and lost answers, by code. */
  errors: Record<string, number>;
  /** Push subscriptions of tickets issued during the run: made, and refused by code. */
  follows: { ok: number; failures: Record<string, number>; subscribedAt: Record<string, number> };
}

export type FromWorker =
  | { t: 'ready' }
  | { t: 'connected'; ok: number; failed: string[] }
  | { t: 'issued'; report: IssueReport }
  | { t: 'ran'; report: RunReport }
  | { t: 'pong'; id: number; now: number }
  | { t: 'dropped' }
  | { t: 'watched'; clients: WatchRecord[] }
  | { t: 'error'; message: string };

/** A client that lost its connection while watched: when, and when it was served again. */
export interface WatchRecord {
  kind: ClientSpec['kind'];
  /** Shared-clock time of the disconnect. */
  downAt: number;
  /** Shared-clock time of its first snapshot (a phone: its ticket's view) after reconnecting. */
  servedAt: number | null;
}
