import type { DomainErrorCode } from './errors.ts';
import { FINAL_STATUSES, type Ticket } from './state.ts';

/** How long after issuing a kiosk may still take back its own ticket (a failed print). */
export const KIOSK_CANCEL_WINDOW_MS = 5 * 60_000;

/**
 * Why a kiosk may not take a ticket back. `FORBIDDEN` is not a queue refusal but the
 * protocol's code for an actor without the right; the hub answers with these codes as they are.
 */
export type KioskRefusal = Extract<DomainErrorCode, 'NOT_FOUND' | 'INVALID_STATE'> | 'FORBIDDEN';

/** What a kiosk's cancel is judged by besides the ticket. */
export interface KioskCancelContext {
  /** Whether the kiosk asking is the one that issued the ticket. */
  issuedByThisKiosk: boolean;
  now: number;
  /** How long after issue the kiosk may still cancel; `KIOSK_CANCEL_WINDOW_MS` by default. */
  windowMs: number;
}

/**
 * Why a kiosk may not cancel this ticket, or null when it may: only a ticket it issued itself,
 * still waiting, at most `windowMs` after issue, so only a number the citizen never got.
 */
export function kioskCancelRefusal(
  ticket: Ticket | undefined,
  { issuedByThisKiosk, now, windowMs }: KioskCancelContext,
): KioskRefusal | null {
  if (!ticket) return 'NOT_FOUND';
  if (!issuedByThisKiosk) return 'FORBIDDEN';
  if (ticket.status !== 'waiting' || now - ticket.issuedAt > windowMs) return 'INVALID_STATE';
  return null;
}

/**
 * Why a kiosk may not abandon (take back) the ticket issued for a request whose answer it never
 * heard, or null when it may: only while the ticket still waits, as then nobody holds it.
 */
export function kioskAbandonRefusal(ticket: Ticket | undefined): 'INVALID_STATE' | null {
  return ticket?.status === 'waiting' ? null : 'INVALID_STATE';
}

/**
 * Why a ticket cannot be reprinted at a desk, or null when it can: a ticket still in the queue
 * (waiting, called, being served, a no-show that may come back) can; one that is over cannot.
 */
export function reprintRefusal(
  ticket: Pick<Ticket, 'status'> | undefined,
): 'NOT_FOUND' | 'NOT_REPRINTABLE' | null {
  if (!ticket) return 'NOT_FOUND';
  return FINAL_STATUSES.includes(ticket.status) ? 'NOT_REPRINTABLE' : null;
}
