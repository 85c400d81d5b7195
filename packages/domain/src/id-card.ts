import { z } from 'zod';
import { isCalendarDay } from './validation.ts';

/**
 * The citizen identity card (CCCD) read at the kiosk. A USB QR reader types the QR on the card's
 * front as text: `personal number|old ID|full name|ddmmyyyy birth|sex|address|ddmmyyyy issued`.
 * Only the personal number and the birth date leave the kiosk; nothing else is parsed further.
 */

/** What the kiosk sends of a card: the 12-digit number, and the birth date when it was scanned. */
export const idCardSchema = z.strictObject({
  number: z.string().regex(/^\d{12}$/, '12 digits'),
  /** "YYYY-MM-DD" from the scanned QR; absent when the number was typed on the keypad. */
  birthDate: z.string().refine(isCalendarDay, 'a real date as YYYY-MM-DD').optional(),
});
export type IdCard = z.infer<typeof idCardSchema>;

/** How a field asks for the card: not at all, offered, or needed for a number. */
export const ID_CARD_SCAN_MODES = ['off', 'optional', 'required'] as const;
export type IdCardScanMode = (typeof ID_CARD_SCAN_MODES)[number];

/**
 * A site's card rules. `scan`: the default for its fields. `priorityAge`: from this age a scanned
 * card gives the priority class `priorityClassId` (checked, not declared: that class cannot be
 * chosen on the kiosk without such a card); null: no priority by age. `adultAge`: the age a field
 * with `adultsOnly` requires.
 */
export const idCardConfigSchema = z
  .strictObject({
    scan: z.enum(ID_CARD_SCAN_MODES).default('off'),
    priorityAge: z.number().int().min(50).max(120).nullable().default(75),
    priorityClassId: z.string().nullable().default(null),
    adultAge: z.number().int().min(14).max(21).default(18),
  })
  .prefault({});
export type IdCardConfig = z.infer<typeof idCardConfigSchema>;

/** A field's own card rule: `site` follows the site's `idCard.scan`. */
export const fieldIdCardSchema = z
  .strictObject({
    scan: z.enum(['site', ...ID_CARD_SCAN_MODES]).default('site'),
    adultsOnly: z.boolean().default(false),
  })
  .prefault({});
export type FieldIdCardConfig = z.infer<typeof fieldIdCardSchema>;

/** The first three digits: the province of birth registration, 001 (Hà Nội) … 096 (Cà Mau). */
function isProvinceCode(code: number): boolean {
  return code >= 1 && code <= 96;
}

/** 4th digit: century and sex (0/1: 1900s, 2/3: 2000s, 4/5: 2100s, 6/7: 2200s, 8/9: 1800s). */
const CENTURIES = [1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 1800, 1800] as const;

/** The birth year a 12-digit personal number encodes (digits 4–6), or null if it is not one. */
export function birthYearOfIdNumber(number: string): number | null {
  if (!/^\d{12}$/.test(number) || !isProvinceCode(Number(number.slice(0, 3)))) return null;
  return CENTURIES[Number(number[3])]! + Number(number.slice(4, 6));
}

export type IdCardScan =
  { ok: true; card: Required<IdCard> } | { ok: false; reason: 'not-a-card' | 'inconsistent' };

/**
 * Reads the text a QR reader typed. Not a card: fewer than seven `|` parts, a number that is not
 * a personal number, dates that are not dates. Inconsistent: the birth date's year or the sex
 * disagrees with what the number encodes (a forged or garbled code).
 */
export function parseIdCardScan(text: string): IdCardScan {
  const parts = text.trim().split('|');
  if (parts.length < 7) return { ok: false, reason: 'not-a-card' };
  const [number = '', , , birth = '', sex = ''] = parts;
  const year = birthYearOfIdNumber(number);
  const birthDate = isoOfDdmmyyyy(birth);
  if (year === null || birthDate === null || isoOfDdmmyyyy(parts[6] ?? '') === null)
    return { ok: false, reason: 'not-a-card' };
  if (Number(birthDate.slice(0, 4)) !== year) return { ok: false, reason: 'inconsistent' };
  const female = Number(number[3]) % 2 === 1;
  const sexText = sex.trim().toLowerCase();
  if ((sexText === 'nam' && female) || (sexText === 'nữ' && !female))
    return { ok: false, reason: 'inconsistent' };
  return { ok: true, card: { number, birthDate } };
}

/** "YYYY-MM-DD" of a "ddmmyyyy" string, or null. */
function isoOfDdmmyyyy(value: string): string | null {
  if (!/^\d{8}$/.test(value)) return null;
  const iso = `${value.slice(4)}-${value.slice(2, 4)}-${value.slice(0, 2)}`;
  return isCalendarDay(iso) ? iso : null;
}

/**
 * A card holder's age on `day` ("YYYY-MM-DD"): by the birth date when scanned; by the birth year
 * alone when typed (the age reached during this year, as Vietnamese forms count it).
 */
export function ageOn(card: IdCard, day: string): number | null {
  const year = birthYearOfIdNumber(card.number);
  if (year === null) return null;
  const years = Number(day.slice(0, 4)) - year;
  if (card.birthDate === undefined) return years;
  return card.birthDate.slice(5) <= day.slice(5) ? years : years - 1;
}

/** How a field of this site asks for the card (its own rule, or the site's). */
export function idCardScanOf(
  config: { idCard: IdCardConfig; fields: readonly { id: string; idCard: FieldIdCardConfig }[] },
  fieldId: string,
): IdCardScanMode {
  const own = config.fields.find((f) => f.id === fieldId)?.idCard.scan ?? 'site';
  return own === 'site' ? config.idCard.scan : own;
}
