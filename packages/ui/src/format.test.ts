import { describe, expect, it } from 'vitest';
import { formatDateVi, formatMinutesVi, formatTimeVi } from './format.ts';

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
});
