import { canDecide, type QueueCommand, type QueueState, type Ticket } from '@luot/domain';

/** How long after a finish the pad still asks (covers a pad that reconnects or reloads). */
export const FRESH_FINISH_MS = 2 * 60_000;
/** How long the scale stays up when nobody taps. */
export const ASK_TIMEOUT_MS = 60_000;
/** How long the thanks stays up before the pad returns to idle. */
export const THANKS_MS = 8_000;

/**
 * The ticket the pad should ask about: the one its counter finished last, when that is not
 * the one already handled, the hub would accept a rating of it (done, unrated), and it
 * finished recently in the hub's time.
 */
export function ticketToRate(
  state: QueueState,
  counterId: string,
  handledId: string | null | undefined,
  hubNow: number,
): Ticket | null {
  const id = state.counters[counterId]?.lastFinishedTicketId ?? null;
  if (!id || id === handledId) return null;
  const ticket = state.tickets[id];
  const score = state.config.ratingScale[0]?.score;
  if (!ticket || score === undefined) return null;
  // Any score on the scale: the question is whether this ticket may be rated at this counter.
  const rate: QueueCommand = { type: 'rate', ticketId: id, counterId, score };
  if (!canDecide(state, rate, { now: hubNow }).ok) return null;
  if (ticket.finishedAt === null || hubNow - ticket.finishedAt > FRESH_FINISH_MS) return null;
  return ticket;
}

/** Tones from best (0) to worst (4); a scale of 3 or 4 levels skips the middle ones. */
const TONES_BY_SIZE: Record<number, number[]> = {
  3: [0, 1, 4],
  4: [0, 1, 3, 4],
  5: [0, 1, 2, 3, 4],
};

/**
 * The scale as the pad shows it, in the configured order, each level with a tone from best
 * (0) to worst (4) by its score, so "Hài lòng" on the default scale still reads as positive.
 */
export function scaleLevels(
  scale: readonly { score: number; label: string }[],
): { score: number; label: string; tone: number }[] {
  const scores = [...scale.map((l) => l.score)].sort((a, b) => b - a);
  const tones = TONES_BY_SIZE[scores.length] ?? TONES_BY_SIZE[5]!;
  return scale.map((l) => ({ ...l, tone: tones[scores.indexOf(l.score)] ?? 4 }));
}
