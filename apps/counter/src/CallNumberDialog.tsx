import { useState, type FormEvent } from 'react';
import type { Ticket } from '@luot/domain';
import { Modal } from './Modal.tsx';
import { MSG } from './messages.ts';
import { OriginMark } from './OriginMark.tsx';

/**
 * Calls a chosen number from the waiting list or the no-shows. Typing narrows the list and
 * selects the first match, so "type the number, press Enter" is enough.
 */
export function CallNumberDialog({
  waiting,
  noShows,
  fieldName,
  timeZone,
  disabled,
  onCall,
  onClose,
}: {
  waiting: Ticket[];
  noShows: Ticket[];
  fieldName: (fieldId: string) => string;
  timeZone: string;
  disabled: boolean;
  onCall: (ticket: Ticket) => Promise<string | null>;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const matches = (t: Ticket) => t.label.toLowerCase().includes(query.trim().toLowerCase());
  const shownWaiting = waiting.filter(matches);
  const shownNoShows = noShows.filter(matches);
  const first = shownWaiting[0] ?? shownNoShows[0];
  const [chosen, setChosen] = useState<string | null>(null);
  const all = [...shownWaiting, ...shownNoShows];
  const selected = all.find((t) => t.id === chosen) ?? first ?? null;
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!selected) return;
    setSending(true);
    const refusal = await onCall(selected);
    setSending(false);
    if (refusal) setError(refusal);
    else onClose();
  };

  const group = (title: string, tickets: Ticket[]) =>
    tickets.length === 0 ? null : (
      <fieldset>
        <legend>{title}</legend>
        {tickets.map((t) => (
          <label key={t.id} className="choice">
            <input
              type="radio"
              name="call-ticket"
              value={t.id}
              checked={selected?.id === t.id}
              onChange={() => setChosen(t.id)}
            />
            <span className="choice-label">{t.label}</span>
            <small>{fieldName(t.fieldId)}</small>
            <OriginMark ticket={t} timeZone={timeZone} />
          </label>
        ))}
      </fieldset>
    );

  return (
    <Modal title={MSG.callNumber.title} onClose={onClose} testId="call-number-dialog">
      <form onSubmit={submit}>
        <label className="text-field">
          <span>{MSG.callNumber.search}</span>
          <input
            name="number"
            autoFocus
            inputMode="numeric"
            autoComplete="off"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setChosen(null);
            }}
          />
        </label>
        <div className="call-choices">
          {group(MSG.callNumber.waiting, shownWaiting)}
          {group(MSG.callNumber.noShows, shownNoShows)}
          {all.length === 0 ? <p className="empty">{MSG.callNumber.empty}</p> : null}
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {MSG.callNumber.cancel}
          </button>
          <button type="submit" className="primary" disabled={disabled || sending || !selected}>
            {selected ? `${MSG.callNumber.submit}: ${selected.label}` : MSG.callNumber.submit}
          </button>
        </div>
      </form>
    </Modal>
  );
}
