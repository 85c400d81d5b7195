import type { DeskConfig, QueueState } from '@luot/domain';
import { failure, type Ack, type DeskPrintJob, type DeskPrintOutcome } from '@luot/protocol';
import type { Logger } from 'pino';

/** Sends a job to a paired kiosk of a site and waits for its answer; null: the kiosk is offline. */
export type SendToKiosk = (
  siteId: string,
  kioskId: string,
  job: DeskPrintJob,
) => Promise<Ack<{ printed: true }> | null>;

export interface DeskPrintingDeps {
  sendToKiosk: SendToKiosk;
  log: Logger;
  /** A network printer that shows no progress for this long has failed (10 s by default). */
  printerTimeoutMs?: number;
}

/** The words a ticket printed by the hub puts before a priority class (the kiosk's own). */
const PRIORITY_PREFIX = 'Ưu tiên – ';

/**
 * Prints a desk's tickets where the desk says: on its own network printer (ESC/POS over TCP,
 * drawn here exactly as the kiosk draws its tickets), or on a kiosk nearby, which prints it as
 * its own. `@luot/printing` (a canvas and its fonts) is loaded the first time a desk prints.
 */
export function createDeskPrinting(deps: DeskPrintingDeps) {
  const { log } = deps;
  const timeoutMs = deps.printerTimeoutMs ?? 10_000;
  return {
    async print(
      siteId: string,
      desk: DeskConfig,
      state: QueueState,
      job: DeskPrintJob,
      publicUrl: string,
    ): Promise<DeskPrintOutcome> {
      if (desk.printer) {
        const { host, port, paper } = desk.printer;
        try {
          const printing = await import('@luot/printing');
          const data = printing.ticketDataFor(state, job, publicUrl, {
            priorityPrefix: PRIORITY_PREFIX,
            reprintedAt: job.reprintedAt,
          });
          const bytes = printing.encodeTicket(data, { paper });
          await printing.createTcpTransport({ host, port, timeoutMs }).write(bytes);
          return { printed: true, where: 'printer', name: `${host}:${port}` };
        } catch (err) {
          log.warn({ err, deskId: desk.id }, 'desk printer failed');
          return { printed: false, error: failure('PRINTER_UNAVAILABLE', `${host}:${port}`).error };
        }
      }
      if (desk.kioskId) {
        const answer = await deps.sendToKiosk(siteId, desk.kioskId, job).catch((err: unknown) => {
          log.warn({ err, deskId: desk.id }, 'desk kiosk did not answer');
          return failure('PRINTER_UNAVAILABLE', 'ki-ốt không trả lời');
        });
        if (!answer)
          return {
            printed: false,
            error: failure('PRINTER_UNAVAILABLE', `ki-ốt ${desk.kioskId} không kết nối`).error,
          };
        if (!answer.ok)
          return {
            printed: false,
            error: failure('PRINTER_UNAVAILABLE', answer.error.message).error,
          };
        return { printed: true, where: 'kiosk', name: desk.kioskId };
      }
      return {
        printed: false,
        error: failure('PRINTER_UNAVAILABLE', 'bàn chưa được gán máy in hay ki-ốt').error,
      };
    },
  };
}
export type DeskPrinting = ReturnType<typeof createDeskPrinting>;
