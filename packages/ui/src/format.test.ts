import { describe, expect, it } from 'vitest';
import { formatDateVi, formatDurationVi, formatMinutesVi, formatTimeVi } from './format.ts';

describe('Vietnamese dates and durations', () => {
  const mondayMorning = Date.parse('2026-11-23T02:05:07Z'); // 09:05:07 in Hà Nội

  it('shows the weekday and date as a Vietnamese screen would', () => {
    expect(formatDateVi(mondayMorning)).toBe('Thứ Hai, 23/11/2026');
    expect(formatDateVi(Date.parse('2026-11-22T03:00:00Z'))).toBe('Chủ Nhật, 22/11/2026');
  });

  it('shows the site-local time, not UTC', () => {
    expect(formatTimeVi(mondayMorning)).toBe('09:05');
    expect(formatTimeVi(mondayMorning, 'Asia/Ho_Chi_Minh', true)).toBe('09:05:07');
  });

  it('says durations in words people use', () => {
    expect(formatMinutesVi(null)).toBe('chưa xác định');
    expect(formatMinutesVi(0)).toBe('dưới 1 phút');
    expect(formatMinutesVi(12)).toBe('12 phút');
    expect(formatMinutesVi(60)).toBe('1 giờ');
    expect(formatMinutesVi(65)).toBe('1 giờ 5 phút');
  });

  it('writes measured durations in words, never like a clock time', () => {
    expect(formatDurationVi(8 * 60_000 + 6_000)).toBe('8 phút 6 giây');
    expect(formatDurationVi(8 * 60_000 + 6_999)).toBe('8 phút 6 giây');
    expect(formatDurationVi(45_000)).toBe('45 giây');
    expect(formatDurationVi(0)).toBe('0 giây');
    expect(formatDurationVi(-3_000)).toBe('0 giây');
    expect(formatDurationVi(6 * 60_000)).toBe('6 phút');
    expect(formatDurationVi(3600_000 + 5 * 60_000 + 59_000)).toBe('1 giờ 5 phút');
    expect(formatDurationVi(2 * 3600_000)).toBe('2 giờ');
  });
});
