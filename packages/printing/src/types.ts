/** Paper widths we lay tickets out for. */
export type PaperWidth = '80mm' | '58mm';

/** What a ticket shows. Times are epoch milliseconds; text is shown as given. */
export interface TicketData {
  centreName: string;
  /** An optional line above the centre name, e.g. the governing body. */
  header?: string | undefined;
  fieldName: string;
  /** The ticket number as the citizen sees it, e.g. "1023" or "A012". */
  label: string;
  /** The priority class shown on the ticket, e.g. "Ưu tiên – Người cao tuổi"; null for none. */
  priorityName: string | null;
  /**
   * How the citizen got the number, when not at the kiosk: a booked slot ("Lịch hẹn 09:30",
   * at `slotAt`) or a number taken from the phone ("Lấy số trực tuyến"). Absent: a walk-in.
   */
  origin?: 'booking' | 'remote' | undefined;
  /**
   * A reprint at the reception desk: when it was reprinted (epoch ms). The ticket then says
   * "IN LẠI" with that time, framed in black above the number, so nobody mistakes it for a second number.
   */
  reprintedAt?: number | undefined;
  /** A booking's slot start (epoch ms), printed in `timeZone`. */
  slotAt?: number | undefined;
  issuedAt: number;
  timeZone: string;
  /** How many people wait ahead of this ticket. */
  ahead: number;
  estimatedWaitMinutes: number | null;
  /** The phone page; empty: no QR code (a reprint, whose link the hub no longer knows). */
  qrUrl: string;
  footer: string;
}

/**
 * A 1-bit image, one byte per pixel, row by row: 1 is a printed (black) dot, 0 is paper.
 * One byte per pixel keeps comparisons and drawing simple; ESC/POS packing happens in the encoder.
 */
export interface Bitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The printer's answer to the real-time status commands, or why there was none. */
export interface PrinterStatus {
  online: boolean;
  paper: 'ok' | 'near-end' | 'out';
  coverOpen: boolean;
  error?: string;
}

/** A byte pipe to one printer. */
export interface PrinterTransport {
  /** Sends a job; resolves once every byte reached the printer's connection and it ended cleanly. */
  write(bytes: Uint8Array): Promise<void>;
  /** Sends bytes and resolves with exactly `expectedLength` answer bytes, or rejects on timeout. */
  query(bytes: Uint8Array, expectedLength: number, timeoutMs: number): Promise<Uint8Array>;
}
