import { z } from 'zod';
import { isValidId } from '@luot/domain';
import { DEVICE_KINDS, USER_ROLES, siteIdSchema, type DeviceKind, type UserRole } from './roles.ts';

// HTTP shapes of the administration (admin role) and the staff directory. Every endpoint
// answers `{ ok: true, data }` or `{ ok: false, error: { code, message } }`, like socket acks.

/** Device and counter ids as the configuration writes them, under the one id rule. */
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
  .refine(isValidId);

/** Body of PUT /api/admin/config: the whole new configuration and the version it was edited from. */
export const configUpdateSchema = z.strictObject({
  /** Validated by the hub with `siteConfigSchema`; kept loose here so the hub can explain problems. */
  config: z.unknown(),
  /** The `version` of GET /api/admin/config the edit started from; a stale one is refused. */
  baseVersion: z.string().min(1).max(100),
});

/** Body of POST /api/admin/users. */
export const userCreateSchema = z.strictObject({
  username: z.string().regex(/^[a-z0-9._-]{2,32}$/),
  name: z.string().trim().min(1).max(120),
  role: z.enum(USER_ROLES),
  password: z.string().min(8).max(200),
  /**
   * The sites the person works at. Omitted: the site of the administrator creating them. Null
   * (every site) only from an administrator of every site.
   */
  sites: z.array(siteIdSchema).min(1).max(500).nullable().optional(),
});

/** Body of POST /api/admin/users/:username/password. */
export const passwordResetSchema = z.strictObject({ password: z.string().min(8).max(200) });

/** Body of POST /api/password: a signed-in person changes their own password. */
export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(8).max(200),
});

/** The `:id` of DELETE /api/admin/sessions/:id: a session's public id (12 random bytes, hex). */
export const sessionIdSchema = z.string().regex(/^[0-9a-f]{24}$/);

/** One open session, as GET /api/admin/sessions lists it. */
export interface AdminSession {
  /** Public id, for DELETE /api/admin/sessions/:id (not the token, nor its hash). */
  id: string;
  username: string;
  name: string;
  role: UserRole;
  counterId: string | null;
  startedAt: number;
  lastSeenAt: number;
  address: string | null;
  userAgent: string | null;
  /** The session this list was asked with. */
  current: boolean;
}

/** Body of POST /api/admin/users/:username/disabled. */
export const userDisabledSchema = z.strictObject({ disabled: z.boolean() });

/** Body of POST /api/admin/devices: pair a new device. */
export const devicePairSchema = z.strictObject({
  id: slug,
  kind: z.enum(DEVICE_KINDS),
  name: z.string().trim().min(1).max(120),
  counterId: slug.nullable().default(null),
  speaks: z.boolean().default(false),
});

/** One problem in a refused configuration, located and explained in Vietnamese. */
export interface ConfigIssue {
  path: (string | number)[];
  message: string;
}

/** A failed PUT /api/admin/config lists every problem. */
export interface ConfigRefusal {
  ok: false;
  error: { code: 'INVALID_CONFIG' | 'INVALID_STATE' | 'BAD_REQUEST'; message: string };
  issues: ConfigIssue[];
}

export interface AdminUser {
  username: string;
  name: string;
  role: UserRole;
  disabled: boolean;
  /** The sites the person works at; null: every site. */
  sites: string[] | null;
}

export interface AdminDevice {
  id: string;
  kind: DeviceKind;
  name: string;
  counterId: string | null;
  speaks: boolean;
  createdAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
}

/** The answer to pairing: the token is shown once and stored by the hub only as a hash. */
export interface PairedDevice {
  device: AdminDevice;
  token: string;
  /** Path (with the token) a browser device opens once to pair itself, e.g. /display/lobby?token=… */
  setupPath: string;
}

/** What an audit entry records; `detail` says what changed (see `AuditChange`). */
export const AUDIT_ACTIONS = [
  'config.update',
  'user.create',
  'user.password',
  'user.disable',
  'user.enable',
  'device.pair',
  'device.revoke',
  'data.purge',
  'session.revoke',
  'password.change',
  // Sign-ins (written by the hub, not by an administrator): the actor is the username, or
  // `address:<ip>` when who typed is not known; see apps/hub/src/sign-in-audit.ts.
  'auth.sign-in',
  'auth.sign-in-failed',
  'auth.locked-out',
  'auth.hash-busy',
  'auth.sign-out',
  // A supervisor's actions on the floor (apps/hub/src/sockets/handlers/supervise.ts).
  'counter.close',
  'counter.release',
  'clerk.sign-out',
  'ticket.cancel',
  'ticket.recall',
  'ticket.move',
  // A guide's reprint at a reception desk (apps/hub/src/sockets/handlers/desk.ts).
  'ticket.reprint',
  // The site's message settings (channels, provider keys; the keys themselves never written).
  'messages.settings',
  // The lobby board's pictures and videos (apps/hub/src/media/routes.ts).
  'media.upload',
  'media.delete',
  // The REST API's keys (apps/hub/src/admin/api-key-routes.ts); `target` is the key's id.
  'api-key.create',
  'api-key.revoke',
  // Webhooks (apps/hub/src/admin/webhook-routes.ts): a subscription made or deleted, a delivery
  // sent again; `target` is the subscription's or the delivery's id.
  'webhook.create',
  'webhook.delete',
  'webhook.retry',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One changed item of a configuration update. */
export interface AuditChange {
  section:
    | 'site'
    | 'fields'
    | 'counters'
    | 'texts'
    | 'priorityClasses'
    | 'ratingScale'
    | 'desks'
    | 'other';
  /** The item's id (a field or counter id) or the changed key (for site and texts). */
  item: string;
  /** A readable name, e.g. the field's name. */
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** Keys that changed inside the item. */
  keys: string[];
  /**
   * The old and new value of each key in `keys` (entries written since issue 12; older ones have
   * none). Values as the configuration stores them, except a counter's `fieldIds`, recorded as
   * the fields' names at the time.
   */
  values?: Record<string, AuditValue>;
}

/** One changed value of a configuration update. */
export interface AuditValue {
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: AuditAction;
  target: string | null;
  detail: {
    changes?: AuditChange[];
    role?: UserRole;
    kind?: DeviceKind;
    name?: string;
    /** data.purge: service days before this one were removed, and how many rows of each kind. */
    before?: string;
    removed?: Record<string, number>;
    /** Sign-ins: the address the attempt came from. */
    address?: string;
    /** A lock-out: whether one username or every username is locked for that address. */
    scope?: 'account' | 'address';
    /** A lock-out: minutes until the next attempt may be made. */
    minutes?: number;
    /** A supervisor's action: why, as they typed it. */
    reason?: string;
    /** A supervisor's action: the counter and ticket concerned (ids; `target` names them). */
    counterId?: string;
    ticketId?: string;
    /** A move: where the ticket went (a field's or a counter's name); a release: what became of the ticket. */
    to?: string;
    /** A reprint: the ticket's number, the desk, and where it was printed. */
    label?: string;
    deskId?: string;
    printedOn?: string;
    /** Entries of this action left unwritten (too many in a minute) since the previous one. */
    suppressed?: number;
    /** A lobby board file uploaded or deleted (`name` is its name): its type and size. */
    mediaType?: string;
    bytes?: number;
    /** An API key's or a webhook subscription's site (null: every site). */
    siteId?: string | null;
    /** An API key created or revoked (`name` is its name): its permissions. */
    permissions?: string[];
    /** A webhook subscription: where it sends, which events. */
    url?: string;
    events?: string[];
    /** A delivery sent again: its idempotency key (unchanged). */
    idempotencyKey?: string;
  };
}

/** A person as the dashboard and reports name them. */
export interface StaffMember {
  username: string;
  name: string;
  role: UserRole;
}
