import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MirrorView } from '@luot/hub-client';
import { useHubMirror } from '@luot/hub-client/react';
import type { SequencedEvent } from '@luot/protocol';
import { ConnectionBanner, useNow } from '@luot/ui';
import { counterTiles } from '../common/counter-tiles.ts';
import { CounterTileView } from '../common/CounterTileView.tsx';
import { browserStorage } from '../common/storage.ts';
import { deviceToken, hubUrl } from '../device-token.ts';
import { BOARD_TEXT } from '../messages.ts';
import { callsToAnnounce } from '../voice/calls.ts';
import { SoundOverlay } from '../voice/SoundOverlay.tsx';
import { useAnnouncer } from '../voice/use-announcer.ts';
import { signCounter, readCounterParam } from './sign-counter.ts';
import './sign.css';

/**
 * The small screen above one counter: its number and current ticket, very large, and
 * "Tạm dừng" while paused. A sign whose device speaks announces its own counter's calls.
 */
export function CounterSign() {
  const [param] = useState(() => readCounterParam(window.location.search, browserStorage()));
  const [recallTimes, setRecallTimes] = useState<ReadonlyMap<string, number>>(new Map());
  const announceRef = useRef<(applied: SequencedEvent[], view: MirrorView) => void>(() => {});
  const onEvents = useCallback(
    (applied: SequencedEvent[], view: MirrorView) => announceRef.current(applied, view),
    [],
  );
  const { status, view } = useHubMirror(hubUrl(), deviceToken('sign'), { onEvents });
  const offset = view?.clockOffsetMs ?? 0;
  const now = useNow(1000, offset);
  const state = view?.state ?? null;
  const shown = state && view ? signCounter(state.config, view.you, param) : null;
  const counter = shown?.kind === 'counter' ? shown.counter : null;
  const counterIds = useMemo(() => new Set(counter ? [counter.id] : []), [counter]);
  const speaks = view !== null && 'speaks' in view.you && view.you.speaks && counter !== null;
  const voice = useAnnouncer({
    enabled: speaks,
    template: state?.config.texts.announcement ?? '',
    repeat: state?.config.texts.announcementRepeat ?? 1,
    hubNow: () => Date.now() + offset,
  });
  const { announce } = voice;
  useLayoutEffect(() => {
    announceRef.current = (applied, next) => {
      const calls = callsToAnnounce(applied, next.state, counterIds);
      if (calls.length === 0) return;
      announce(calls);
      const recalls = calls.filter((c) => c.recall);
      if (recalls.length > 0)
        setRecallTimes((old) => {
          const times = new Map(old);
          for (const { event } of applied)
            if (event.type === 'ticket.recalled') times.set(event.ticketId, event.at);
          return times;
        });
    };
  }, [announce, counterIds]);

  let body;
  if (!state || !shown) body = <p className="sign__message">{BOARD_TEXT.loading}</p>;
  else if (shown.kind === 'none')
    body = <p className="sign__message">{BOARD_TEXT.signNoCounter}</p>;
  else if (shown.kind === 'unknown')
    body = <p className="sign__message">{BOARD_TEXT.signUnknownCounter(shown.id)}</p>;
  else {
    const [tile] = counterTiles(state, [shown.counter], recallTimes);
    body = tile && <CounterTileView tile={tile} latest={false} now={now} />;
  }
  return (
    <main className="sign" data-status={status}>
      <ConnectionBanner status={status} />
      {body}
      {voice.blocked && <SoundOverlay onUnlock={voice.unlock} />}
    </main>
  );
}
