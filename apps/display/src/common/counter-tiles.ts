import {
  currentTicket,
  type CounterConfig,
  type CounterStatus,
  type QueueState,
  type Ticket,
} from '@luot/domain';

/** How long a new call blinks on the board. */
export const BLINK_MS = 8000;

/** When each ticket was last called or recalled, as seen live by this screen (hub time). */
export type CallTimes = ReadonlyMap<string, number>;

/** The ticket a counter is calling or serving now. */
export interface TileTicket {
  id: string;
  label: string;
  status: 'called' | 'serving';
  /** Hub time of the latest call or recall of this ticket. */
  callAt: number;
  /** A booked slot checked in at the kiosk: the board marks it "Đặt lịch". */
  booked: boolean;
}

/** One counter as the board shows it. */
export interface CounterTile {
  id: string;
  number: number;
  fieldNames: string[];
  status: CounterStatus;
  ticket: TileTicket | null;
}

/** The latest time a ticket was called: its call, or a recall this screen saw later. */
export function lastCallAt(ticket: Ticket, callTimes: CallTimes): number {
  return Math.max(ticket.calledAt ?? 0, callTimes.get(ticket.id) ?? 0);
}

/** Every shown counter with its state, its current ticket and the fields it serves. */
export function counterTiles(
  state: QueueState,
  counters: readonly CounterConfig[],
  callTimes: CallTimes,
): CounterTile[] {
  const fieldName = new Map(state.config.fields.map((f) => [f.id, f.name]));
  return counters.map((c) => {
    const ticket = currentTicket(state, c.id);
    return {
      id: c.id,
      number: c.number,
      fieldNames: c.fieldIds.map((f) => fieldName.get(f) ?? f),
      status: state.counters[c.id]?.status ?? 'closed',
      ticket: ticket
        ? {
            id: ticket.id,
            label: ticket.label,
            status: ticket.status,
            callAt: lastCallAt(ticket, callTimes),
            booked: ticket.origin === 'booking',
          }
        : null,
    };
  });
}

/**
 * Whether a call made at `callAt` still blinks at `now` (both hub time). A call that seems
 * to come from the future was just made: the screen's `now` is refreshed once a second and
 * its clock offset is only as good as the last snapshot.
 */
export function isFresh(callAt: number, now: number): boolean {
  return now - callAt < BLINK_MS;
}
