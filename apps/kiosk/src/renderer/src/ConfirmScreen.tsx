import type { ReactNode } from 'react';
import type { PriorityClass } from './types.ts';
import type { FieldTile } from './fields.ts';
import { messages } from './messages.ts';

/** Second tap: take a normal number, or a priority one; or go back. */
export function ConfirmScreen({
  tile,
  priorityClasses,
  onTake,
  onBack,
  note = null,
}: {
  tile: FieldTile;
  priorityClasses: PriorityClass[];
  /** Under the field's name: what the card read gives (see IdCardNote). */
  note?: ReactNode;
  onTake: (priorityClassId: string | null) => void;
  onBack: () => void;
}) {
  const wait = tile.waitMinutes === null ? null : messages.minutes(tile.waitMinutes);
  return (
    <section className="screen confirm" data-screen="confirm">
      <p className="confirm-heading">{messages.confirmTitle}</p>
      <h1 className="confirm-field">{tile.field.name}</h1>
      <p className="confirm-ahead">{messages.confirmAhead(tile.waiting, wait)}</p>
      {note}
      <button
        type="button"
        className="take-button"
        data-testid="take-number"
        onClick={() => onTake(null)}
      >
        {messages.takeNumber}
      </button>
      {priorityClasses.length > 0 && (
        <div className="priority">
          <p>{messages.priorityHeading}</p>
          <div className="priority-buttons">
            {priorityClasses.map((p) => (
              <button
                type="button"
                key={p.id}
                className="priority-button"
                data-priority={p.id}
                onClick={() => onTake(p.id)}
              >
                {p.name}
              </button>
            ))}
          </div>
        </div>
      )}
      <button type="button" className="back-button" onClick={onBack}>
        {messages.back}
      </button>
    </section>
  );
}
