import { zonedParts } from '@luot/domain';

/**
 * Time zones offered for a site: Vietnam's first, then its neighbours and the zones a centre
 * abroad (a consulate's one-stop desk) would most likely use. A zone already configured that is
 * not listed is offered too (see `zoneChoices`).
 */
export const TIME_ZONES = [
  'Asia/Ho_Chi_Minh',
  'Asia/Bangkok',
  'Asia/Phnom_Penh',
  'Asia/Vientiane',
  'Asia/Jakarta',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Manila',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/Moscow',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
] as const;

/** The zones to offer: the list, with `current` added at the end if it is not in it. */
export function zoneChoices(current: string): string[] {
  return (TIME_ZONES as readonly string[]).includes(current)
    ? [...TIME_ZONES]
    : [...TIME_ZONES, current];
}

/** Minutes a zone's wall clock is ahead of UTC at an instant (420 for Vietnam). */
export function utcOffsetMinutes(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((wall - Math.floor(at / 1000) * 1000) / 60_000);
}

/** "UTC+7", "UTC+5:30", "UTC−5", "UTC". */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}
