import type { PrinterStatus } from './types.ts';

/**
 * DLE EOT 1 (printer status), DLE EOT 2 (offline cause), DLE EOT 4 (roll paper sensor).
 * Real-time commands: the printer answers each with one byte even while it is busy or offline.
 */
export const STATUS_QUERY = Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04);
export const STATUS_ANSWER_LENGTH = 3;

// Every status byte has bits 1 and 4 set and bits 0 and 7 clear (Epson ESC/POS, DLE EOT).
const isStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

/** The status to report when the printer did not answer or answered nonsense. */
export function unreachableStatus(error: string): PrinterStatus {
  return { online: false, paper: 'ok', coverOpen: false, error };
}

/**
 * Reads the three answer bytes of {@link STATUS_QUERY}, bit by bit as Epson documents them:
 * DLE EOT 1 bit 3 = offline; DLE EOT 2 bit 2 = cover open, bit 5 = stopped at paper end,
 * bit 6 = error; DLE EOT 4 bits 2–3 = roll paper near end, bits 5–6 = roll paper out.
 */
export function parseStatus(answer: Uint8Array): PrinterStatus {
  const [printer, offlineCause, paperSensor] = answer;
  if (
    answer.length !== STATUS_ANSWER_LENGTH ||
    printer === undefined ||
    offlineCause === undefined ||
    paperSensor === undefined ||
    ![printer, offlineCause, paperSensor].every(isStatusByte)
  ) {
    const hex = Array.from(answer, (b) => b.toString(16).padStart(2, '0')).join(' ');
    return unreachableStatus(`Unexpected status answer from the printer: [${hex}]`);
  }
  const paperOut = (paperSensor & 0x60) !== 0 || (offlineCause & 0x20) !== 0;
  const status: PrinterStatus = {
    online: (printer & 0x08) === 0,
    paper: paperOut ? 'out' : (paperSensor & 0x0c) !== 0 ? 'near-end' : 'ok',
    coverOpen: (offlineCause & 0x04) !== 0,
  };
  if (offlineCause & 0x40) status.error = 'The printer reports an error (cutter or mechanism)';
  return status;
}
