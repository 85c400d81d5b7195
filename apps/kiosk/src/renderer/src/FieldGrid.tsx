import { useState } from 'react';
import type { FieldTile } from './fields.ts';
import { messages } from './messages.ts';

/**
 * The large field buttons. Closed fields stay tappable (to explain why); `disabled` stops all.
 * With `perPage` (large text), more fields than fit come a page at a time: `perPage - 1` fields
 * and a last tile that shows the next page (after the last page, the first again).
 */
export function FieldGrid({
  tiles: all,
  disabled,
  onPick,
  perPage = null,
}: {
  tiles: FieldTile[];
  disabled: boolean;
  onPick: (tile: FieldTile) => void;
  perPage?: number | null;
}) {
  const [page, setPage] = useState(0);
  const paged = perPage !== null && all.length > perPage;
  const size = paged ? perPage - 1 : all.length;
  const pages = paged ? Math.ceil(all.length / size) : 1;
  const at = page % pages;
  const tiles = paged ? all.slice(at * size, at * size + size) : all;
  return (
    <ul className="field-grid" data-count={paged ? perPage : all.length} data-page={at + 1}>
      {tiles.map((tile) => {
        const closed = tile.availability !== 'open';
        return (
          <li key={tile.field.id}>
            <button
              type="button"
              className="field-button"
              data-field={tile.field.id}
              data-state={disabled ? 'stopped' : closed ? 'closed' : 'open'}
              disabled={disabled}
              onClick={() => onPick(tile)}
            >
              <span className="field-name">{tile.field.name}</span>
              {closed ? (
                <>
                  <span className="field-closed" data-testid="closed-reason">
                    {messages.closedReason[tile.availability as 'OUTSIDE_HOURS' | 'SOLD_OUT']}
                  </span>
                  {tile.reopening && (
                    <span className="field-reopening" data-testid="reopening">
                      {tile.reopening}
                    </span>
                  )}
                </>
              ) : (
                <span className="field-meta">
                  <span>{messages.waiting(tile.waiting)}</span>
                  {tile.waitMinutes === null ? (
                    <span>{messages.waitUnknown}</span>
                  ) : (
                    tile.waiting > 0 && (
                      <span>{messages.waitAbout(messages.minutes(tile.waitMinutes))}</span>
                    )
                  )}
                </span>
              )}
            </button>
          </li>
        );
      })}
      {paged && (
        <li>
          <button
            type="button"
            className="field-button more-fields"
            data-testid="more-fields"
            onClick={() => setPage(at + 1)}
          >
            <span className="field-name">{messages.access.moreFields} →</span>
            <span className="field-meta">{messages.access.page(at + 1, pages)}</span>
          </button>
        </li>
      )}
    </ul>
  );
}
