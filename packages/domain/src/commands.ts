import type { SiteConfig } from './config.ts';
import type { Dossier } from './dossier.ts';
import type { TicketOrigin } from './state.ts';
import type { SupervisorCommand } from './supervise.ts';

interface ByClerk {
  counterId: string;
  clerkId: string;
}

/** Everything a person or the hub's clock can ask of the queue. */
export type QueueCommand =
  | {
      type: 'issue';
      fieldId: string;
      priorityClassId: string | null;
      /** Absent: a walk-in. `booking` needs `slotAt`, the booked slot's start. */
      origin?: TicketOrigin;
      slotAt?: number;
    }
  /** A remote number of a `check-in` field checked in at the kiosk: it may be called now. */
  | { type: 'arrive'; ticketId: string }
  | ({ type: 'callNext' } & ByClerk)
  | ({ type: 'callTicket'; ticketId: string } & ByClerk)
  | ({ type: 'recall' } & ByClerk)
  | ({ type: 'start' } & ByClerk)
  /** `dossier`: what the clerk recorded of the visit (checked by `checkDossier`); absent: none. */
  | ({ type: 'finish'; dossier?: Dossier | null } & ByClerk)
  | ({ type: 'noShow' } & ByClerk)
  | ({
      type: 'transfer';
      to: { fieldId: string } | { counterId: string };
      reason: string;
    } & ByClerk)
  | { type: 'cancel'; ticketId: string; reason: string; counterId?: string; clerkId?: string }
  | ({ type: 'pause'; reason: string } & ByClerk)
  | ({ type: 'resume' } & ByClerk)
  | ({ type: 'openCounter' } & ByClerk)
  | { type: 'closeCounter'; counterId: string; clerkId: string | null }
  | SupervisorCommand
  | { type: 'rate'; ticketId: string; counterId: string; score: number }
  | { type: 'closeDay' }
  | { type: 'updateConfig'; config: SiteConfig };

export type QueueCommandType = QueueCommand['type'];
