import type { SiteConfig } from './config.ts';
import { ageOn, birthYearOfIdNumber, idCardScanOf, type IdCard } from './id-card.ts';

/** What may refuse a number because of the citizen's ID card. */
export type IdCardRefusal =
  'ID_CARD_REQUIRED' | 'ID_CARD_INVALID' | 'ID_CARD_MINOR' | 'PRIORITY_NOT_PROVEN';

/**
 * The card's verdict on a number: refused, or allowed with the priority class the ticket gets
 * and whether the card counts towards the per-person limit (`counted`: it was asked for and
 * given; a card the field does not ask for is ignored, neither checked nor kept).
 */
export type IdCardDecision =
  | { ok: false; code: IdCardRefusal }
  | { ok: true; priorityClassId: string | null; counted: boolean };

/**
 * Decides a kiosk's (or desk's) number with or without a card, given what the citizen chose.
 * In order: a field whose mode is `required` needs a card (ID_CARD_REQUIRED); the card's number
 * must be a personal number and a scanned birth date must agree with its year (ID_CARD_INVALID);
 * an `adultsOnly` field refuses a card younger than `adultAge` (ID_CARD_MINOR; no card on an
 * `optional` field: nothing to check); and when the site gives priority by age and the field asks
 * for cards at all, the age class cannot be chosen without a card of `priorityAge` or more
 * (PRIORITY_NOT_PROVEN). Such a card gets the age class by itself unless another class was chosen.
 * A field the config does not know is left to the queue's own refusal.
 */
export function decideIdCard(
  config: Pick<SiteConfig, 'idCard' | 'fields'>,
  request: { fieldId: string; priorityClassId: string | null; card?: IdCard | undefined },
  day: string,
): IdCardDecision {
  const { fieldId, priorityClassId: chosen } = request;
  const field = config.fields.find((f) => f.id === fieldId);
  const mode = idCardScanOf(config, fieldId);
  if (!field || mode === 'off') return { ok: true, priorityClassId: chosen, counted: false };
  const card = request.card;
  if (!card && mode === 'required') return { ok: false, code: 'ID_CARD_REQUIRED' };
  const age = card ? ageOfValidCard(card, day) : null;
  if (card && age === null) return { ok: false, code: 'ID_CARD_INVALID' };
  if (age !== null && field.idCard.adultsOnly && age < config.idCard.adultAge)
    return { ok: false, code: 'ID_CARD_MINOR' };
  const { priorityAge, priorityClassId: ageClass } = config.idCard;
  const elderly = priorityAge !== null && age !== null && age >= priorityAge;
  if (priorityAge !== null && ageClass !== null) {
    if (chosen === ageClass && !elderly) return { ok: false, code: 'PRIORITY_NOT_PROVEN' };
    if (chosen === null && elderly)
      return { ok: true, priorityClassId: ageClass, counted: card !== undefined };
  }
  return { ok: true, priorityClassId: chosen, counted: card !== undefined };
}

/** The card holder's age on `day`, or null when the number is not a personal number or the birth date disagrees with it. */
function ageOfValidCard(card: IdCard, day: string): number | null {
  const year = birthYearOfIdNumber(card.number);
  if (year === null) return null;
  if (card.birthDate !== undefined && Number(card.birthDate.slice(0, 4)) !== year) return null;
  if (card.birthDate !== undefined && card.birthDate > day) return null;
  const age = ageOn(card, day);
  return age === null || age < 0 ? null : age;
}

/** Whether a number in this field asks for the citizen's personal number (the phone page's input). */
export function needsIdNumber(
  config: Pick<SiteConfig, 'idCard' | 'fields'>,
  fieldId: string,
): boolean {
  return idCardScanOf(config, fieldId) === 'required';
}
