import {
  decideEvents,
  evolveOwned,
  initialState,
  serviceDay,
  type Decision,
  type QueueCommand,
  type QueueEvent,
  type QueueState,
} from '@luot/domain';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { AppendContext, Store } from './db/index.ts';
import { createWaitingIndex } from './waiting-index.ts';

export interface CommittedBatch {
  events: { seq: number; event: QueueEvent }[];
  /** The state after the batch (the service's live state: read it now, do not keep it). */
  after: QueueState;
}

export type QueueService = ReturnType<typeof createQueueService>;

/**
 * Owns the queue's state in memory and its log on disk. A command is decided by the pure
 * domain, stored in one transaction, and only then applied and announced to listeners; a
 * command that fails to store changes nothing. On creation the state is rebuilt from the log.
 *
 * The service is the state's only owner, so it applies events with `evolveOwned`: the day's
 * tickets map is updated in place rather than copied for every event (a copy costs about a
 * millisecond per event with a few thousand tickets). A state handed out is the live one.
 */
export function createQueueService(deps: {
  store: Store;
  clock: Clock;
  newId: () => string;
  log: Logger;
}) {
  const { store, clock, newId, log } = deps;
  const listeners: ((batch: CommittedBatch) => void)[] = [];
  let state = restore();
  let seq = store.lastSeq();
  const waiting = createWaitingIndex(state);

  function restore(): QueueState {
    const config = store.readConfig();
    if (!config) throw new Error('the database has no site configuration; run `luot init` first');
    const latest = store.latestDay();
    const today = serviceDay(clock.now(), config.site.timeZone);
    if (!latest) return initialState(config, today, clock.now());
    const events = store.eventsOfDay(latest).map((r) => r.event);
    const restored = evolveOwned(initialState(config, latest), events);
    // The config table holds the newest config; the day's log may predate its last change.
    return { ...restored, config };
  }

  function commit(command: QueueCommand, ctx: AppendContext): Decision & { seqs: number[] } {
    const decision = decideEvents(state, command, { now: clock.now(), newId });
    if (!decision.ok) return { ...decision, seqs: [] };
    // Stored first: if this throws, the state has not changed.
    const seqs = store.appendEvents(state, decision.events, ctx);
    state = evolveOwned(state, decision.events);
    waiting.apply(state, decision.events);
    if (seqs.length > 0) seq = seqs[seqs.length - 1]!;
    const batch: CommittedBatch = {
      events: decision.events.map((event, i) => ({ seq: seqs[i]!, event })),
      after: state,
    };
    for (const listener of listeners) {
      try {
        listener(batch);
      } catch (err) {
        log.error({ err }, 'queue listener failed');
      }
    }
    return { ok: true, state, events: decision.events, seqs };
  }

  /** Closes the service day when the site's calendar has moved on: numbering restarts, leftovers expire. */
  function rollIfNeeded(): boolean {
    const today = serviceDay(clock.now(), state.config.site.timeZone);
    if (today <= state.day) return false;
    const result = commit({ type: 'closeDay' }, { actor: 'system' });
    if (result.ok) log.info({ day: state.day }, 'service day opened');
    return result.ok;
  }

  rollIfNeeded();

  return {
    get state(): QueueState {
      return state;
    },
    /** Today's waiting tickets by field, for places in the queue. */
    waiting,
    /** The sequence number of the newest stored event. */
    get seq(): number {
      return seq;
    },
    /** Decides, stores and applies a command. Throws only if storage fails (nothing is applied then). */
    execute(command: QueueCommand, ctx: AppendContext): Decision & { seqs: number[] } {
      if (command.type !== 'closeDay') rollIfNeeded();
      return commit(command, ctx);
    },
    rollIfNeeded,
    onCommit(listener: (batch: CommittedBatch) => void): void {
      listeners.push(listener);
    },
  };
}
