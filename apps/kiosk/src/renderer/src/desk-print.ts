import { useEffect, useRef } from 'react';
import type { QueueState } from '@luot/domain';
import type { HubSocket } from '@luot/hub-client';
import { ticketDataFor } from '@luot/printing/ticket-data';
import type { TicketData } from '@luot/printing/types';
import { failure, type Ack, type DeskPrintJob } from '@luot/protocol';
import type { PrintOutcome } from '../../shared/bridge.ts';
import { messages } from './messages.ts';

/**
 * What a reception desk's ticket prints as on this kiosk: its own ticket, from its own state,
 * with the phone page's QR code at its own public address; a reprint is marked "IN LẠI" and
 * has no QR code (the hub keeps only the link's hash).
 */
export function deskTicketData(
  state: QueueState,
  job: DeskPrintJob,
  publicUrl: string,
): TicketData {
  return ticketDataFor(state, job, publicUrl, {
    priorityPrefix: messages.priorityPrefix,
    reprintedAt: job.reprintedAt,
  });
}

/**
 * Prints the tickets a reception desk sends this kiosk (`desk:print`) through the same bridge as
 * its own, and tells the hub whether it printed; the desk's screen shows the number either way.
 */
export function useDeskPrint(
  socket: HubSocket | null,
  state: QueueState | null,
  publicUrl: string,
  print: (ticket: TicketData) => Promise<PrintOutcome>,
): void {
  // The latest state, without re-subscribing on every queue event.
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    if (!socket) return;
    const onJob = (job: DeskPrintJob, ack: (res: Ack<{ printed: true }>) => void) => {
      const now = latest.current;
      if (!now) return ack(failure('UNAVAILABLE'));
      print(deskTicketData(now, job, publicUrl)).then(
        (outcome) =>
          ack(
            outcome.ok
              ? { ok: true, data: { printed: true } }
              : failure('PRINTER_UNAVAILABLE', outcome.message),
          ),
        (err: unknown) => ack(failure('PRINTER_UNAVAILABLE', String(err))),
      );
    };
    socket.on('desk:print', onJob);
    return () => {
      socket.off('desk:print', onJob);
    };
  }, [socket, publicUrl, print]);
}
