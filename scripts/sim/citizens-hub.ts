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
  /** Each line the hub prints (its JSON log). */
  onLine(line: string): void;
  inbox: CodeInbox;
  close(): Promise<void>;
}

/** "84912345678" → "0912 *** 678", as the hub masks a phone in its log and answers. */
const masked = (phone: string) => {
  const local = `0${phone.slice(2)}`;
  return `${local.slice(0, 4)} *** ${local.slice(-3)}`;
};

/**
 * A hub whose one-time codes the bench can read. Until the messages part lands, the hub writes
 * each code to its log with the phone masked (apps/hub/src/citizens/log-contacts.ts): the inbox
 * reads them there, so the bench's phones must differ in their last three digits.
 */
export function citizenSignInHub(): Promise<CitizenSignInHub> {
  const codes = new Map<string, string>();
  const waiting = new Map<string, (code: string) => void>();
  return Promise.resolve({
    siteId: DEFAULT_SITE_ID,
    hubArgs: [],
    env: {},
    configure: () => Promise.resolve(),
    onLine(line) {
      if (!line.includes('one-time code')) return;
      const entry = JSON.parse(line) as { phone?: string; code?: string };
      if (!entry.phone || !entry.code) return;
      codes.set(entry.phone, entry.code);
      waiting.get(entry.phone)?.(entry.code);
    },
    inbox: {
      codeFor(phone) {
        const key = masked(phone);
        const known = codes.get(key);
        if (known) return Promise.resolve(known);
        return new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no code within 10 s')), 10_000);
          waiting.set(key, (code) => {
            clearTimeout(timer);
            waiting.delete(key);
            resolve(code);
          });
        });
      },
    },
    close: () => Promise.resolve(),
  });
}

export { DEFAULT_SITE_ID };
