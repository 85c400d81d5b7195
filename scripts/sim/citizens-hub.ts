/**
 * Where the citizens' bench meets the hub's citizen side (branch i14-citizens) and its messages
 * (branch i14-messages): how a hub is set up to send one-time codes through the fake SMS
 * provider, how the bench reads a code, and how it reads the stored bookings afterwards.
 */
import {
  databasePath,
  DEFAULT_SITE_ID,
  storedBookingsSqlite,
  type StoredBooking,
} from '@luot/hub/bench';

export type { StoredBooking };

/** Where the bench reads the one-time code a phone was sent. */
export interface CodeInbox {
  codeFor(phone: string): Promise<string>;
}

export interface CitizenSignInHub {
  siteId: string;
  hubArgs: string[];
  env: Record<string, string>;
  /** Runs on the prepared data directory before the hub starts. */
  beforeStart(dataDir: string): Promise<void>;
  inbox: CodeInbox;
  close(): Promise<void>;
}

/** A hub whose one-time codes go to a fake SMS provider in this process. */
export async function citizenSignInHub(): Promise<CitizenSignInHub> {
  await Promise.resolve();
  throw new Error('the citizens part (one-time codes, bookings) is not merged yet');
}

/** The slot bookings stored in a data directory's database (read once the hub has stopped). */
export function storedBookings(where: { dataDir: string; siteId: string }): StoredBooking[] {
  return storedBookingsSqlite(databasePath(where.dataDir), where.siteId);
}

export { DEFAULT_SITE_ID };
