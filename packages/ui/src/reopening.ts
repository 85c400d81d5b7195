import { closedBecause, localTime, nextOpening, type Opening, type SiteConfig } from '@luot/domain';

/** Weekday names as written mid-sentence: "Mở lại thứ Hai", "Mở lại Chủ nhật". */
const WEEKDAYS_LOWER = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

/** Days ahead within which the weekday alone names the day. */
const WEEK = 6;

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
}

/**
 * When issuing reopens, as the kiosk, the board and the phone page say it: "Mở lại lúc 13:30"
 * later today, "Mở lại thứ Hai 07:30" within a week, "Mở lại thứ Hai 04/05 07:30" further away.
 */
export function formatReopeningVi(opening: Opening | null, now: number, timeZone: string): string {
  return formatReopeningFromVi(opening, localTime(now, timeZone).day);
}

/** `formatReopeningVi` counted from a service day ("YYYY-MM-DD") rather than an instant. */
export function formatReopeningFromVi(
  opening: Pick<Opening, 'day' | 'time'> | null,
  today: string,
): string {
  if (!opening) return 'Chưa có lịch mở lại';
  const ahead = dayNumber(opening.day) - dayNumber(today);
  if (ahead <= 0) return `Mở lại lúc ${opening.time}`;
  const weekday = WEEKDAYS_LOWER[new Date(dayNumber(opening.day) * 86_400_000).getUTCDay()]!;
  if (ahead <= WEEK) return `Mở lại ${weekday} ${opening.time}`;
  const [, month, date] = opening.day.split('-');
  return `Mở lại ${weekday} ${date}/${month} ${opening.time}`;
}

/**
 * The line a closed field shows: when it reopens, after the holiday's name on a holiday
 * ("Nghỉ lễ Quốc khánh — Mở lại thứ Năm 07:30"). One place for the kiosk, board and phone page.
 */
export function closedLineVi(
  config: Pick<SiteConfig, 'fields' | 'calendar' | 'site'>,
  fieldId: string,
  now: number,
): string {
  const reopening = formatReopeningVi(nextOpening(config, fieldId, now), now, config.site.timeZone);
  const { holiday } = closedBecause(config, now);
  return holiday ? `Nghỉ lễ ${holiday} — ${reopening}` : reopening;
}

/**
 * The line the kiosk and the board show when no field issues numbers any more today: when the
 * first field reopens, after the holiday's name on a holiday.
 */
export function siteClosedLineVi(
  config: Pick<SiteConfig, 'fields' | 'calendar' | 'site'>,
  now: number,
): string {
  const first = config.fields
    .map((f) => nextOpening(config, f.id, now))
    .reduce<Opening | null>((a, b) => (b !== null && (a === null || b.at < a.at) ? b : a), null);
  const reopening = formatReopeningVi(first, now, config.site.timeZone);
  const { holiday } = closedBecause(config, now);
  return holiday ? `Nghỉ lễ ${holiday} — ${reopening}` : reopening;
}
