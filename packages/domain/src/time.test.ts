import { describe, expect, it } from 'vitest';
import { formatDateTime, localTime, serviceDay, zonedParts } from './time.ts';

const HCM = 'Asia/Ho_Chi_Minh';

describe('localTime in Asia/Ho_Chi_Minh (UTC+7: 17:00Z is local midnight)', () => {
  it.each([
    { utc: '2025-03-10T00:30:00Z', day: '2025-03-10', minutes: 7 * 60 + 30 },
    { utc: '2025-03-10T16:59:00Z', day: '2025-03-10', minutes: 23 * 60 + 59 },
    { utc: '2025-03-10T16:59:59.999Z', day: '2025-03-10', minutes: 23 * 60 + 59 },
    { utc: '2025-03-10T17:00:00Z', day: '2025-03-11', minutes: 0 },
    { utc: '2025-03-10T17:01:00Z', day: '2025-03-11', minutes: 1 },
    { utc: '2025-03-10T23:59:00Z', day: '2025-03-11', minutes: 6 * 60 + 59 },
    { utc: '2024-12-31T17:00:00Z', day: '2025-01-01', minutes: 0 },
    { utc: '2024-02-28T17:00:00Z', day: '2024-02-29', minutes: 0 },
  ])('$utc is $day, minute $minutes', ({ utc, day, minutes }) => {
    expect(localTime(Date.parse(utc), HCM)).toEqual({ day, minutes });
    expect(serviceDay(Date.parse(utc), HCM)).toBe(day);
  });

  it('answers each instant of a minute alike, and the next minute anew, across midnight', () => {
    const before = Date.parse('2025-03-10T16:59:00Z');
    for (const ms of [0, 30_000, 59_999])
      expect(localTime(before + ms, HCM)).toEqual({ day: '2025-03-10', minutes: 23 * 60 + 59 });
    expect(localTime(before + 60_000, HCM)).toEqual({ day: '2025-03-11', minutes: 0 });
    expect(localTime(before + 59_999, 'UTC')).toEqual({ day: '2025-03-10', minutes: 16 * 60 + 59 });
    expect(localTime(before + 59_999, HCM)).toEqual({ day: '2025-03-10', minutes: 23 * 60 + 59 });
  });

  it('differs from UTC for the seven hours after 17:00Z', () => {
    const instant = Date.parse('2025-03-10T20:00:00Z');
    expect(serviceDay(instant, HCM)).toBe('2025-03-11');
    expect(serviceDay(instant, 'UTC')).toBe('2025-03-10');
  });
});

describe('zonedParts and formatDateTime: the wall clock of a site', () => {
  it.each([
    // 02:05:07Z on Monday 23/11/2026 is 09:05:07 in Hà Nội.
    { utc: '2026-11-23T02:05:07Z', tz: HCM, text: '23/11/2026 09:05', second: '07', weekday: 1 },
    // 17:05Z on Saturday is already Sunday 00:05 in Hà Nội, still Saturday in UTC.
    { utc: '2026-11-21T17:05:00Z', tz: HCM, text: '22/11/2026 00:05', second: '00', weekday: 0 },
    { utc: '2026-11-21T17:05:00Z', tz: 'UTC', text: '21/11/2026 17:05', second: '00', weekday: 6 },
  ])('$utc in $tz is $text', ({ utc, tz, text, second, weekday }) => {
    expect(formatDateTime(Date.parse(utc), tz)).toBe(text);
    expect(zonedParts(Date.parse(utc), tz)).toMatchObject({ second, weekday });
  });
});
