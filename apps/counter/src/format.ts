/** Whole minutes elapsed from `from` to `to`, never negative. */
export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 60_000));
}

/** A number with a Vietnamese decimal comma, e.g. 2,7. */
export function decimalVi(value: number, digits = 1): string {
  return value.toFixed(digits).replace('.', ',');
}
