import type { QueueState } from '@luot/domain';
import type { SequencedEvent } from '@luot/protocol';
import type { AnnouncedCall } from '@luot/voice';

/**
 * The calls a board announces among events that just arrived live: each `ticket.called` and
 * `ticket.recalled` at one of the board's counters (all counters when `counterIds` is null).
 * Each event is its own call, keyed by its sequence number, so a recall sounds again and an
 * event received twice sounds once. Snapshots carry no events, so nothing old is replayed.
 */
export function callsToAnnounce(
  applied: readonly SequencedEvent[],
  state: QueueState,
  counterIds: ReadonlySet<string> | null,
): AnnouncedCall[] {
  const calls: AnnouncedCall[] = [];
  for (const { seq, event } of applied) {
    if (event.type !== 'ticket.called' && event.type !== 'ticket.recalled') continue;
    if (counterIds && !counterIds.has(event.counterId)) continue;
    const ticket = state.tickets[event.ticketId];
    const counter = state.config.counters.find((c) => c.id === event.counterId);
    if (!ticket || !counter) continue;
    calls.push({
      key: `seq-${seq}`,
      label: ticket.label,
      counterNumber: counter.number,
      at: event.at,
      recall: event.type === 'ticket.recalled',
    });
  }
  return calls;
}
