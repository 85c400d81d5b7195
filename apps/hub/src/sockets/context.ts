import type { Identity } from '@luot/protocol';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { IdCards } from '../id-cards.ts';
import type { QueueService } from '../queue-service.ts';
import type { ProvinceStore, Store } from '../store.ts';
import type { DevicePresence } from './device-presence.ts';
import type { PhoneViews } from './phone-views.ts';
import type { DeskPrinting } from '../desk/desk-printing.ts';

/** Limits of what kiosks may do. */
export interface KioskOptions {
  /** A kiosk may issue at most one ticket per this many milliseconds. */
  kioskMinIntervalMs: number;
  /** How long after issuing a kiosk may still cancel its own ticket (a failed print). */
  kioskCancelWindowMs: number;
}

/** What every handler may use: its site's parts (the sender's site), and the hub's. */
export interface HubServices {
  siteId: string;
  queue: QueueService;
  /** The site's part of the store. */
  store: Store;
  /** The deployment's: people, sessions. */
  province: ProvinceStore;
  clock: Clock;
  log: Logger;
  options: KioskOptions;
  presence: DevicePresence;
  phoneViews: PhoneViews;
  /** The ID card's rule and per-person count (issue 15). */
  idCards: IdCards;
  /** Prints reception desks' tickets on their printers or kiosks. */
  desk: DeskPrinting;
}

/** A handler's view of one event: the hub's parts and who sent it. */
export interface HandlerContext<I extends Identity> extends HubServices {
  identity: I;
  /** How the sender is named in the log of stored events, e.g. "device:kiosk-1", "user:cb01". */
  actor: string;
  /**
   * The hub's address as the sender reached it (`http(s)://host`): where a ticket's QR code
   * points when the site has no public address configured, as the kiosk's falls back to its hub.
   */
  publicUrl: string;
}

/** The actor name of an identity, as stored with the events it causes. */
export function actorOf(identity: Identity): string {
  if ('deviceId' in identity) return `device:${identity.deviceId}`;
  if ('username' in identity) return `user:${identity.username}`;
  return 'public';
}
