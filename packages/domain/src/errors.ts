import type { TicketStatus } from './state.ts';

/** Why the queue refused a command. Closed set; the protocol adds transport-level codes. */
export const DOMAIN_ERROR_CODES = [
  'NOT_FOUND',
  'INVALID_STATE',
  'NOTHING_WAITING',
  'OUTSIDE_HOURS',
  'SOLD_OUT',
  'COUNTER_CLOSED',
  'COUNTER_PAUSED',
  'COUNTER_BUSY',
  'ALREADY_RATED',
  'DAY_NOT_OVER',
  'STALE_DAY',
  'INVALID_ARGUMENT',
  'INVALID_CONFIG',
  'NOT_OFFERED',
  'SLOT_FULL',
  'CLOSED_DAY',
  'TOO_EARLY',
  'TOO_LATE',
  'WRONG_SITE',
  'LIMIT_REACHED',
  'NOT_ARRIVED',
  'ID_CARD_REQUIRED',
  'ID_CARD_INVALID',
  'ID_CARD_MINOR',
  'PRIORITY_NOT_PROVEN',
  'NOT_REPRINTABLE',
  'DOSSIER_REQUIRED',
  'DOSSIER_CODE_REQUIRED',
  'DOSSIER_CODE_INVALID',
  'DOSSIER_TOO_MANY_CODES',
  'REFUSAL_REASON_REQUIRED',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainError {
  code: DomainErrorCode;
  /** English detail for logs; clients show the catalogue text for the code. */
  detail: string;
  /** What a person is told, when the catalogue text for the code is not enough (supervise.ts). */
  why?: Refusal;
}

/**
 * Why a supervisor's action was refused, in terms a person can be told (the protocol turns it
 * into Vietnamese): names and labels, not ids.
 */
export type Refusal =
  | { kind: 'noCounter' }
  | { kind: 'counterClosed'; counter: string }
  | { kind: 'counterHolds'; counter: string; label: string }
  | { kind: 'nothingCalled'; counter: string }
  | { kind: 'noTicket' }
  | { kind: 'ticketFinal'; label: string; status: TicketStatus }
  | { kind: 'ticketAtCounter'; label: string; counter: string }
  | { kind: 'noField' }
  | { kind: 'sameField'; label: string; field: string }
  | { kind: 'fieldUnserved'; field: string }
  | { kind: 'counterNotServing'; counter: string; field: string }
  | { kind: 'sameCounter'; label: string; counter: string }
  /** A dossier code not in the site's format (dossier.ts). */
  | { kind: 'dossierCode'; code: string };
