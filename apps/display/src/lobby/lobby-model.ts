import {
  currentTicket,
  waitingCounts,
  type CounterConfig,
  type FieldConfig,
  type QueueState,
} from '@luot/domain';
import { lastCallAt, type CallTimes } from '../common/counter-tiles.ts';

/** How many calls the "latest calls" column lists. */
export const RECENT_CALLS = 4;

/** One line of the "latest calls" column. */
export interface RecentCall {
  ticketId: string;
  label: string;
  counterNumber: number;
  callAt: number;
  /** From a booked slot: marked "Đặt lịch". */
  booked: boolean;
}

/** The tickets now at the shown counters, latest call first, at most `limit`. */
export function recentCalls(
  state: QueueState,
  counters: readonly CounterConfig[],
  callTimes: CallTimes,
  limit = RECENT_CALLS,
): RecentCall[] {
  const calls: RecentCall[] = [];
  for (const c of counters) {
    const ticket = currentTicket(state, c.id);
    if (ticket)
      calls.push({
        ticketId: ticket.id,
        label: ticket.label,
        counterNumber: c.number,
        callAt: lastCallAt(ticket, callTimes),
        booked: ticket.origin === 'booking',
      });
  }
  return calls
    .sort((a, b) => b.callAt - a.callAt || a.counterNumber - b.counterNumber)
    .slice(0, limit);
}

/** Waiting citizens in each shown field. */
export function fieldWaiting(
  state: QueueState,
  fields: readonly FieldConfig[],
): { id: string; name: string; count: number }[] {
  const counts = waitingCounts(state);
  return fields.map((f) => ({ id: f.id, name: f.name, count: counts[f.id] ?? 0 }));
}

/**
 * Columns and rows for `count` tiles in a `width`×`height` area, making tiles as large as
 * possible while keeping them about `aspect` times wider than tall.
 */
export function gridShape(
  count: number,
  width: number,
  height: number,
  aspect = 2,
): { columns: number; rows: number } {
  let best = { columns: 1, rows: Math.max(1, count), size: -1 };
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.max(1, Math.ceil(count / columns));
    const size = Math.min(width / columns / aspect, height / rows);
    if (size > best.size) best = { columns, rows, size };
  }
  return { columns: best.columns, rows: best.rows };
}
