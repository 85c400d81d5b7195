import { useEffect, useRef, useState } from 'react';
import type { IdCard } from '@luot/domain';
import { appendDigit, ID_NUMBER_LENGTH, typedCard } from './id-card-flow.ts';
import { messages } from './messages.ts';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;

/**
 * The 12-digit keypad for a card whose QR does not scan: large keys, backspace and clear, a
 * keyboard works too (digits, Backspace, Enter, Escape) and every key is a button reached with
 * Tab. A number that is no personal number (province, century) is refused here, before the hub.
 */
export function IdKeypad({
  onSubmit,
  onBack,
}: {
  onSubmit: (card: IdCard) => void;
  onBack: () => void;
}) {
  const t = messages.idCard;
  const [number, setNumber] = useState('');
  const [wrong, setWrong] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  const submit = (typed: string) => {
    const card = typedCard(typed);
    if (card) onSubmit(card);
    else setWrong(true);
  };
  const edit = (next: (n: string) => string) => {
    setWrong(false);
    setNumber(next);
  };
  const latest = useRef({ number, submit, onBack });
  latest.current = { number, submit, onBack };

  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      if (/^\d$/.test(e.key)) {
        edit((n) => appendDigit(n, e.key));
        e.preventDefault();
      } else if (e.key === 'Backspace') {
        edit((n) => n.slice(0, -1));
        e.preventDefault();
      } else if (e.key === 'Escape') latest.current.onBack();
      // Enter on a focused key presses it; elsewhere, with twelve digits, it confirms.
      else if (
        e.key === 'Enter' &&
        latest.current.number.length === ID_NUMBER_LENGTH &&
        !(e.target instanceof HTMLButtonElement)
      ) {
        latest.current.submit(latest.current.number);
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const complete = number.length === ID_NUMBER_LENGTH;
  return (
    <section className="screen id-keypad" data-screen="id-keypad">
      <h1 className="id-card-title">{t.keypadTitle}</h1>
      <p className="id-card-how">{t.keypadHint}</p>
      <div
        className="id-digits"
        role="status"
        aria-label={t.numberLabel}
        data-testid="id-number"
        data-number={number}
      >
        {Array.from({ length: ID_NUMBER_LENGTH }, (_, i) => (
          <span key={i} className="id-digit" data-filled={i < number.length}>
            {number[i] ?? ''}
          </span>
        ))}
      </div>
      <p className="id-keypad-error" role="alert" data-testid="id-number-error">
        {wrong ? t.badNumber : ''}
      </p>
      <div className="id-keys" role="group" aria-label={t.keypad}>
        {DIGITS.slice(0, 9).map((d, i) => (
          <button
            type="button"
            key={d}
            ref={i === 0 ? first : undefined}
            className="id-key"
            data-digit={d}
            onClick={() => edit((n) => appendDigit(n, d))}
          >
            {d}
          </button>
        ))}
        <button
          type="button"
          className="id-key edit"
          data-digit="clear"
          onClick={() => edit(() => '')}
        >
          {t.clear}
        </button>
        <button
          type="button"
          className="id-key"
          data-digit="0"
          onClick={() => edit((n) => appendDigit(n, '0'))}
        >
          0
        </button>
        <button
          type="button"
          className="id-key edit"
          data-digit="backspace"
          aria-label={t.backspace}
          onClick={() => edit((n) => n.slice(0, -1))}
        >
          ⌫
        </button>
      </div>
      <div className="check-in-actions">
        <button type="button" className="back-button" onClick={onBack}>
          {messages.back}
        </button>
        <button
          type="button"
          className="take-button"
          data-testid="id-number-submit"
          disabled={!complete}
          onClick={() => submit(number)}
        >
          {t.confirm}
        </button>
      </div>
    </section>
  );
}
