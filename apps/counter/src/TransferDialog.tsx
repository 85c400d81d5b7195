import { useState, type FormEvent } from 'react';
import type { QueueState, Ticket } from '@luot/domain';
import { transferTargets, type Asker } from './counter-view.ts';
import { Modal } from './Modal.tsx';
import { MSG } from './messages.ts';

export type TransferTarget = { fieldId: string } | { counterId: string };

/**
 * Moves the current ticket to another field or another counter, with a reason. Arrow keys
 * move between targets, Tab reaches the reason, Enter transfers, Esc cancels. A closed counter
 * is listed as "đang đóng" and cannot be chosen: a ticket sent there would wait for nobody. An
 * error is about the last attempt, so any new choice or reason clears it.
 */
export function TransferDialog({
  state,
  counterId,
  asker,
  ticket,
  disabled,
  onTransfer,
  onClose,
}: {
  state: QueueState;
  counterId: string;
  asker: Asker;
  ticket: Ticket;
  disabled: boolean;
  onTransfer: (to: TransferTarget, reason: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const { fields, counters } = transferTargets(state, counterId, asker);
  const [target, setTarget] = useState<string>(fields[0] ? `field:${fields[0].id}` : '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const choose = (value: string) => {
    setTarget(value);
    setError(null);
  };
  const editReason = (value: string) => {
    setReason(value);
    setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!target) return setError(MSG.transfer.chooseTarget);
    if (!reason.trim()) return setError(MSG.transfer.needReason);
    const [kind, id] = target.split(':') as ['field' | 'counter', string];
    setSending(true);
    const refusal = await onTransfer(
      kind === 'field' ? { fieldId: id } : { counterId: id },
      reason.trim(),
    );
    setSending(false);
    if (refusal) setError(refusal);
    else onClose();
  };

  const option = (value: string, label: string, note?: string, disabled = false) => (
    <label key={value} className="choice" data-disabled={disabled || undefined}>
      <input
        type="radio"
        name="transfer-target"
        value={value}
        checked={target === value}
        disabled={disabled}
        onChange={() => choose(value)}
      />
      <span>{label}</span>
      {note ? <small>{note}</small> : null}
    </label>
  );

  return (
    <Modal title={MSG.transfer.title(ticket.label)} onClose={onClose} testId="transfer-dialog">
      <form onSubmit={submit}>
        <div className="transfer-targets">
          <fieldset>
            <legend>{MSG.transfer.toField}</legend>
            {fields.map((f) => option(`field:${f.id}`, f.name))}
          </fieldset>
          <fieldset>
            <legend>{MSG.transfer.toCounter}</legend>
            {counters.map((c) => {
              const status = state.counters[c.id]?.status ?? 'closed';
              const note =
                status === 'closed'
                  ? MSG.transfer.counterClosed
                  : status === 'paused'
                    ? MSG.transfer.counterPaused
                    : undefined;
              return option(`counter:${c.id}`, c.name, note, status === 'closed');
            })}
          </fieldset>
        </div>
        <label className="text-field">
          <span>{MSG.transfer.reason}</span>
          <input
            name="reason"
            value={reason}
            maxLength={300}
            placeholder={MSG.transfer.reasonHint}
            onChange={(e) => editReason(e.target.value)}
          />
        </label>
        <div className="chips">
          {MSG.transfer.reasons.map((r) => (
            <button type="button" key={r} className="chip" onClick={() => editReason(r)}>
              {r}
            </button>
          ))}
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {MSG.transfer.cancel}
          </button>
          <button type="submit" className="primary" disabled={disabled || sending}>
            {MSG.transfer.submit}
          </button>
        </div>
      </form>
    </Modal>
  );
}
