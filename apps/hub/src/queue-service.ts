import {
  decideEvents,
  evolveOwned,
  initialState,
  serviceDay,
  ticketIdsOf,
  type Decision,
  type QueueCommand,
  type QueueEvent,
  type QueueState,
  type Ticket,
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

/** A command decided and applied in memory, waiting for its group's transaction. */
interface Pending {
  events: QueueEvent[];
  ctx: AppendContext;
  /** The state before the command, holding only the tickets its events change (for the store). */
  before: QueueState;
  /** Those tickets' values before the command (undefined: it did not exist), for a rollback. */
  undo: Map<string, Ticket | undefined>;
}

/**
 * Owns the queue's state in memory and its log on disk. A command is decided by the pure
 * domain and stored in a transaction; only a stored command is acknowledged and announced to
 * listeners, and a command that fails to store changes nothing. On creation the state is
 * rebuilt from the log.
 *
 * Two ways in. `execute` stores the command in its own transaction before it returns.
 * `submit` (what sockets use) decides and applies the command at once, so the next command
 * sees it, and stores every command submitted in the same event-loop turn in ONE transaction
 * (group commit: one sync to disk for all of them); `afterDurable` callbacks — the sockets'
 * acknowledgements — run after that commit, and if it fails every command of the group is
 * rolled back and the callbacks hear so. Readers of `state` and `seq` first store what is
 * pending, so they never see what might still be lost; `live` is the state with it.
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
  let pending: Pending[] = [];
  /** The state object before the first pending command. */
  let groupStart: QueueState = state;
  let durableWaiters: ((stored: boolean) => void)[] = [];
  let flushScheduled = false;

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

  function announce(events: { seq: number; event: QueueEvent }[]): void {
    const batch: CommittedBatch = { events, after: state };
    for (const listener of listeners) {
      try {
        listener(batch);
      } catch (err) {
        log.error({ err }, 'queue listener failed');
      }
    }
  }

  /** Stores the pending group in one transaction, then announces it and runs the waiters. */
  function flush(): void {
    if (pending.length === 0) return;
    const group = pending;
    const waiters = durableWaiters;
    pending = [];
    durableWaiters = [];
    let seqs: number[][];
    try {
      seqs = store.appendGroup(group);
    } catch (err) {
      // Nothing of the group is stored: take every command of it back, newest first.
      const tickets = groupStart.tickets;
      for (const command of [...group].reverse())
        for (const [id, ticket] of command.undo) {
          if (ticket) tickets[id] = ticket;
          else delete tickets[id];
        }
      state = groupStart;
      waiting.reset(state);
      log.error({ err, commands: group.length }, 'storing a group of commands failed; rolled back');
      for (const waiter of waiters) waiter(false);
      return;
    }
    const stored = group.flatMap((command, i) =>
      command.events.map((event, k) => ({ seq: seqs[i]![k]!, event })),
    );
    if (stored.length > 0) seq = stored[stored.length - 1]!.seq;
    groupStart = state;
    announce(stored);
    for (const waiter of waiters) waiter(true);
  }

  function commit(command: QueueCommand, ctx: AppendContext): Decision & { seqs: number[] } {
    flush();
    const decision = decideEvents(state, command, { now: clock.now(), newId });
    if (!decision.ok) return { ...decision, seqs: [] };
    // Stored first: if this throws, the state has not changed.
    const seqs = store.appendEvents(state, decision.events, ctx);
    state = evolveOwned(state, decision.events);
    groupStart = state;
    waiting.apply(state, decision.events);
    if (seqs.length > 0) seq = seqs[seqs.length - 1]!;
    announce(decision.events.map((event, i) => ({ seq: seqs[i]!, event })));
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
    /** The stored state (pending commands are stored first). The live object: do not keep it. */
    get state(): QueueState {
      flush();
      return state;
    },
    /** The state including commands decided but not yet stored: for answers sent after they are. */
    get live(): QueueState {
      return state;
    },
    /** Today's waiting tickets by field, for places in the queue (live). */
    waiting,
    /** The sequence number of the newest stored event. */
    get seq(): number {
      flush();
      return seq;
    },
    /** Decides, stores and applies a command. Throws only if storage fails (nothing is applied then). */
    execute(command: QueueCommand, ctx: AppendContext): Decision & { seqs: number[] } {
      if (command.type !== 'closeDay') rollIfNeeded();
      return commit(command, ctx);
    },
    /**
     * Decides and applies a command now and stores it with the others of this event-loop turn;
     * answer the sender from `afterDurable`. A refused command changes nothing.
     */
    submit(command: QueueCommand, ctx: AppendContext): Decision {
      if (command.type !== 'closeDay') rollIfNeeded();
      const decision = decideEvents(state, command, { now: clock.now(), newId });
      if (!decision.ok || decision.events.length === 0)
        return decision.ok ? { ok: true, state, events: [] } : decision;
      const undo = new Map<string, Ticket | undefined>();
      const touched: Record<string, Ticket> = {};
      for (const event of decision.events)
        for (const id of ticketIdsOf(event)) {
          if (undo.has(id)) continue;
          const ticket = state.tickets[id];
          undo.set(id, ticket);
          if (ticket) touched[id] = ticket;
        }
      pending.push({
        events: decision.events,
        ctx,
        before: { ...state, tickets: touched },
        undo,
      });
      state = evolveOwned(state, decision.events);
      waiting.apply(state, decision.events);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(() => {
          flushScheduled = false;
          flush();
        });
      }
      return { ok: true, state, events: decision.events };
    },
    /**
     * Runs `callback` once everything submitted so far is stored (`true`), or has been rolled
     * back because storing failed (`false`); at once when nothing is pending.
     */
    afterDurable(callback: (stored: boolean) => void): void {
      if (pending.length === 0) callback(true);
      else durableWaiters.push(callback);
    },
    /** Stores what is pending now instead of at the end of the turn. */
    flush,
    rollIfNeeded,
    onCommit(listener: (batch: CommittedBatch) => void): void {
      listeners.push(listener);
    },
  };
}
