import type { SiteConfig } from './config.ts';
import type { Dossier } from './dossier.ts';
import type { Ticket } from './state.ts';

interface Base {
  /** Epoch milliseconds. */
  at: number;
  day: string;
}
interface AtCounter extends Base {
  ticketId: string;
  fieldId: string;
  counterId: string;
  clerkId: string | null;
}

/** Everything that happens to the queue. The hub stores these in order and broadcasts them. */
export type QueueEvent =
  | (Base & { type: 'ticket.issued'; ticket: Ticket })
  | (AtCounter & { type: 'ticket.called'; from: 'waiting' | 'no_show' })
  | (AtCounter & { type: 'ticket.recalled' })
  | (AtCounter & { type: 'ticket.started' })
  | (AtCounter & {
      type: 'ticket.finished';
      /**
       * The visit's dossier codes and outcome as the clerk recorded them; null when none was
       * (a supervisor's release, a call that finished the ticket in service). Events stored
       * before issue 16 have no such key: read it as null.
       */
      dossier: Dossier | null;
    })
  | (AtCounter & { type: 'ticket.no_show' })
  | (Omit<AtCounter, 'counterId'> & {
      type: 'ticket.transferred';
      /** The counter the ticket left; null when a supervisor moved a ticket that was waiting. */
      counterId: string | null;
      toFieldId: string;
      toCounterId: string | null;
      reason: string;
    })
  | (Base & {
      type: 'ticket.cancelled';
      ticketId: string;
      fieldId: string;
      counterId: string | null;
      clerkId: string | null;
      reason: string;
    })
  | (Base & { type: 'ticket.expired'; ticketId: string; fieldId: string })
  | (Base & { type: 'ticket.arrived'; ticketId: string; fieldId: string })
  | (AtCounter & { type: 'ticket.rated'; score: number })
  | (Base & { type: 'counter.opened'; counterId: string; clerkId: string })
  | (Base & { type: 'counter.closed'; counterId: string; clerkId: string | null })
  | (Base & { type: 'counter.paused'; counterId: string; clerkId: string | null; reason: string })
  | (Base & { type: 'counter.resumed'; counterId: string; clerkId: string | null })
  | (Base & { type: 'day.opened'; previousDay: string })
  | (Base & { type: 'config.updated'; config: SiteConfig });

export type QueueEventType = QueueEvent['type'];
