import { useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  checkDossier,
  DOSSIER_OUTCOME_LABELS_VI,
  DOSSIER_OUTCOMES,
  extractDossierCodes,
  type Dossier,
  type DossierConfig,
  type DossierOutcome,
  type Ticket,
} from '@luot/domain';
import { refusalOf } from '@luot/protocol';
import { Modal } from './Modal.tsx';
import { MSG } from './messages.ts';

/**
 * The finish step: the visit's dossier codes and outcome. The code field takes a USB barcode/QR
 * reader, which types the code fast and presses Enter: each Enter adds the code(s) found in what
 * was typed (a QR holding a look-up URL gives the code inside it), a text of the wrong format is
 * refused here, and Enter on an empty field finishes. The site's rule (`checkDossier`) is asked
 * before sending, so nothing the hub would refuse is sent.
 */
export function FinishDialog({
  config,
  ticket,
  disabled,
  onFinish,
  onClose,
}: {
  config: DossierConfig;
  ticket: Ticket;
  disabled: boolean;
  onFinish: (dossier: Dossier | null) => Promise<string | null>;
  onClose: () => void;
}) {
  const [codes, setCodes] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<DossierOutcome | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  /** Adds the codes found in the typed text; false when none is of the site's format. */
  const addCodes = (typed: string): boolean => {
    const found = extractDossierCodes(config, typed);
    if (found.length === 0) {
      setError(MSG.finish.badCode(typed.trim()));
      return false;
    }
    const next = [...new Set([...codes, ...found])];
    if (next.length > config.maxCodes) {
      setError(MSG.finish.tooMany(config.maxCodes));
      return false;
    }
    setCodes(next);
    setError(null);
    return true;
  };

  const finish = async () => {
    if (text.trim() !== '' && !addCodes(text)) return;
    const pending =
      text.trim() === '' ? codes : [...new Set([...codes, ...extractDossierCodes(config, text)])];
    setText('');
    if (outcome === null && pending.length > 0) return setError(MSG.finish.chooseOutcome);
    const dossier: Dossier | null =
      outcome === null ? null : { codes: pending, outcome, reason: reason.trim() || null };
    const check = checkDossier(config, dossier);
    if (!check.ok) return setError(refusalOf(check.error).error.message);
    setSending(true);
    const refusal = await onFinish(check.dossier);
    setSending(false);
    if (refusal) setError(refusal);
    else onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void finish();
  };

  const onCodeKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (text.trim() === '') return void finish();
    if (addCodes(text)) setText('');
  };

  return (
    <Modal title={MSG.finish.title(ticket.label)} onClose={onClose} testId="finish-dialog">
      <form onSubmit={submit}>
        <p className="form-note-quiet">{MSG.finish.required[config.required]}</p>
        <label className="text-field">
          <span>{MSG.finish.codes}</span>
          <input
            name="dossier-code"
            value={text}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            placeholder={MSG.finish.codesHint}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            onKeyDown={onCodeKey}
          />
        </label>
        <ul className="dossier-codes" data-testid="dossier-codes" aria-label={MSG.finish.codes}>
          {codes.length === 0 ? <li className="muted">{MSG.finish.codesEmpty}</li> : null}
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
              <button
                type="button"
                className="chip"
                aria-label={MSG.finish.remove(code)}
                onClick={() => setCodes(codes.filter((c) => c !== code))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        <fieldset>
          <legend>{MSG.finish.outcome}</legend>
          <div className="outcomes">
            {DOSSIER_OUTCOMES.map((o) => (
              <button
                key={o}
                type="button"
                className="outcome"
                data-outcome={o}
                aria-pressed={outcome === o}
                onClick={() => {
                  setOutcome(outcome === o ? null : o);
                  setError(null);
                }}
              >
                {DOSSIER_OUTCOME_LABELS_VI[o]}
              </button>
            ))}
          </div>
        </fieldset>
        {outcome === 'refused' ? (
          <label className="text-field">
            <span>{MSG.finish.reason}</span>
            <input
              name="refusal-reason"
              value={reason}
              maxLength={300}
              placeholder={MSG.finish.reasonHint}
              onChange={(e) => {
                setReason(e.target.value);
                setError(null);
              }}
            />
          </label>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {MSG.finish.cancel}
          </button>
          <button type="submit" className="primary" disabled={disabled || sending}>
            {MSG.finish.submit}
          </button>
        </div>
      </form>
    </Modal>
  );
}
