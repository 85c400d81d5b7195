import { buildAnnouncement } from './clips.ts';

/** Plays one announcement (a list of clip names) and settles when it has finished. */
export type PlayClips = (clips: string[]) => Promise<void>;

/** A call to announce, as the hub reports it. */
export interface AnnouncedCall {
  /** Identifies this call event; a key is announced at most once. A recall has its own key. */
  key: string;
  /** The ticket label as printed: "1023", "A012". */
  label: string;
  counterNumber: number;
  /** When the call was made, epoch ms on the same clock as `now`. */
  at: number;
  /** The call is a recall of a number called before. */
  recall?: boolean;
}

/** What {@link Announcer.announce} did with a call. */
export type AnnounceResult = 'queued' | 'duplicate' | 'stale';

export interface AnnouncerOptions {
  play: PlayClips;
  /** Epoch ms; should follow the hub's clock (calls carry the hub's time). */
  now: () => number;
  /** A call older than this is not announced (default 5000). */
  maxAgeMs?: number;
  /** Announcement template; default {@link DEFAULT_TEMPLATE}. */
  template?: string;
  digitByDigit?: boolean;
  /** Times the sentence is spoken, 1–3 (default 1). */
  repeat?: number;
  /** Told when a call's play() rejects; the queue goes on with the next call. */
  onError?: (error: unknown, call: AnnouncedCall) => void;
}

export interface Announcer {
  /**
   * Queues a call. Throws if its label or the template cannot be spoken; otherwise returns
   * whether it was queued, dropped as a key already announced, or dropped as too old.
   */
  announce(call: AnnouncedCall): AnnounceResult;
  /** Starts no new announcement until {@link resume}; the one playing finishes. */
  pause(): void;
  resume(): void;
  /** Drops every queued call; the one playing finishes. Their keys stay announced. */
  clear(): void;
  /** Calls queued and not yet started. */
  readonly pending: number;
  readonly paused: boolean;
  /** Resolves once nothing is playing and nothing can start (queue empty or paused). */
  idle(): Promise<void>;
}

function announcementOptions({ template, digitByDigit, repeat }: AnnouncerOptions) {
  return { template, digitByDigit, repeat };
}

interface Entry {
  call: AnnouncedCall;
  clips: string[];
  /** {@link busyTotal} when the call was queued. */
  busyAtQueue: number;
}

/**
 * A queue of announcements that never overlap: the next play() starts only after the previous
 * one settles, resolved or rejected.
 *
 * A call is dropped if it is older than `maxAgeMs` when it arrives or when its turn comes;
 * this is how a screen that reconnects and receives past calls again stays silent about them.
 * The time a call spends waiting while earlier announcements play does not count towards its
 * age: a burst of calls at a busy centre is announced in full, however long the queue takes,
 * while time spent paused does count. A key is announced at most once, so a call received
 * twice sounds once; a recall is a new call event with its own key and sounds again.
 */
export function createAnnouncer(options: AnnouncerOptions): Announcer {
  const { play, now, maxAgeMs = 5000, onError } = options;
  // Fail at start-up, not at the first call, on a bad template or repeat count.
  buildAnnouncement({ ...announcementOptions(options), label: '1', counterNumber: 1 });
  const queue: Entry[] = [];
  /** Keys announced (queued or dropped as stale) with their call time, for deduplication. */
  const seen = new Map<string, number>();
  let paused = false;
  let running = false;
  let playStartedAt: number | null = null;
  let busyMs = 0;
  let idleWaiters: (() => void)[] = [];

  const busyTotal = () => busyMs + (playStartedAt === null ? 0 : now() - playStartedAt);

  const isIdle = () => !running && (paused || queue.length === 0);

  const settleIdle = () => {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  /** Forget keys whose calls are too old to be announced anyway, so memory stays small. */
  const forgetOld = () => {
    const horizon = now() - maxAgeMs;
    for (const [key, at] of seen) if (at < horizon) seen.delete(key);
  };

  const pump = async () => {
    if (running) return;
    running = true;
    try {
      let entry: Entry | undefined;
      while (!paused && (entry = queue.shift())) {
        const age = now() - entry.call.at - (busyTotal() - entry.busyAtQueue);
        if (age > maxAgeMs) continue;
        playStartedAt = now();
        try {
          await play(entry.clips);
        } catch (error) {
          try {
            onError?.(error, entry.call);
          } catch {
            // A failing error reporter must not stall the announcements.
          }
        } finally {
          busyMs += now() - playStartedAt;
          playStartedAt = null;
        }
      }
    } finally {
      running = false;
      settleIdle();
    }
  };

  return {
    announce(call) {
      if (seen.has(call.key)) return 'duplicate';
      const clips = buildAnnouncement({
        ...announcementOptions(options),
        label: call.label,
        counterNumber: call.counterNumber,
      });
      forgetOld();
      seen.set(call.key, call.at);
      if (now() - call.at > maxAgeMs) return 'stale';
      queue.push({ call, clips, busyAtQueue: busyTotal() });
      void pump();
      return 'queued';
    },
    pause() {
      paused = true;
      settleIdle();
    },
    resume() {
      paused = false;
      void pump();
    },
    clear() {
      queue.length = 0;
      settleIdle();
    },
    get pending() {
      return queue.length;
    },
    get paused() {
      return paused;
    },
    idle() {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
