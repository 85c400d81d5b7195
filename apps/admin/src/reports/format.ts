import { formatDurationVi } from '@luot/ui';

const percentFormat = new Intl.NumberFormat('vi-VN', {
  style: 'percent',
  maximumFractionDigits: 1,
});

/** A duration in words ("12 phút 30 giây"); "—" for none. */
export function duration(ms: number | null): string {
  return ms === null ? '—' : formatDurationVi(ms);
}

/** A share as a percentage ("87,5 %"); "—" for none. */
export function percent(share: number | null): string {
  return share === null ? '—' : percentFormat.format(share);
}

/** "23/11" from "2026-11-23". */
export function dayLabel(day: string): string {
  const [, m, d] = day.split('-');
  return `${d}/${m}`;
}

/** The first day of the month of an ISO day. */
export function monthStart(day: string): string {
  return `${day.slice(0, 8)}01`;
}

/** An ISO day `n` days later (or earlier). */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** "23/11/2026" from "2026-11-23". */
export function fullDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
