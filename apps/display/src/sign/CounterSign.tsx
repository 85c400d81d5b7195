import { useMemo, useState } from 'react';
import { useHubMirror } from '@luot/hub-client/react';
import { ConnectionBanner, useNow } from '@luot/ui';
import { counterTiles } from '../common/counter-tiles.ts';
import { CounterTileView } from '../common/CounterTileView.tsx';
import { browserStorage } from '../common/storage.ts';
import { deviceToken, hubUrl } from '../device-token.ts';
import { BOARD_TEXT } from '../messages.ts';
import { SoundBadge } from '../voice/SoundBadge.tsx';
import { useCallVoice, useEventRelay } from '../voice/use-call-voice.ts';
import { signCounter, readCounterParam } from './sign-counter.ts';
import { ScreenStatus, useScreenPhase } from '../common/ScreenStatus.tsx';
import './sign.css';

/**
 * The small screen above one counter: its number and current ticket, very large, and
 * "Tạm dừng" while paused. A sign whose device speaks announces its own counter's calls.
 */
export function CounterSign() {
  const [param] = useState(() => readCounterParam(window.location.search, browserStorage()));
  const relay = useEventRelay();
  const token = deviceToken('sign');
  const { status, view } = useHubMirror(hubUrl(), token, {
    onEvents: relay.onEvents,
  });
  const offset = view?.clockOffsetMs ?? 0;
  const now = useNow(1000, offset);
  const state = view?.state ?? null;
  const shown = state && view ? signCounter(state.config, view.you, param) : null;
  const counter = shown?.kind === 'counter' ? shown.counter : null;
  const counterIds = useMemo(() => new Set(counter ? [counter.id] : []), [counter]);
  const speaks = view !== null && 'speaks' in view.you && view.you.speaks && counter !== null;
  const { voice, recallTimes } = useCallVoice(relay, {
    enabled: speaks,
    config: state?.config ?? null,
    clockOffsetMs: offset,
    counterIds,
  });

  const phase = useScreenPhase(status, state?.config.site.name ?? null);
  if (phase !== 'live') return <ScreenStatus phase={phase} hasToken={token !== null} />;
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
      {voice.blocked && <SoundBadge onUnlock={voice.unlock} />}
    </main>
  );
}
