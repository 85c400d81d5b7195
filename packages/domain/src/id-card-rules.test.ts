import { describe, expect, it } from 'vitest';
import { decideIdCard, needsIdNumber } from './id-card-rules.ts';
import { fixtureConfig } from './test-support.ts';

// Land (đất đai) needs a card and an adult; civil status (hộ tịch) offers the card; business
// registration follows the site (off here unless a test says otherwise). Age 75 gives "cao-tuoi".
const config = fixtureConfig((c) => {
  c.idCard = { scan: 'off', priorityAge: 75, priorityClassId: 'cao-tuoi', adultAge: 18 };
  c.fields[0]!.idCard = { scan: 'required', adultsOnly: true };
  c.fields[1]!.idCard = { scan: 'optional', adultsOnly: true };
});

// Made-up numbers: Hà Nội (001); 4th digit 0/1 = born in the 1900s (man/woman), 2/3 = 2000s.
const ELDER = { number: '001148012345', birthDate: '1948-06-15' }; // 78 on 2026-06-15
const ADULT = { number: '079085001234', birthDate: '1985-01-20' };
const TEEN = { number: '001208001234', birthDate: '2008-09-01' }; // 18 on 2026-09-01
const DAY = '2026-06-15';

const issue = (
  fieldId: string,
  card?: { number: string; birthDate?: string },
  priorityClassId: string | null = null,
  day = DAY,
) => decideIdCard(config, { fieldId, priorityClassId, card }, day);

describe('a number with the ID card', () => {
  it('needs a card in a required field, and none in an off field', () => {
    expect(issue('dat-dai')).toEqual({ ok: false, code: 'ID_CARD_REQUIRED' });
    expect(issue('kinh-doanh')).toEqual({ ok: true, priorityClassId: null, counted: false });
    // A card sent to a field that does not ask for it is ignored: not checked, not counted.
    expect(issue('kinh-doanh', { number: '999999999999' })).toEqual({
      ok: true,
      priorityClassId: null,
      counted: false,
    });
    expect(issue('dat-dai', ADULT)).toEqual({ ok: true, priorityClassId: null, counted: true });
    expect(needsIdNumber(config, 'dat-dai')).toBe(true);
    expect(needsIdNumber(config, 'ho-tich')).toBe(false);
  });

  it('refuses a number that is not a personal number, and a birth date that disagrees', () => {
    expect(issue('dat-dai', { number: '123456789012' })).toEqual({
      ok: false,
      code: 'ID_CARD_INVALID',
    });
    expect(issue('dat-dai', { number: '001148012345', birthDate: '1958-06-15' })).toEqual({
      ok: false,
      code: 'ID_CARD_INVALID',
    });
    // A birth date after the service day is no card either.
    expect(issue('ho-tich', { number: '001226001234', birthDate: '2026-12-01' })).toEqual({
      ok: false,
      code: 'ID_CARD_INVALID',
    });
  });

  it('counts a minor by birthday when scanned, by year when typed', () => {
    expect(issue('dat-dai', TEEN, null, '2026-08-31')).toEqual({
      ok: false,
      code: 'ID_CARD_MINOR',
    });
    expect(issue('dat-dai', TEEN, null, '2026-09-01')).toMatchObject({ ok: true });
    // Typed: 2026 − 2008 = 18 all year, as Vietnamese forms count it.
    expect(issue('dat-dai', { number: TEEN.number }, null, '2026-01-02')).toMatchObject({
      ok: true,
    });
    expect(issue('dat-dai', { number: TEEN.number }, null, '2025-12-31')).toEqual({
      ok: false,
      code: 'ID_CARD_MINOR',
    });
    // An optional adults-only field without a card: nothing to check.
    expect(issue('ho-tich')).toEqual({ ok: true, priorityClassId: null, counted: false });
    expect(issue('ho-tich', TEEN, null, '2026-01-02')).toEqual({
      ok: false,
      code: 'ID_CARD_MINOR',
    });
  });

  it('gives the age class to a card of 75 or more, checked rather than declared', () => {
    expect(issue('dat-dai', ELDER)).toEqual({
      ok: true,
      priorityClassId: 'cao-tuoi',
      counted: true,
    });
    // The day before the 75th birthday, and the birthday itself.
    const turning = { number: '001151012345', birthDate: '1951-06-16' };
    expect(issue('dat-dai', turning)).toEqual({ ok: true, priorityClassId: null, counted: true });
    expect(issue('dat-dai', turning, null, '2026-06-16')).toMatchObject({
      priorityClassId: 'cao-tuoi',
    });
    // Typed: the year alone decides.
    expect(issue('dat-dai', { number: turning.number }, null, '2026-01-02')).toMatchObject({
      priorityClassId: 'cao-tuoi',
    });
    // Another class chosen stays; the age class chosen without the age is refused.
    expect(issue('dat-dai', ELDER, 'khuyet-tat')).toMatchObject({ priorityClassId: 'khuyet-tat' });
    expect(issue('ho-tich', undefined, 'cao-tuoi')).toEqual({
      ok: false,
      code: 'PRIORITY_NOT_PROVEN',
    });
    expect(issue('dat-dai', ADULT, 'cao-tuoi')).toEqual({
      ok: false,
      code: 'PRIORITY_NOT_PROVEN',
    });
    expect(issue('ho-tich', undefined, 'khuyet-tat')).toMatchObject({
      ok: true,
      priorityClassId: 'khuyet-tat',
    });
    // Where the field does not ask for cards, the class is declared as before.
    expect(issue('kinh-doanh', undefined, 'cao-tuoi')).toMatchObject({
      ok: true,
      priorityClassId: 'cao-tuoi',
    });
  });

  it('gives no age class when the site has no priority by age', () => {
    const noAge = fixtureConfig((c) => {
      c.idCard = { scan: 'optional', priorityAge: null, priorityClassId: 'cao-tuoi' };
    });
    expect(
      decideIdCard(noAge, { fieldId: 'ho-tich', priorityClassId: null, card: ELDER }, DAY),
    ).toEqual({ ok: true, priorityClassId: null, counted: true });
    expect(
      decideIdCard(noAge, { fieldId: 'ho-tich', priorityClassId: 'cao-tuoi' }, DAY),
    ).toMatchObject({ ok: true, priorityClassId: 'cao-tuoi' });
  });
});
