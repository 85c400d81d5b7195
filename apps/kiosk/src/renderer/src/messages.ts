// Every piece of text the kiosk shows, in the visit's language: Vietnamese (messages-vi.ts) or
// English (messages-en.ts).
import {
  ERROR_MESSAGES_EN,
  ERROR_MESSAGES_VI,
  type ErrorBody,
  type ErrorCode,
} from '@luot/protocol';
import { en } from './messages-en.ts';
import { vi, type KioskMessages } from './messages-vi.ts';

export type { KioskMessages } from './messages-vi.ts';

/** The languages a citizen can pick on the kiosk. */
export type KioskLanguage = 'vi' | 'en';

const CATALOGUES: Record<KioskLanguage, KioskMessages> = { vi, en };

/**
 * The catalogue of the language chosen for this visit, read at render time (an ES module live
 * binding, so every `import { messages }` sees the switch). Vietnamese unless `setLanguage`.
 */
export let messages: KioskMessages = vi;
let language: KioskLanguage = 'vi';

/** Switches every text the kiosk renders from now on; the kiosk calls it on each render. */
export function setLanguage(next: KioskLanguage): void {
  language = next;
  messages = CATALOGUES[next];
}

/** The text of a hub error code, in the visit's language (the hub's own message is Vietnamese). */
export function errorText(code: ErrorCode): string {
  return (language === 'en' ? ERROR_MESSAGES_EN : ERROR_MESSAGES_VI)[code];
}

/** What the PIN screen says when the settings stay shut. */
export function pinRefusalText(reason: 'wrong-pin' | 'locked' | 'damaged'): string {
  return reason === 'locked'
    ? messages.settings.locked
    : reason === 'damaged'
      ? messages.settings.damaged
      : messages.settings.wrongPin;
}

/**
 * Why a check-in was refused, in the citizen's words: each code the hub can answer with. A
 * refusal for coming too early says from when the booking can check in, in the site's zone.
 */
export function checkInRefusalText(
  error: Pick<ErrorBody, 'code' | 'opensAt'>,
  formatTime: (at: number) => string,
): string {
  const r = messages.checkIn.refusals;
  switch (error.code) {
    case 'NOT_FOUND':
    case 'CODE_WRONG':
    case 'BAD_REQUEST':
    case 'INVALID_ARGUMENT':
      return r.notFound;
    case 'TOO_EARLY':
      return error.opensAt === undefined ? r.tooEarly : r.tooEarlyFrom(formatTime(error.opensAt));
    case 'TOO_LATE':
      return r.tooLate;
    case 'WRONG_SITE':
      return r.wrongSite;
    case 'NOT_OFFERED':
      return r.notOffered;
    case 'INVALID_STATE':
      return r.used;
    case 'UNAVAILABLE':
    case 'INTERNAL':
      return r.offline;
    default:
      return errorText(error.code);
  }
}
