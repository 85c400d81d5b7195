import { zonedParts } from '@luot/domain';

const WEEKDAYS = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "Thứ Hai, 23/11/2026" in the site's time zone. */
export function formatDateVi(at: number, timeZone = 'Asia/Ho_Chi_Minh'): string {
  const p = zonedParts(at, timeZone);
  return `${WEEKDAYS[p.weekday]}, ${p.day}/${p.month}/${p.year}`;
}

/** "09:05" or, with seconds, "09:05:07", in the site's time zone. */
export function formatTimeVi(at: number, timeZone = 'Asia/Ho_Chi_Minh', seconds = false): string {
  const p = zonedParts(at, timeZone);
  return seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

/** A duration as people say it: "dưới 1 phút", "12 phút", "1 giờ 5 phút". */
export function formatMinutesVi(minutes: number | null): string {
  if (minutes === null) return 'chưa xác định';
  if (minutes < 1) return 'dưới 1 phút';
  const m = Math.round(minutes);
  if (m < 60) return `${m} phút`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} giờ` : `${h} giờ ${m % 60} phút`;
}
