import type { Identity } from '@luot/protocol';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { QueueService } from '../queue-service.ts';
import type { Store } from '../store.ts';
import type { DevicePresence } from './device-presence.ts';
import type { PhoneViews } from './phone-views.ts';

/** Limits of what kiosks may do. */
export interface KioskOptions {
  /** A kiosk may issue at most one ticket per this many milliseconds. */
  kioskMinIntervalMs: number;
  /** How long after issuing a kiosk may still cancel its own ticket (a failed print). */
  kioskCancelWindowMs: number;
}

/** What every handler may use: the hub's parts, built once. */
export interface HubServices {
  queue: QueueService;
  store: Store;
  clock: Clock;
  log: Logger;
  options: KioskOptions;
  presence: DevicePresence;
  phoneViews: PhoneViews;
}

/** A handler's view of one event: the hub's parts and who sent it. */
export interface HandlerContext<I extends Identity> extends HubServices {
  identity: I;
  /** How the sender is named in the log of stored events, e.g. "device:kiosk-1", "user:cb01". */
  actor: string;
}

/** The actor name of an identity, as stored with the events it causes. */
export function actorOf(identity: Identity): string {
  if ('deviceId' in identity) return `device:${identity.deviceId}`;
  if ('username' in identity) return `user:${identity.username}`;
  return 'public';
}
