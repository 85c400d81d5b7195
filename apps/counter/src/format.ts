/** A running duration as a stopwatch shows it: "04:07", or "1:04:07" past an hour. */
export function stopwatch(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** Whole minutes elapsed from `from` to `to`, never negative. */
export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 60_000));
}

/** A number with a Vietnamese decimal comma, e.g. 2,7. */
export function decimalVi(value: number, digits = 1): string {
  return value.toFixed(digits).replace('.', ',');
}
