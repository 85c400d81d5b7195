import { describe, expect, it } from 'vitest';
import { formatOffset, TIME_ZONES, utcOffsetMinutes, zoneChoices } from './time-zones.ts';

describe('time zones offered for a site', () => {
  const monday = Date.parse('2026-11-23T02:00:07.500Z');
  it('puts Vietnam first and keeps a configured zone that is not listed', () => {
    expect(TIME_ZONES[0]).toBe('Asia/Ho_Chi_Minh');
    expect(zoneChoices('Asia/Ho_Chi_Minh')).toHaveLength(TIME_ZONES.length);
    expect(zoneChoices('Africa/Nairobi').at(-1)).toBe('Africa/Nairobi');
  });
  it('names each zone by its offset at an instant', () => {
    expect(formatOffset(utcOffsetMinutes(monday, 'Asia/Ho_Chi_Minh'))).toBe('UTC+7');
    expect(formatOffset(utcOffsetMinutes(monday, 'Asia/Kolkata'))).toBe('UTC+5:30');
    expect(formatOffset(utcOffsetMinutes(monday, 'America/New_York'))).toBe('UTC−5');
    expect(formatOffset(utcOffsetMinutes(monday, 'UTC'))).toBe('UTC');
  });
});
