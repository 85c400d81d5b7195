import type { PlayClips } from './announcer.ts';

/**
 * The part of HTMLAudioElement the player uses; `new Audio()` satisfies it. Declared here so
 * this package needs no DOM types and tests can pass a fake.
 */
export interface AudioLike {
  src: string;
  preload: string;
  play(): Promise<void>;
  pause(): void;
  addEventListener(type: 'ended' | 'error', listener: () => void): void;
  removeEventListener(type: 'ended' | 'error', listener: () => void): void;
}

/** Timer functions, injectable for tests; the defaults are the global ones. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AudioElementPlayerOptions {
  /** URL of the clip folder, e.g. "/assets/voice/vi". */
  baseUrl: string;
  /** File extension of the clips, default "opus" (Ogg Opus). */
  ext?: string;
  createAudio?: () => AudioLike;
  /** A clip that has neither ended nor failed after this long is abandoned (default 10 000). */
  clipTimeoutMs?: number;
  timers?: Timers;
}

/** Some clips of an announcement could not be played; the others were. */
export class ClipPlaybackError extends Error {
  override readonly name = 'ClipPlaybackError';
  constructor(
    /** Names of the clips that failed, in order. */
    readonly failedClips: string[],
    readonly causes: unknown[],
  ) {
    super(`Could not play voice clip(s): ${failedClips.join(', ')}`);
  }
}

function defaultCreateAudio(): AudioLike {
  const AudioElement = (globalThis as { Audio?: new () => AudioLike }).Audio;
  if (!AudioElement) throw new Error('No Audio element here; pass createAudio.');
  return new AudioElement();
}

const globalTimers = globalThis as unknown as Timers;
const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalTimers.setTimeout(callback, ms),
  clearTimeout: (handle) => globalTimers.clearTimeout(handle),
};

/** The browser refuses to play sound before the user has interacted with the page. */
function isAutoplayBlocked(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'NotAllowedError';
}

/**
 * A {@link PlayClips} for the browser: plays `<baseUrl>/<clip>.<ext>` one after another through
 * audio elements, all created (and preloaded) at the start so clips follow without gaps.
 * It resolves when the last clip ends.
 *
 * A clip that fails (missing file, decode error, or no end within `clipTimeoutMs`) is skipped
 * so the citizen still hears the rest of the call, and the promise then rejects with a
 * {@link ClipPlaybackError} naming the failed clips. If the browser blocks autoplay
 * (NotAllowedError) it rejects at once, since every other clip would fail the same way.
 */
export function createAudioElementPlayer(options: AudioElementPlayerOptions): PlayClips {
  const {
    ext = 'opus',
    createAudio = defaultCreateAudio,
    clipTimeoutMs = 10_000,
    timers = defaultTimers,
  } = options;
  const base = options.baseUrl.replace(/\/+$/, '');

  const playOne = (audio: AudioLike) =>
    new Promise<void>((resolve, reject) => {
      let settled = false;
      const done = (error?: unknown) => {
        if (settled) return;
        settled = true;
        timers.clearTimeout(timer);
        audio.removeEventListener('ended', onEnded);
        audio.removeEventListener('error', onError);
        if (error === undefined) resolve();
        else {
          audio.pause();
          reject(error);
        }
      };
      const onEnded = () => done();
      const onError = () => done(new Error(`Cannot load or decode ${audio.src}`));
      const timer = timers.setTimeout(
        () => done(new Error(`${audio.src} did not end within ${clipTimeoutMs} ms`)),
        clipTimeoutMs,
      );
      audio.addEventListener('ended', onEnded);
      audio.addEventListener('error', onError);
      audio.play().catch((error: unknown) => done(error ?? new Error('play() rejected')));
    });

  return async (clips) => {
    const audios = clips.map((clip) => {
      const audio = createAudio();
      audio.preload = 'auto';
      audio.src = `${base}/${clip}.${ext}`;
      return audio;
    });
    const failed: string[] = [];
    const causes: unknown[] = [];
    for (const [i, audio] of audios.entries()) {
      try {
        await playOne(audio);
      } catch (error) {
        if (isAutoplayBlocked(error)) throw error;
        failed.push(clips[i] as string);
        causes.push(error);
      }
    }
    if (failed.length > 0) throw new ClipPlaybackError(failed, causes);
  };
}
