import type { FieldTile } from './fields.ts';
import { messages } from './messages.ts';

/** The large field buttons. Closed fields stay tappable (to explain why); `disabled` stops all. */
export function FieldGrid({
  tiles,
  disabled,
  onPick,
}: {
  tiles: FieldTile[];
  disabled: boolean;
  onPick: (tile: FieldTile) => void;
}) {
  return (
    <ul className="field-grid" data-count={tiles.length}>
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
    </ul>
  );
}
