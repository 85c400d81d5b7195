import type { AnnouncedCall, PlayClips } from '@luot/voice';

/** One announcement a board started to play, as installers and tests can read it. */
export interface AnnouncementRecord {
  /** The call's ticket, counter and key, when the announcement could be matched to it. */
  key: string | null;
  label: string | null;
  counterNumber: number | null;
  recall: boolean;
  /** The clip names handed to the audio player, in order. */
  clips: string[];
  /** Local epoch ms (monotonic) when playing started and when it settled. */
  startedAt: number;
  endedAt: number | null;
  /** Why playing failed, if it did ("NotAllowedError: …", missing clips). */
  error: string | null;
}

/** How many announcements the log keeps. */
export const LOG_LIMIT = 50;

/** How the announcement log is exposed on `window` for installers and browser tests. */
export const LOG_GLOBAL = '__luotAnnouncements';

/**
 * Records what the audio player is asked to play: wraps a {@link PlayClips} so each
 * announcement is logged when it starts and when it ends, matched to the call queued with
 * the same clips. The newest `limit` records are kept in `records` (mutated in place, so a
 * reference put on `window` stays live).
 */
export function createAnnouncementLog(now: () => number, limit = LOG_LIMIT) {
  const records: AnnouncementRecord[] = [];
  let pending: { call: AnnouncedCall; clips: string[] }[] = [];
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

  return {
    records,
    /** Notes a call the announcer accepted, with the clips it will ask for. */
    queued(call: AnnouncedCall, clips: string[]): void {
      pending.push({ call, clips });
      if (pending.length > limit) pending = pending.slice(-limit);
    },
    /** Wraps a player so every announcement it plays is recorded. */
    wrap(play: PlayClips): PlayClips {
      return async (clips) => {
        const index = pending.findIndex((p) => same(p.clips, clips));
        // Calls queued before the match were dropped by the announcer as too old.
        const match = index >= 0 ? pending[index] : undefined;
        if (index >= 0) pending = pending.slice(index + 1);
        const record: AnnouncementRecord = {
          key: match?.call.key ?? null,
          label: match?.call.label ?? null,
          counterNumber: match?.call.counterNumber ?? null,
          recall: match?.call.recall ?? false,
          clips: [...clips],
          startedAt: now(),
          endedAt: null,
          error: null,
        };
        records.push(record);
        if (records.length > limit) records.splice(0, records.length - limit);
        try {
          await play(clips);
        } catch (error) {
          record.error = describe(error);
          throw error;
        } finally {
          record.endedAt = now();
        }
      };
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Runs plays one after another, even from different announcers (a template change makes a new one). */
export function serialize(play: PlayClips): PlayClips {
  let tail: Promise<unknown> = Promise.resolve();
  return (clips) => {
    const run = tail.then(() => play(clips));
    tail = run.catch(() => undefined);
    return run;
  };
}
