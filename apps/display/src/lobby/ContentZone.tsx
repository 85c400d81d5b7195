import { useEffect, useReducer, useRef } from 'react';
import type { PlaylistItem } from '@luot/domain';
import { mediaPath } from '@luot/protocol';
import { BOARD_TEXT } from '../messages.ts';
import { currentItem, startPlayer, stepPlayer } from './playlist-player.ts';
import './content-zone.css';

/** How often the player counts the time an item has been shown. */
const TICK_MS = 250;

/** The newest call, shown large in the zone while it holds the content. */
export interface ZoneCall {
  label: string;
  counterNumber: number;
}

/**
 * The lobby's content zone: plays the centre's playlist (playlist-player.ts decides what is on).
 * While `call` is set a call is being announced: the content pauses, dims and shrinks, and the
 * call is shown over it; then the content goes on from where it was. Videos are always muted
 * (sound is for the calls). A file that fails to load or play is skipped.
 */
export function ContentZone({
  playlist,
  call,
}: {
  playlist: readonly PlaylistItem[];
  call: ZoneCall | null;
}) {
  const [state, dispatch] = useReducer(stepPlayer, playlist, startPlayer);
  const held = call !== null;

  // By content: a new snapshot with the same playlist changes nothing.
  const playlistKey = JSON.stringify(playlist);
  useEffect(
    () => dispatch({ type: 'playlist', items: JSON.parse(playlistKey) as PlaylistItem[] }),
    [playlistKey],
  );
  useEffect(() => dispatch({ type: held ? 'hold' : 'release' }), [held]);
  useEffect(() => {
    let last = performance.now();
    const timer = setInterval(() => {
      const at = performance.now();
      dispatch({ type: 'elapsed', ms: at - last, turn: state.turn });
      last = at;
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [state.turn]);

  const item = currentItem(state);
  return (
    <section
      className="content"
      aria-label={BOARD_TEXT.contentZone}
      data-testid="content"
      data-held={held}
      data-item={item?.mediaId ?? ''}
      data-turn={state.turn}
    >
      <div className="content__stage">
        {item?.kind === 'image' && (
          <img
            key={state.turn}
            className="content__media"
            src={mediaPath(item.mediaId)}
            alt={item.name}
            onError={() => dispatch({ type: 'failed' })}
          />
        )}
        {item?.kind === 'video' && (
          <ContentVideo
            key={state.turn}
            src={mediaPath(item.mediaId)}
            held={held}
            onEnded={() => dispatch({ type: 'ended' })}
            onFailed={() => dispatch({ type: 'failed' })}
          />
        )}
      </div>
      {call && (
        <div className="content__call" data-testid="content-call">
          <span className="content__call-word">{BOARD_TEXT.called}</span>
          <span className="content__call-label">{call.label}</span>
          <span className="content__call-counter">
            {BOARD_TEXT.toCounter} {call.counterNumber}
          </span>
        </div>
      )}
    </section>
  );
}

function ContentVideo({
  src,
  held,
  onEnded,
  onFailed,
}: {
  src: string;
  held: boolean;
  onEnded: () => void;
  onFailed: () => void;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  const failed = useRef(onFailed);
  useEffect(() => {
    failed.current = onFailed;
  });
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (held) {
      video.pause();
      return;
    }
    video.play().catch((error: unknown) => {
      // A pause (a call) interrupting play() is not a failure; anything else is.
      if ((error as { name?: unknown } | null)?.name !== 'AbortError') failed.current();
    });
  }, [held]);
  return (
    <video
      ref={ref}
      className="content__media"
      src={src}
      muted
      playsInline
      preload="auto"
      onEnded={onEnded}
      onError={onFailed}
    />
  );
}
