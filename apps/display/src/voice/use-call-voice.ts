import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { MirrorView } from '@luot/hub-client';
import type { SiteConfig } from '@luot/domain';
import type { SequencedEvent } from '@luot/protocol';
import { callsToAnnounce } from './calls.ts';
import { useAnnouncer } from './use-announcer.ts';

type EventHandler = (applied: SequencedEvent[], view: MirrorView) => void;

/**
 * A stable `onEvents` for `useHubMirror`, created before the mirror's view exists; the handler
 * it calls is set later by `useCallVoice`, once the screen knows which counters it shows.
 */
export function useEventRelay() {
  const handler = useRef<EventHandler>(() => {});
  const onEvents = useCallback<EventHandler>((applied, view) => handler.current(applied, view), []);
  return { onEvents, handler };
}

/**
 * Announces the calls at `counterIds` as the relay passes them on, and keeps when each
 * recalled ticket was recalled (so its tile blinks again). Shared by the lobby board and the
 * counter sign.
 */
export function useCallVoice(
  relay: ReturnType<typeof useEventRelay>,
  options: {
    enabled: boolean;
    config: SiteConfig | null;
    clockOffsetMs: number;
    counterIds: ReadonlySet<string>;
  },
) {
  const [recallTimes, setRecallTimes] = useState<ReadonlyMap<string, number>>(new Map());
  const { config, clockOffsetMs, counterIds } = options;
  const voice = useAnnouncer({
    enabled: options.enabled,
    template: config?.texts.announcement ?? '',
    repeat: config?.texts.announcementRepeat ?? 1,
    hubNow: () => Date.now() + clockOffsetMs,
  });
  const { announce } = voice;
  useLayoutEffect(() => {
    relay.handler.current = (applied, next) => {
      const calls = callsToAnnounce(applied, next.state, counterIds);
      if (calls.length === 0) return;
      announce(calls);
      const recalls = applied.flatMap(({ event }) =>
        event.type === 'ticket.recalled' ? [[event.ticketId, event.at] as const] : [],
      );
      if (recalls.length > 0) setRecallTimes((old) => new Map([...old, ...recalls]));
    };
  }, [announce, counterIds, relay.handler]);
  return { voice, recallTimes };
}
