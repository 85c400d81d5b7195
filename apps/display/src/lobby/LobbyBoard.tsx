import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useHubMirror } from '@luot/hub-client/react';
import { fieldAvailability, isWorkingDay, serviceOver } from '@luot/domain';
import {
  closedLineVi,
  ConnectionBanner,
  siteClosedLineVi,
  formatDateVi,
  formatTimeVi,
  useNow,
} from '@luot/ui';
import { browserStorage } from '../common/storage.ts';
import { useElementSize } from '../common/use-element-size.ts';
import { deviceToken, hubUrl } from '../device-token.ts';
import { BOARD_TEXT } from '../messages.ts';
import { SoundBadge } from '../voice/SoundBadge.tsx';
import { useCallVoice, useEventRelay } from '../voice/use-call-voice.ts';
import { boardCounters, boardFields, readBoardFilter } from './board-filter.ts';
import { counterTiles, isFresh, type CounterTile } from '../common/counter-tiles.ts';
import { fieldWaiting, gridShape, recentCalls, type RecentCall } from './lobby-model.ts';
import { EndOfDayPanel } from './EndOfDayPanel.tsx';
import { NoticeLine } from './NoticeLine.tsx';
import { DigestLine } from './DigestLine.tsx';
import { usePublishedDigest } from './use-published-digest.ts';
import { ScreenStatus, useScreenPhase } from '../common/ScreenStatus.tsx';
import { CounterTileView } from '../common/CounterTileView.tsx';
import { contentLayout, rememberBoard } from './board-memory.ts';
import { ContentZone } from './ContentZone.tsx';
import { OfflineContentBoard } from './OfflineContentBoard.tsx';
import { useMediaCache } from './use-media-cache.ts';
import './lobby.css';

/**
 * The lobby board for a 1920×1080 TV: every counter of the board (see `?counters=` and
 * `?fields=`), its current ticket, the latest calls, waiting counts, the date and clock, the
 * centre's notice; a board whose device speaks announces each call. With `config.board` it
 * gives part of the screen to the centre's pictures and videos, which give way to every call,
 * and keeps playing them from the worker's cache when the hub is down.
 */
export function LobbyBoard() {
  const [filter] = useState(() => readBoardFilter(window.location.search, browserStorage()));
  const relay = useEventRelay();
  const token = deviceToken('lobby');
  const { socket, status, view } = useHubMirror(hubUrl(), token, {
    onEvents: relay.onEvents,
  });
  const offset = view?.clockOffsetMs ?? 0;
  const now = useNow(1000, offset);
  const state = view?.state ?? null;
  const digest = usePublishedDigest(socket, status === 'online', state?.day ?? null);
  const you = view?.you;
  const speaks = you !== undefined && 'speaks' in you && you.speaks;

  const counters = useMemo(
    () => (state ? boardCounters(state.config, filter) : []),
    [state, filter],
  );
  const counterIds = useMemo(() => new Set(counters.map((c) => c.id)), [counters]);
  const { voice, recallTimes } = useCallVoice(relay, {
    enabled: speaks,
    config: state?.config ?? null,
    clockOffsetMs: offset,
    counterIds,
  });

  const board = state?.config.board ?? null;
  useEffect(() => {
    if (board) rememberBoard(browserStorage(), board);
  }, [board]);
  useMediaCache(board?.playlist ?? null, status === 'online');

  const phase = useScreenPhase(status, state?.config.site.name ?? null);
  if (phase === 'offline') return <OfflineContentBoard hasToken={token !== null} />;
  if (phase !== 'live') return <ScreenStatus phase={phase} hasToken={token !== null} />;
  if (!state) return null;

  const tz = state.config.site.timeZone;
  const tiles = counterTiles(state, counters, recallTimes);
  const calls = recentCalls(state, counters, recallTimes);
  const waiting = fieldWaiting(state, boardFields(state.config, filter, counters));
  // Judged by the hub's clock (`now` carries its offset), as the phone pages are.
  const over = serviceOver(state, now);
  const layout = over ? 'off' : contentLayout(state.config.board);
  // Calls first: the newest call holds the content while it is new or being announced.
  const newest = calls[0];
  const holding = newest && (isFresh(newest.callAt, now) || voice.playing) ? newest : null;
  return (
    <main
      className={['lobby', over ? 'lobby--over' : '', `lobby--content-${layout}`].join(' ')}
      data-layout={layout}
      data-status={status}
      data-over={over}
      data-speaks={speaks}
      data-sound={voice.blocked ? 'blocked' : !speaks ? 'off' : voice.checked ? 'on' : 'checking'}
    >
      <ConnectionBanner status={status} />
      <header className="lobby__header">
        <h1 className="lobby__centre">{state.config.site.name}</h1>
        <div className="lobby__time">
          <span className="lobby__date" data-testid="date">
            {formatDateVi(now, tz)}
          </span>
          <span className="lobby__clock" data-testid="clock">
            {formatTimeVi(now, tz)}
          </span>
        </div>
      </header>
      {over ? (
        <EndOfDayPanel
          dayOff={!isWorkingDay(state.config, state.day)}
          message={state.config.texts.endOfDay}
          reopening={siteClosedLineVi(state.config, now)}
        />
      ) : (
        <CounterGrid tiles={tiles} latest={calls[0]?.ticketId ?? null} now={now} />
      )}
      <aside className="lobby__side">
        <LatestCalls calls={calls} now={now} />
        <section className="waiting" aria-labelledby="waiting-title">
          <h2 id="waiting-title" className="side-title">
            {BOARD_TEXT.waiting}
          </h2>
          <ul className="waiting__list" style={{ '--rows': waiting.length } as CSSProperties}>
            {waiting.map((f) => (
              <li key={f.id} className="waiting__row" data-field={f.id}>
                <span className="waiting__name">
                  {f.name}
                  {fieldAvailability(state, f.id, now) === 'OUTSIDE_HOURS' && (
                    <span className="waiting__reopening" data-testid={`reopening-${f.id}`}>
                      {closedLineVi(state.config, f.id, now)}
                    </span>
                  )}
                </span>
                <span className="waiting__count" data-testid={`waiting-${f.id}`}>
                  {f.count}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </aside>
      {layout !== 'off' && <ContentZone playlist={state.config.board.playlist} call={holding} />}
      <div className="lobby__foot">
        <NoticeLine text={state.config.site.notice} />
        <DigestLine digest={digest} />
      </div>
      {voice.blocked && <SoundBadge onUnlock={voice.unlock} />}
    </main>
  );
}

function CounterGrid({
  tiles,
  latest,
  now,
}: {
  tiles: CounterTile[];
  latest: string | null;
  now: number;
}) {
  const ref = useRef<HTMLElement>(null);
  const { width, height } = useElementSize(ref);
  const { columns, rows } = gridShape(tiles.length, width || 1280, height || 860);
  return (
    <section
      ref={ref}
      className="lobby__grid"
      style={{
        gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))`,
      }}
    >
      {tiles.length === 0 && <p className="lobby__none">{BOARD_TEXT.noCounters}</p>}
      {tiles.map((tile) => (
        <CounterTileView
          key={tile.id}
          tile={tile}
          latest={tile.ticket !== null && tile.ticket.id === latest}
          now={now}
        />
      ))}
    </section>
  );
}

function LatestCalls({ calls, now }: { calls: RecentCall[]; now: number }) {
  return (
    <section className="calls" aria-labelledby="calls-title">
      <h2 id="calls-title" className="side-title">
        {BOARD_TEXT.latestCalls}
      </h2>
      {calls.length === 0 ? (
        <p className="calls__none">{BOARD_TEXT.noCallsYet}</p>
      ) : (
        <ol className="calls__list" data-testid="latest-calls">
          {calls.map((c, i) => (
            <li
              key={c.ticketId}
              className={[
                'calls__row',
                i === 0 ? 'calls__row--latest' : '',
                isFresh(c.callAt, now) ? 'calls__row--fresh' : '',
              ].join(' ')}
            >
              <span className="calls__label">
                {c.label}
                {c.booked && <span className="calls__booked">{BOARD_TEXT.booked}</span>}
              </span>
              <span className="calls__arrow" aria-hidden="true">
                →
              </span>
              <span className="calls__counter">
                {BOARD_TEXT.toCounter} {c.counterNumber}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
