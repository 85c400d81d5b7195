import { describe, expect, it } from 'vitest';
import { formatIssuedAt, formatWait } from './format.ts';
import { viTicketMessages as vi } from './messages.ts';

describe('formatIssuedAt', () => {
  it('prints the local time, Vietnamese weekday and date', () => {
    // 2026-11-21 01:15 UTC is 08:15 on Saturday in Hà Nội (UTC+7).
    expect(formatIssuedAt(Date.UTC(2026, 10, 21, 1, 15), 'Asia/Ho_Chi_Minh', vi)).toBe(
      '08:15 – Thứ Bảy, 21/11/2026',
    );
  });

  it('uses the site day, not the UTC day, near midnight', () => {
    // 2026-11-21 17:05 UTC is already Sunday 22/11 00:05 in Asia/Ho_Chi_Minh.
    expect(formatIssuedAt(Date.UTC(2026, 10, 21, 17, 5), 'Asia/Ho_Chi_Minh', vi)).toBe(
      '00:05 – Chủ Nhật, 22/11/2026',
    );
  });
});

describe('formatWait', () => {
  it.each([
    [25, 'Thời gian chờ dự kiến: khoảng 25 phút'],
    [60, 'Thời gian chờ dự kiến: khoảng 1 giờ'],
    [75, 'Thời gian chờ dự kiến: khoảng 1 giờ 15 phút'],
    [0, 'Thời gian chờ dự kiến: dưới 1 phút'],
    [null, 'Thời gian chờ dự kiến: chưa xác định'],
  ])('%s minutes → %s', (minutes, text) => {
    expect(formatWait(minutes, vi)).toBe(text);
  });
});
