import type { PrinterStatus, TicketData } from '@luot/printing/types';
import type { Ack, ErrorCode, IssuedTicket } from '@luot/protocol';
import type { PrintOutcome } from '../../shared/bridge.ts';
import { printerProblem, type PrinterProblem } from './printer-problem.ts';

/** The reason the kiosk gives the hub when it takes back a ticket that never printed. */
export const PRINT_FAILED_REASON = 'In phiếu thất bại';

export type FlowStep = 'checking' | 'issuing' | 'printing';

export interface FlowDeps {
  printerStatus(): Promise<PrinterStatus>;
  issue(): Promise<Ack<IssuedTicket>>;
  ticketData(issued: IssuedTicket): TicketData;
  print(ticket: TicketData): Promise<PrintOutcome>;
  /**
   * Takes back a number that cannot have printed. Absent for a check-in: the booking's or remote
   * number stays the citizen's, who can check in again for a reprint, so it is shown instead.
   */
  cancel?(ticketId: string, reason: string): Promise<Ack<unknown>>;
  onStep?(step: FlowStep): void;
}

export type FlowResult =
  /** The ticket printed: the citizen takes it. */
  | { kind: 'printed'; issued: IssuedTicket; ticket: TicketData }
  /** Nothing was asked of the hub: the printer cannot print. */
  | { kind: 'printer-not-ready'; problem: PrinterProblem }
  /** The hub gave no number (closed, sold out, too fast, unreachable). */
  | { kind: 'refused'; code: ErrorCode; message: string; opensAt?: number }
  /** The number exists and the citizen must hold it: shown on screen with its QR code. */
  | {
      kind: 'on-screen';
      issued: IssuedTicket;
      ticket: TicketData;
      why: 'maybe-printed' | 'cancel-failed' | 'not-printed';
    }
  /** Printing failed before any paper could come out, and the hub took the number back. */
  | { kind: 'cancelled'; issued: IssuedTicket };

/**
 * One ticket, with no phantom numbers: the printer is checked before the hub is asked for a
 * number, so a kiosk that cannot print issues nothing. If printing fails after the number was
 * issued: when no paper can have come out, the ticket is cancelled ("In phiếu thất bại");
 * when some may have (the job broke part way), or the cancel does not go through, the number
 * stays and is shown on screen with its QR code. Either way the queue holds only numbers
 * that a citizen holds.
 */
export async function issueAndPrint(deps: FlowDeps): Promise<FlowResult> {
  deps.onStep?.('checking');
  const problem = printerProblem(await deps.printerStatus());
  if (problem) return { kind: 'printer-not-ready', problem };

  deps.onStep?.('issuing');
  const ack = await deps.issue();
  if (!ack.ok)
    return ack.error.opensAt === undefined
      ? { kind: 'refused', code: ack.error.code, message: ack.error.message }
      : {
          kind: 'refused',
          code: ack.error.code,
          message: ack.error.message,
          opensAt: ack.error.opensAt,
        };
  const issued = ack.data;
  const ticket = deps.ticketData(issued);

  deps.onStep?.('printing');
  let outcome: PrintOutcome;
  try {
    outcome = await deps.print(ticket);
  } catch (err) {
    // The bridge itself failed: we cannot know how far the job got.
    outcome = { ok: false, printed: 'maybe', message: String(err) };
  }
  if (outcome.ok) return { kind: 'printed', issued, ticket };
  if (outcome.printed === 'maybe')
    return { kind: 'on-screen', issued, ticket, why: 'maybe-printed' };

  if (!deps.cancel) return { kind: 'on-screen', issued, ticket, why: 'not-printed' };
  const cancelled = await deps.cancel(issued.ticket.id, PRINT_FAILED_REASON);
  return cancelled.ok
    ? { kind: 'cancelled', issued }
    : { kind: 'on-screen', issued, ticket, why: 'cancel-failed' };
}
