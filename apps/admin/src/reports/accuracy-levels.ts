/**
 * The colour level of a mean absolute error in the accuracy tables: 0 (≤ 2 min), 1 (≤ 5 min,
 * the ±5-minute band), 2 (≤ 10 min), 3 (more). `MA.levels` names them in this order.
 */
export function maeLevel(mae: number): 0 | 1 | 2 | 3 {
  return mae <= 2 ? 0 : mae <= 5 ? 1 : mae <= 10 ? 2 : 3;
}
