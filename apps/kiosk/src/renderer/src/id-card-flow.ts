import {
  birthYearOfIdNumber,
  decideIdCard,
  idCardScanOf,
  type IdCard,
  type IdCardRefusal,
  type IdCardScanMode,
  type SiteConfig,
} from '@luot/domain';
import type { ErrorCode } from '@luot/protocol';
import { messages } from './messages.ts';
import type { PriorityClass } from './types.ts';

/**
 * The kiosk's side of the ID card: which fields ask for it, which priority classes a citizen may
 * still declare, and whether a card gives priority by age. The hub decides the number (and
 * refuses); these only shape the screens.
 */

/** How this field asks for the card (its own rule or the site's). */
export function cardModeOf(config: SiteConfig, fieldId: string): IdCardScanMode {
  return idCardScanOf(config, fieldId);
}

/** Whether any field of the site asks for a card: else a card scanned is not kept. */
export function anyFieldTakesCards(config: SiteConfig): boolean {
  return config.fields.some((f) => idCardScanOf(config, f.id) !== 'off');
}

/**
 * The priority classes a citizen may declare with a tap in this field, holding `card` (or none):
 * those the hub's rule (`decideIdCard`) would accept. Where cards are read, the class given by age
 * is proven by a card, not declared, so it is no button; a card that gives it leaves none to tap.
 */
export function declarableClasses(
  config: SiteConfig,
  fieldId: string,
  card: IdCard | null,
  day: string,
): PriorityClass[] {
  if (card && hasAgePriority(config, fieldId, card, day)) return [];
  return config.priorityClasses.filter((p) => {
    const verdict = decideIdCard(
      config,
      { fieldId, priorityClassId: p.id, card: card ?? undefined },
      day,
    );
    return verdict.ok || verdict.code !== 'PRIORITY_NOT_PROVEN';
  });
}

/** Whether this card, on the service day `day`, gets the field's priority by age (told before printing). */
export function hasAgePriority(
  config: SiteConfig,
  fieldId: string,
  card: IdCard,
  day: string,
): boolean {
  const verdict = decideIdCard(config, { fieldId, priorityClassId: null, card }, day);
  return (
    verdict.ok &&
    verdict.priorityClassId !== null &&
    verdict.priorityClassId === config.idCard.priorityClassId
  );
}

/**
 * The hub's own rule, asked on the kiosk as soon as a card is read for a field: a minor in a field
 * for adults (or a number that is none) hears it at once, not after a tap on _Lấy số_.
 */
export function cardRefusalFor(
  config: SiteConfig,
  fieldId: string,
  card: IdCard,
  day: string,
): IdCardRefusal | null {
  const verdict = decideIdCard(config, { fieldId, priorityClassId: null, card }, day);
  return verdict.ok ? null : verdict.code;
}

/** The card sent with a number in this field: none where the field does not read cards. */
export function cardForIssue(
  config: SiteConfig,
  fieldId: string,
  card: IdCard | null,
): IdCard | undefined {
  return card && cardModeOf(config, fieldId) !== 'off' ? card : undefined;
}

export const ID_NUMBER_LENGTH = 12;

/** Adds a typed digit to the number on the keypad; twelve at most, digits only. */
export function appendDigit(number: string, key: string): string {
  return /^\d$/.test(key) && number.length < ID_NUMBER_LENGTH ? number + key : number;
}

/** The card of a number typed on the keypad (no birth date: age by year), or null if it is none. */
export function typedCard(number: string): IdCard | null {
  return birthYearOfIdNumber(number) === null ? null : { number };
}

/** The hub's refusals that concern the card, answered with the card step's own words. */
export const CARD_REFUSALS = [
  'ID_CARD_REQUIRED',
  'ID_CARD_INVALID',
  'ID_CARD_MINOR',
  'LIMIT_REACHED',
  'PRIORITY_NOT_PROVEN',
] as const satisfies readonly ErrorCode[];
export type CardRefusal = (typeof CARD_REFUSALS)[number];

export function isCardRefusal(code: ErrorCode): code is CardRefusal {
  return (CARD_REFUSALS as readonly ErrorCode[]).includes(code);
}

/** What the kiosk says when a card is refused (read at render time; limits from the site). */
export function cardRefusalText(code: CardRefusal, config: SiteConfig): string {
  const texts = messages.idCard.refusal;
  if (code === 'LIMIT_REACHED') return texts.LIMIT_REACHED(config.citizens.numbersPerDay);
  if (code === 'ID_CARD_MINOR') return texts.ID_CARD_MINOR(config.idCard.adultAge);
  return texts[code];
}
