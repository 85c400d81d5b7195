// Cards and a centre for the ID card's tests (issue 15). Imported by tests only.
import { siteConfigSchema, type SiteConfig } from '@luot/domain';
import { testConfig } from './test-hub.ts';

/**
 * The test centre with cards: đất đai needs a card and an adult; hộ tịch offers the card (the
 * site's mode); 75 and over get "cao-tuoi"; 2 numbers a person a day.
 */
export function cardConfig(patch: (config: SiteConfig) => void = () => {}): SiteConfig {
  const config = structuredClone(testConfig(2));
  config.idCard = { scan: 'optional', priorityAge: 75, priorityClassId: 'cao-tuoi', adultAge: 18 };
  config.fields[1]!.idCard = { scan: 'required', adultsOnly: true };
  config.citizens.numbersPerDay = 2;
  patch(config);
  return siteConfigSchema.parse(config);
}

// Made-up cards. The test hub's clock is Monday 2026-11-23.
export const ADULT = { number: '079085001234', birthDate: '1985-01-20' };
export const ELDER = { number: '001148012345', birthDate: '1948-06-15' };
/** 18 on 2026-12-01: still a minor on the test day when scanned. */
export const MINOR = { number: '001208001234', birthDate: '2008-12-01' };
/** The QR text of a card as a reader types it. */
export function cardQr(card: { number: string; birthDate: string }, sex = 'Nam'): string {
  const [y, m, d] = card.birthDate.split('-');
  return `${card.number}||Nguyễn Văn Thử|${d}${m}${y}|${sex}|Số 1 Đường Thử, Hà Nội|01012021`;
}
