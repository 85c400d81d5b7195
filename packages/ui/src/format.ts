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

/**
 * A measured duration in words, so it never reads as a clock time: "45 giây", "8 phút 6 giây",
 * "1 giờ 5 phút" (seconds are dropped from an hour on). Milliseconds in, whole seconds shown
 * (truncated); a negative duration shows as "0 giây". The one formatter of durations that every
 * screen (dashboard, reports, counter) uses.
 */
export function formatDurationVi(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m === 0 ? `${h} giờ` : `${h} giờ ${m} phút`;
  if (m > 0) return s === 0 ? `${m} phút` : `${m} phút ${s} giây`;
  return `${s} giây`;
}
