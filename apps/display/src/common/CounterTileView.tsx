import type { CSSProperties } from 'react';
import { BOARD_TEXT } from '../messages.ts';
import { isFresh, type CounterTile } from './counter-tiles.ts';
import './tile.css';

/**
 * One counter: its number, and its current ticket or its state (paused, closed, idle), with
 * the fields it serves. Sizes follow the tile, so it serves both the board and the sign.
 */
export function CounterTileView({
  tile,
  latest,
  now,
}: {
  tile: CounterTile;
  latest: boolean;
  now: number;
}) {
  const fresh = tile.ticket !== null && isFresh(tile.ticket.callAt, now);
  const classes = ['tile', `tile--${tile.status}`];
  if (latest) classes.push('tile--latest');
  if (fresh) classes.push('tile--fresh');
  return (
    <article
      className={classes.join(' ')}
      data-counter={tile.id}
      data-status={tile.status}
      data-fresh={fresh}
      aria-label={`${BOARD_TEXT.counter} ${tile.number}`}
    >
      <div className="tile__counter">
        <span className="tile__counter-word">{BOARD_TEXT.counter}</span>
        <span
          className="tile__counter-number"
          style={{ '--digits': String(tile.number).length } as CSSProperties}
        >
          {tile.number}
        </span>
      </div>
      <div className="tile__body">
        {tile.status === 'closed' ? (
          <span className="tile__state">{BOARD_TEXT.closed}</span>
        ) : tile.ticket ? (
          <>
            <span className="tile__ticket-row">
              <span
                className="tile__ticket"
                data-testid={`ticket-${tile.id}`}
                data-booked={tile.ticket.booked}
                style={{ '--chars': tile.ticket.label.length } as CSSProperties}
              >
                {tile.ticket.label}
              </span>
              {tile.ticket.booked && (
                <span className="tile__booked" data-testid={`booked-${tile.id}`}>
                  {BOARD_TEXT.booked}
                </span>
              )}
            </span>
            {/* Paused with a citizen at the counter: the number stays, the pause is said. */}
            <span
              className="tile__ticket-status"
              data-status={tile.status === 'paused' ? 'paused' : tile.ticket.status}
            >
              {tile.status === 'paused'
                ? BOARD_TEXT.paused
                : tile.ticket.status === 'called'
                  ? BOARD_TEXT.called
                  : BOARD_TEXT.serving}
            </span>
          </>
        ) : tile.status === 'paused' ? (
          <span className="tile__state">{BOARD_TEXT.paused}</span>
        ) : (
          <span className="tile__idle">{BOARD_TEXT.idle}</span>
        )}
      </div>
      <div className="tile__fields">{tile.fieldNames.join(' · ')}</div>
    </article>
  );
}
