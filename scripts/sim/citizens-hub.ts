/**
 * Where the citizens' bench meets the hub's citizen side (branch i14-citizens) and its messages
 * (branch i14-messages): how a hub is set up to send one-time codes through the fake SMS
 * provider, how the bench reads a code, and how it reads the stored bookings afterwards.
 */
import { DEFAULT_SITE_ID, type asyncProvince } from '@luot/hub/bench';

/** The province's store, SQLite or PostgreSQL, as the hub's port. */
export type ProvinceStore = ReturnType<typeof asyncProvince>;

/** Where the bench reads the one-time code a phone was sent. */
export interface CodeInbox {
  codeFor(phone: string): Promise<string>;
}

export interface CitizenSignInHub {
  siteId: string;
  hubArgs: string[];
  env: Record<string, string>;
  /** Writes the site's message settings into the province's store before the hub starts. */
  configure(province: ProvinceStore): Promise<void>;
  inbox: CodeInbox;
  close(): Promise<void>;
}

/** A hub whose one-time codes go to a fake SMS provider in this process. */
export async function citizenSignInHub(): Promise<CitizenSignInHub> {
  await Promise.resolve();
  throw new Error('the citizens part (one-time codes, bookings) is not merged yet');
}

export { DEFAULT_SITE_ID };
