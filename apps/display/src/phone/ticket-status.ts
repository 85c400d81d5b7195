import type { PublicTicketView } from '@luot/protocol';
import { formatMinutesVi, formatReopeningFromVi } from '@luot/ui';
import { PHONE_TEXT } from '../messages.ts';

/** How the phone page presents a ticket's state: its look and its words. */
export type TicketPresentation =
  | { tone: 'waiting'; headline: string; ahead: number; wait: string }
  | { tone: 'called'; headline: string; counter: string; hint: string }
  | { tone: 'serving' | 'done'; headline: string }
  | { tone: 'problem'; headline: string; hint: string | null }
  | { tone: 'ended'; headline: string; message: string; reopening: string | null };

/** The words the phone page shows for one ticket's state. */
export function presentTicket(view: PublicTicketView): TicketPresentation {
  // Service is over and this ticket still waits: no place, no estimate, no "next".
  if (view.endOfDayMessage !== null)
    return {
      tone: 'ended',
      headline: PHONE_TEXT.endOfDayTitle,
      message: view.endOfDayMessage,
      reopening: view.reopening && formatReopeningFromVi(view.reopening, view.reopening.today),
    };
  switch (view.status) {
    case 'waiting':
      return {
        tone: 'waiting',
        headline: view.ahead === 0 ? PHONE_TEXT.youAreNext : PHONE_TEXT.statusWaiting,
        ahead: view.ahead,
        wait:
          view.estimatedWaitMinutes === null
            ? PHONE_TEXT.noCounterOpen
            : PHONE_TEXT.aboutMinutes(formatMinutesVi(view.estimatedWaitMinutes)),
      };
    case 'called':
      return view.counterNumber === null
        ? { tone: 'serving', headline: PHONE_TEXT.statusServing(null) }
        : {
            tone: 'called',
            headline: PHONE_TEXT.statusCalled,
            counter: PHONE_TEXT.statusCalledCounter(view.counterNumber),
            hint: PHONE_TEXT.statusCalledHint,
          };
    case 'serving':
      return { tone: 'serving', headline: PHONE_TEXT.statusServing(view.counterNumber) };
    case 'done':
      return { tone: 'done', headline: PHONE_TEXT.statusDone };
    case 'no_show':
      return {
        tone: 'problem',
        headline: PHONE_TEXT.statusNoShow,
        hint: PHONE_TEXT.statusNoShowHint,
      };
    case 'expired':
      return { tone: 'problem', headline: PHONE_TEXT.statusExpired, hint: null };
    case 'cancelled':
      return { tone: 'problem', headline: PHONE_TEXT.statusCancelled, hint: null };
  }
}

/** The browser tab's title, so a phone with the page in the background still tells the news. */
export function ticketTitle(view: PublicTicketView): string {
  if (view.status === 'called' && view.counterNumber !== null)
    return `${view.label} — ${PHONE_TEXT.statusCalledCounter(view.counterNumber)}`;
  return `${view.label} — ${PHONE_TEXT.title}`;
}
