import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  buildAnnouncement,
  createAnnouncer,
  createAudioElementPlayer,
  DEFAULT_TEMPLATE,
  PAUSE_CLIP,
  type AnnouncedCall,
  type Announcer,
} from '@luot/voice';
import { createAnnouncementLog, LOG_GLOBAL, serialize } from './announcement-log.ts';

/** Where the build puts the clips of assets/voice/vi (see vite.config.ts). */
export const VOICE_BASE_URL = `${import.meta.env.BASE_URL}voice/vi`;

const localNow = () => performance.timeOrigin + performance.now();

function isAutoplayBlocked(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'NotAllowedError';
}

/** Plays the silent clip: resolves if the browser lets this page play sound now. */
async function trySound(): Promise<boolean> {
  const audio = new Audio(`${VOICE_BASE_URL}/${PAUSE_CLIP}.opus`);
  try {
    await audio.play();
    return true;
  } catch (error) {
    return !isAutoplayBlocked(error);
  } finally {
    audio.pause();
  }
}

function makeAnnouncer(
  options: { template: string; repeat: number },
  deps: Pick<Parameters<typeof createAnnouncer>[0], 'play' | 'now' | 'onError'>,
): { announcer: Announcer; template: string; repeat: number } {
  try {
    return { announcer: createAnnouncer({ ...deps, ...options }), ...options };
  } catch (error) {
    // A template the voice cannot say must not silence the board: fall back to the default.
    console.warn('announcement template refused, using the default', error);
    const fallback = { template: DEFAULT_TEMPLATE, repeat: 1 };
    return { announcer: createAnnouncer({ ...deps, ...fallback }), ...fallback };
  }
}

/**
 * The voice of a speaking board: announces calls one after another through audio elements,
 * following the hub's clock (`hubNow`) so calls older than a few seconds stay silent. Every
 * announcement is recorded in `window.__luotAnnouncements` (the last 50), a diagnostic for
 * installers. When the browser blocks sound until someone touches the screen, `blocked` is
 * true and the board should ask for a tap; the next click or key press unlocks it.
 */
export function useAnnouncer(options: {
  enabled: boolean;
  template: string;
  repeat: number;
  hubNow: () => number;
}) {
  const { enabled, template, repeat } = options;
  const [blocked, setBlocked] = useState(false);
  /** Whether the first try of sound has answered (until then, nobody knows if it will play). */
  const [checked, setChecked] = useState(false);
  const hubNow = useRef(options.hubNow);
  useEffect(() => {
    hubNow.current = options.hubNow;
  });
  const [log] = useState(() => createAnnouncementLog(localNow));
  /** Whether an announcement is playing or waiting its turn (the board's content holds meanwhile). */
  const [playing, setPlaying] = useState(false);
  const [play] = useState(() => {
    const inner = serialize(log.wrap(createAudioElementPlayer({ baseUrl: VOICE_BASE_URL })));
    let active = 0;
    return async (clips: string[]) => {
      active++;
      setPlaying(true);
      try {
        await inner(clips);
      } finally {
        if (--active === 0) setPlaying(false);
      }
    };
  });
  useEffect(() => {
    (window as unknown as Record<string, unknown>)[LOG_GLOBAL] = log.records;
  }, [log]);

  const current = useMemo(() => {
    if (!enabled) return null;
    const made = makeAnnouncer(
      { template, repeat },
      {
        play,
        now: () => hubNow.current(),
        onError: (error) => {
          if (isAutoplayBlocked(error)) {
            made.announcer.pause();
            setBlocked(true);
          } else console.warn('announcement played with errors', error);
        },
      },
    );
    return made;
  }, [enabled, template, repeat, play]);

  useEffect(() => {
    if (!current) return;
    let cancelled = false;
    void trySound().then((ok) => {
      if (cancelled) return;
      setChecked(true);
      if (!ok) {
        current.announcer.pause();
        setBlocked(true);
      }
    });
    return () => {
      cancelled = true;
      current.announcer.clear();
    };
  }, [current]);

  const unlock = useCallback(() => {
    void trySound().then((ok) => {
      if (!ok) return;
      setBlocked(false);
      current?.announcer.resume();
    });
  }, [current]);

  useEffect(() => {
    if (!blocked) return;
    window.addEventListener('click', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('click', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [blocked, unlock]);

  const announce = useCallback(
    (calls: readonly AnnouncedCall[]) => {
      if (!current) return;
      for (const call of calls) {
        try {
          const clips = buildAnnouncement({
            label: call.label,
            counterNumber: call.counterNumber,
            template: current.template,
            repeat: current.repeat,
          });
          if (current.announcer.announce(call) === 'queued') log.queued(call, clips);
        } catch (error) {
          console.warn(`cannot announce ticket ${call.label}`, error);
        }
      }
    },
    [current, log],
  );

  return {
    speaking: current !== null,
    playing: current !== null && playing,
    blocked: current !== null && blocked,
    checked: current !== null && checked,
    announce,
    unlock,
  };
}
