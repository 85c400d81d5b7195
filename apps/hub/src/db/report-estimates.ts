import { addEstimateError, NO_ESTIMATE_ERRORS, type EstimateErrorSums } from '@luot/domain';

/**
 * The accuracy of the promised waits, as reports read it (issue 17): each measured ticket (one
 * with a promise stamped at issue, `tickets.estimated_wait_minutes`, and called at least once)
 * adds its error to the sums of its field of issue and UTC quarter-hour of issue, through the one
 * rule `addEstimateError` (actual wait = first call − issue). A packed day keeps those sums
 * (`report_days.estimates`) as Float64 sextuples (field index into the day's `keys.fields`,
 * quarter-hour since the epoch, tickets, sum of |error| in minutes, within ±5 min, within ±20 %);
 * a day not packed is read from its ticket rows and summed by the same function, in the same
 * order, so both give the very same figures.
 */

/** One measured ticket as SQL gives it (both stores). */
export interface EstimateRow {
  fieldId: string;
  /** floor(issued_at / 15 min). */
  quarter: number;
  /** The promise, minutes. */
  estimate: number;
  /** first_called_at − issued_at, ms. */
  waitMs: number;
}

/** A day's sums for one field of issue and quarter-hour of issue. */
export interface EstimateCell {
  day: string;
  fieldId: string;
  quarter: number;
  sums: EstimateErrorSums;
}

/**
 * Measured tickets of a site's days `$2`..`$3`, in the order they are summed (both stores; day,
 * issue time, id). Integer division truncates in both; the casts give numbers, not PostgreSQL's
 * bigint text.
 */
export const ESTIMATE_ROWS_SQL = `SELECT day, original_field_id AS "fieldId",
    CAST(issued_at / 900000 AS INTEGER) AS quarter, estimated_wait_minutes AS estimate,
    CAST(first_called_at - issued_at AS DOUBLE PRECISION) AS "waitMs"
  FROM tickets WHERE site_id = $1 AND day BETWEEN $2 AND $3
    AND estimated_wait_minutes IS NOT NULL AND first_called_at IS NOT NULL
  ORDER BY day, issued_at, id`;

const WIDTH = 6;

/** Sums one day's measured tickets per field and quarter-hour (field indexes from `field`). */
export function packEstimates(
  rows: readonly EstimateRow[],
  field: (fieldId: string) => number,
): Float64Array {
  const cells = new Map<string, { f: number; quarter: number; sums: EstimateErrorSums }>();
  for (const r of rows) {
    const f = field(r.fieldId);
    const key = `${f}|${r.quarter}`;
    const cell = cells.get(key);
    const sums = addEstimateError(cell?.sums ?? NO_ESTIMATE_ERRORS, r.estimate, r.waitMs);
    if (cell) cell.sums = sums;
    else cells.set(key, { f, quarter: r.quarter, sums });
  }
  const out = new Float64Array(cells.size * WIDTH);
  let at = 0;
  for (const { f, quarter, sums } of cells.values()) {
    out.set(
      [f, quarter, sums.tickets, sums.absErrorMinutes, sums.within5Min, sums.within20Pct],
      at,
    );
    at += WIDTH;
  }
  return out;
}

/** The cells of a packed day's sums; none when the day was packed before they were kept. */
export function estimateCellsOf(
  day: string,
  fields: readonly string[],
  packed: Float64Array | null,
): EstimateCell[] {
  const cells: EstimateCell[] = [];
  if (!packed) return cells;
  for (let i = 0; i + WIDTH <= packed.length; i += WIDTH)
    cells.push({
      day,
      fieldId: fields[packed[i]!]!,
      quarter: packed[i + 1]!,
      sums: {
        tickets: packed[i + 2]!,
        absErrorMinutes: packed[i + 3]!,
        within5Min: packed[i + 4]!,
        within20Pct: packed[i + 5]!,
      },
    });
  return cells;
}

/** The cells of days not packed, from their rows (`ESTIMATE_ROWS_SQL`'s order), day by day. */
export function estimateCellsOfRows(
  rows: readonly (EstimateRow & { day: string })[],
): EstimateCell[] {
  const cells: EstimateCell[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && rows[i]!.day === rows[start]!.day) continue;
    const day = rows[start]!.day;
    const fields: string[] = [];
    const positions = new Map<string, number>();
    const field = (id: string) => {
      let f = positions.get(id);
      if (f === undefined) positions.set(id, (f = fields.push(id) - 1));
      return f;
    };
    cells.push(...estimateCellsOf(day, fields, packEstimates(rows.slice(start, i), field)));
    start = i;
  }
  return cells;
}

/** A Float64Array over a blob's bytes (copied unless 8-aligned); null for no blob. */
export function float64s(blob: Buffer | null | undefined): Float64Array | null {
  if (!blob) return null;
  if (blob.byteOffset % 8 === 0)
    return new Float64Array(blob.buffer, blob.byteOffset, blob.length / 8);
  return new Float64Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
}
