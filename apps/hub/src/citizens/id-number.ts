import { decideIdCard, needsIdNumber, type SiteConfig } from '@luot/domain';
import { CITIZEN_MESSAGES_VI as M } from './messages-vi.ts';

/** Why a phone's number or booking is refused for its personal number, with the page's text. */
export interface IdNumberRefusal {
  code: 'ID_CARD_REQUIRED' | 'ID_CARD_INVALID' | 'ID_CARD_MINOR';
  message: string;
}

/**
 * The ID card's rule for a number or booking from a phone: only a field whose card mode is
 * `required` asks for the personal number, checked as a typed card is at the kiosk (a personal
 * number; adults-only by its birth year on `day`). The age class is never given from a phone:
 * a typed number proves no one's age in the lobby.
 */
export function idNumberRefusal(
  config: SiteConfig,
  fieldId: string,
  idNumber: string | undefined,
  day: string,
): IdNumberRefusal | null {
  if (!needsIdNumber(config, fieldId)) return null;
  const decision = decideIdCard(
    config,
    {
      fieldId,
      priorityClassId: null,
      card: idNumber === undefined ? undefined : { number: idNumber },
    },
    day,
  );
  if (decision.ok) return null;
  switch (decision.code) {
    case 'ID_CARD_REQUIRED':
      return { code: decision.code, message: M.idNumberRequired };
    case 'ID_CARD_MINOR':
      return { code: decision.code, message: M.idNumberMinor };
    default:
      return { code: 'ID_CARD_INVALID', message: M.idNumberInvalid };
  }
}
