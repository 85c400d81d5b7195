const WEEKDAYS = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

function parts(at: number, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  });
  for (const p of f.formatToParts(at)) out[p.type] = p.value;
  return out;
}

const WEEKDAY_INDEX: Record<string, number> = {
  Sun: 0,
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
};

/** "Thứ Hai, 23/11/2026" in the site's time zone. */
export function formatDateVi(at: number, timeZone = 'Asia/Ho_Chi_Minh'): string {
  const p = parts(at, timeZone);
  return `${WEEKDAYS[WEEKDAY_INDEX[p.weekday ?? 'Sun'] ?? 0]}, ${p.day}/${p.month}/${p.year}`;
}

/** "09:05" or, with seconds, "09:05:07", in the site's time zone. */
export function formatTimeVi(at: number, timeZone = 'Asia/Ho_Chi_Minh', seconds = false): string {
  const p = parts(at, timeZone);
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
