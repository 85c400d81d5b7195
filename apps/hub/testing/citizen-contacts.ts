// The citizens' contacts port for tests, until the messages part replaces it with its outbox and
// fake provider: it records every code sent and every follow. Tests read "the code the phone
// received" only through `codeReceived`, so only that helper changes then.
import type { CitizenContacts } from '../src/citizens/contacts.ts';

export interface RecordingContacts extends CitizenContacts {
  /** Codes sent, in order, per normalised phone ("84912345678"). */
  codes: Map<string, string[]>;
  /** Every call but sendCode, in order, as `[method, ...args]`. */
  calls: unknown[][];
  /** Makes sendCode reject (no provider took it) while true. */
  failSending: boolean;
}

/** A contacts port that records what the citizens' side asks of it. */
export function createRecordingContacts(): RecordingContacts {
  const contacts: RecordingContacts = {
    codes: new Map(),
    calls: [],
    failSending: false,
    async sendCode(_siteId, phone, code) {
      if (contacts.failSending) throw new Error('no provider took the code');
      contacts.codes.set(phone, [...(contacts.codes.get(phone) ?? []), code]);
    },
    async followTicket(...args) {
      contacts.calls.push(['followTicket', ...args]);
    },
    async followBooking(...args) {
      contacts.calls.push(['followBooking', ...args]);
    },
    async bookingCheckedIn(...args) {
      contacts.calls.push(['bookingCheckedIn', ...args]);
    },
    async forgetBooking(...args) {
      contacts.calls.push(['forgetBooking', ...args]);
    },
  };
  return contacts;
}

/** The last code the phone received (normalised "84…"), or throws if it received none. */
export async function codeReceived(contacts: RecordingContacts, phone: string): Promise<string> {
  const code = contacts.codes.get(phone)?.at(-1);
  if (!code) throw new Error(`no code was sent to ${phone}`);
  return code;
}
