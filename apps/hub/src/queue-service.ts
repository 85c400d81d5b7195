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
import { createProjection } from './projection.ts';
import type { AppendContext, RowChange, Store, StoredCommand } from './store.ts';
import { createWaitingIndex } from './waiting-index.ts';

export interface CommittedBatch {
  events: { seq: number; event: QueueEvent }[];
  /** The service's live state after the batch: read it now, do not keep it. */
  after: QueueState;
}

export type QueueService = Awaited<ReturnType<typeof createQueueService>>;

/** A command decided and applied in memory, waiting for its group's transaction. */
interface Pending {
  stored: StoredCommand;
  /** The tickets it changed, as they were before it (undefined: it did not exist), for a rollback. */
  undo: Map<string, Ticket | undefined>;
}

/** Work that decides commands, waiting for its turn (see `exclusive`). */
interface Job {
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** Commands stored together in one transaction, with those waiting to hear that they are. */
interface Group {
  commands: Pending[];
  waiters: ((stored: boolean) => void)[];
  /** The state before the group's first command. */
  before: QueueState;
}

/**
 * Owns the queue's state in memory and its log in the store. A command is decided by the pure
 * domain, applied in memory at once (so the next command sees it), turned into the report rows
 * it changes (`projection.ts`), and stored with every other command of the same event-loop turn
 * in ONE transaction (group commit: one sync to disk for all). Only stored commands are
 * announced to listeners; `afterDurable` callbacks (the sockets' acknowledgements) run once
 * what came before them is stored. If storing fails, the group and every command decided after
 * it are rolled back, newest first, and their callbacks hear so.
 *
 * One group is stored at a time; commands decided meanwhile form the next. `live` is the
 * state with what is not stored yet; `durable()` waits until nothing is pending and returns a
 * copy of the state then, with its sequence number, for answers (snapshots, phone views) that
 * must hold only what is stored.
 *
 * The service is the state's only owner, so it applies events with `evolveOwned`: the day's
 * tickets map is updated in place rather than copied for every event.
 */
export async function createQueueService(deps: {
  store: Store;
  clock: Clock;
  newId: () => string;
  log: Logger;
}) {
  const { store, clock, newId, log } = deps;
  const listeners: ((batch: CommittedBatch) => void)[] = [];
  const projection = createProjection();
  let state = await restore();
  let seq = await store.lastSeq();
  const waiting = createWaitingIndex(state);
  let next: Group = { commands: [], waiters: [], before: state };
  let inFlight: { group: Group; done: Promise<void> } | null = null;
  let flushScheduled = false;
  /** A store several nodes share orders this site's commands in turns (see `exclusive`). */
  const turn = store.turn?.bind(store);
  /** Turns and catch-ups one after another on this node. */
  let lane: Promise<unknown> = Promise.resolve();
  /** Work waiting for the next turn. */
  let jobs: Job[] = [];
  let pumping = false;
  let inTurn = false;

  async function restore(): Promise<QueueState> {
    const config = await store.readConfig();
    if (!config) throw new Error('the database has no site configuration; run `luot init` first');
    const latest = await store.latestDay();
    const today = serviceDay(clock.now(), config.site.timeZone);
    if (!latest) return initialState(config, today, clock.now());
    const events = (await store.eventsOfDay(latest)).map((r) => r.event);
    for (const event of events) projection.observe(event);
    const restored = evolveOwned(initialState(config, latest), events);
    // The config table holds the newest config; the day's log may predate its last change.
    return { ...restored, config };
  }

  function announce(events: { seq: number; event: QueueEvent }[]): void {
    if (events.length === 0) return;
    const batch: CommittedBatch = { events, after: state };
    for (const listener of listeners) {
      try {
        listener(batch);
      } catch (err) {
        log.error({ err }, 'queue listener failed');
      }
    }
  }

  /**
   * Takes back every command of `groups` (oldest first in the list), newest first. (The
   * projection keeps what it observed: at worst a visit called again from the absent list
   * after a failed write counts its wait from the lost no-show.)
   */
  function rollBack(groups: Group[]): void {
    const first = groups[0]!;
    const tickets = first.before.tickets;
    for (const group of [...groups].reverse())
      for (const command of [...group.commands].reverse())
        for (const [id, ticket] of command.undo) {
          if (ticket) tickets[id] = ticket;
          else delete tickets[id];
        }
    state = first.before;
    waiting.reset(state);
  }

  /** Stores the pending group (after the one in flight, if any). Never rejects. */
  function flush(): Promise<void> {
    // In turns, what is decided is stored by its turn: waiting for the lane is waiting for it.
    if (turn) return onLane(() => Promise.resolve());
    if (inFlight) return inFlight.done.then(flush);
    if (next.commands.length === 0) return Promise.resolve();
    const group = next;
    next = { commands: [], waiters: [], before: state };
    const done = store.append(group.commands.map((c) => c.stored)).then(
      (seqs) => {
        inFlight = null;
        const stored = group.commands.flatMap((command, i) =>
          command.stored.events.map((event, k) => ({ seq: seqs[i]![k]!, event })),
        );
        if (stored.length > 0) seq = stored[stored.length - 1]!.seq;
        announce(stored);
        for (const waiter of group.waiters) waiter(true);
      },
      (err: unknown) => {
        inFlight = null;
        // Commands decided after the group were decided on top of it: they go too.
        const later = next;
        next = { commands: [], waiters: [], before: group.before };
        rollBack([group, later]);
        log.error(
          { err, commands: group.commands.length + later.commands.length },
          'storing a group of commands failed; rolled back',
        );
        for (const waiter of [...group.waiters, ...later.waiters]) waiter(false);
      },
    );
    inFlight = { group, done };
    return done;
  }

  function scheduleFlush(): void {
    if (flushScheduled || turn) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      void flush();
    });
  }

  /**
   * Decides a command and applies it now; it is stored with the others of this event-loop
   * turn. A refused command changes nothing.
   */
  function submit(command: QueueCommand, ctx: AppendContext): Decision {
    // On a shared store a decision needs the other nodes' events: only inside a turn.
    if (turn && !inTurn) throw new Error('a command on a shared store is decided only in its turn');
    if (command.type !== 'closeDay') rollIfNeeded();
    const decision = decideEvents(state, command, { now: clock.now(), newId });
    if (!decision.ok || decision.events.length === 0)
      return decision.ok ? { ok: true, state, events: [] } : decision;
    if (next.commands.length === 0) next.before = state;
    const undo = new Map<string, Ticket | undefined>();
    const rows: RowChange[] = [];
    for (const event of decision.events) {
      const id = ticketIdsOf(event)[0];
      const prior = id === undefined ? undefined : state.tickets[id];
      if (id !== undefined && !undo.has(id)) undo.set(id, prior);
      state = evolveOwned(state, [event]);
      const after = id === undefined ? undefined : state.tickets[id];
      rows.push(...projection.rows(event, prior, after, ctx));
    }
    waiting.apply(state, decision.events);
    next.commands.push({ stored: { events: decision.events, ctx, rows }, undo });
    scheduleFlush();
    return { ok: true, state, events: decision.events };
  }

  /**
   * Runs `callback` once everything decided so far is stored (`true`), or has been rolled
   * back because storing failed (`false`); at once when nothing is pending.
   */
  function afterDurable(callback: (stored: boolean) => void): void {
    if (next.commands.length > 0) next.waiters.push(callback);
    else if (inFlight) inFlight.group.waiters.push(callback);
    else callback(true);
  }

  /**
   * Applies events another node stored (after `seq`, contiguous), and tells listeners. Only on
   * the lane: never while a turn of this node is deciding.
   */
  function applyRemote(missed: readonly { seq: number; event: QueueEvent }[]): void {
    const fresh = missed.filter((e) => e.seq > seq);
    if (fresh.length === 0) return;
    const events = fresh.map((e) => e.event);
    for (const event of events) projection.observe(event);
    state = evolveOwned(state, events);
    waiting.reset(state);
    seq = fresh[fresh.length - 1]!.seq;
    announce(fresh);
  }

  function onLane<T>(task: () => Promise<T>): Promise<T> {
    const run = lane.then(task);
    lane = run.catch(() => undefined);
    return run;
  }

  /** A catch-up waiting on the lane, which later callers share. */
  let queuedCatchUp: Promise<void> | null = null;

  /** Reads what other nodes stored since this node's newest event, and applies it. */
  function catchUp(): Promise<void> {
    if (!turn) return Promise.resolve();
    queuedCatchUp ??= onLane(async () => {
      queuedCatchUp = null;
      applyRemote(await store.eventsAfter(seq));
    });
    return queuedCatchUp;
  }

  /**
   * Runs waiting work in one turn of the shared store: caught up with the other nodes first,
   * every job decided in order (their commands applied in memory as usual), all stored in the
   * turn's one transaction. Each job settles once the turn is stored, or rejects with the
   * store's error (its commands rolled back) when it is not.
   */
  async function runTurn(batch: Job[]): Promise<void> {
    const results: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    let group: Group | null = null;
    try {
      const seqs = await turn!(seq, async (missed) => {
        applyRemote(missed);
        results.length = 0;
        next = { commands: [], waiters: [], before: state };
        inTurn = true;
        try {
          for (const job of batch) {
            try {
              results.push({ ok: true, value: await job.work() });
            } catch (err) {
              results.push({ ok: false, err });
            }
          }
        } finally {
          inTurn = false;
        }
        group = next;
        next = { commands: [], waiters: [], before: state };
        return group.commands.map((c) => c.stored);
      });
      const done = group!;
      const stored = done.commands.flatMap((command, i) =>
        command.stored.events.map((event, k) => ({ seq: seqs[i]![k]!, event })),
      );
      if (stored.length > 0) seq = stored[stored.length - 1]!.seq;
      announce(stored);
      for (const waiter of done.waiters) waiter(true);
      batch.forEach((job, i) => {
        const result = results[i]!;
        if (result.ok) job.resolve(result.value);
        else job.reject(result.err);
      });
    } catch (err) {
      const failed: Group | null = group;
      if (failed) {
        rollBack([failed]);
        next = { commands: [], waiters: [], before: state };
        for (const waiter of (failed as Group).waiters) waiter(false);
      }
      log.error({ err, jobs: batch.length }, 'a turn of the shared store failed; rolled back');
      for (const job of batch) job.reject(err);
    }
  }

  /** One turn for the work waiting now; work arriving meanwhile waits behind other lane tasks. */
  async function pump(): Promise<void> {
    const batch = jobs;
    jobs = [];
    await runTurn(batch);
    if (jobs.length > 0) void onLane(pump);
    else pumping = false;
  }

  /**
   * Runs work that decides commands (a handler) where its decisions hold: at once on a store
   * only this node writes; in this site's next turn on a store several nodes share (see
   * `Store.turn`), so every node decides on every stored event. Resolves with the work's answer
   * once what it decided is stored; rejects with the store's error when it could not be.
   */
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!turn) return work();
    return new Promise<T>((resolve, reject) => {
      jobs.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (pumping) return;
      pumping = true;
      void onLane(pump);
    });
  }

  /** Closes the service day when the site's calendar has moved on: numbering restarts, leftovers expire. */
  function rollIfNeeded(): boolean {
    if (turn && !inTurn) {
      // The hub's clock check: the closing is decided in a turn, on the newest events.
      const today = serviceDay(clock.now(), state.config.site.timeZone);
      if (today > state.day) void exclusive(async () => rollIfNeeded()).catch(() => undefined);
      return false;
    }
    const today = serviceDay(clock.now(), state.config.site.timeZone);
    if (today <= state.day) return false;
    const result = submit({ type: 'closeDay' }, { actor: 'system' });
    if (result.ok) log.info({ day: state.day }, 'service day opened');
    return result.ok;
  }

  if (turn) await exclusive(async () => rollIfNeeded());
  else rollIfNeeded();
  await flush();

  return {
    /** The state including commands decided but not yet stored. The live object: do not keep it. */
    get live(): QueueState {
      return state;
    },
    /** Today's waiting tickets by field, for places in the queue (live). */
    waiting,
    /** The sequence number of the newest stored event. */
    get seq(): number {
      return seq;
    },
    /**
     * Resolves when nothing decided is waiting to be stored, with the state and sequence number
     * of that moment. The state is a copy (its tickets map; tickets and everything else are
     * never changed in place), so commands decided while an answer travels do not leak into it.
     */
    async durable(): Promise<{ state: QueueState; seq: number }> {
      // On a shared store: what the other nodes stored is part of what is stored.
      await catchUp();
      while (next.commands.length > 0 || inFlight) await flush();
      return { state: { ...state, tickets: { ...state.tickets } }, seq };
    },
    submit,
    /** Decides, applies and stores a command; resolves once it is stored. Rejects if storing fails. */
    async execute(command: QueueCommand, ctx: AppendContext): Promise<Decision> {
      const decision = await exclusive(async () => submit(command, ctx));
      const stored = await new Promise<boolean>((resolve) => afterDurable(resolve));
      if (!stored) throw new Error('storing the command failed');
      return decision;
    },
    afterDurable,
    exclusive,
    catchUp,
    /** Stores what is pending now instead of at the end of the turn. */
    flush,
    rollIfNeeded,
    onCommit(listener: (batch: CommittedBatch) => void): void {
      listeners.push(listener);
    },
  };
}
