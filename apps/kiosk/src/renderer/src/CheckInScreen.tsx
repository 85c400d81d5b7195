import { useEffect, useRef, useState } from 'react';
import {
  appendToCode,
  CODE_KEYS,
  CODE_LENGTH,
  codeCharacter,
  codeComplete,
} from './check-in-code.ts';
import { messages } from './messages.ts';

/** Whether Enter goes to a focused button other than a character key (whose press is moot then). */
function pressesOtherButton(e: KeyboardEvent): boolean {
  const t = e.target;
  return (
    t instanceof HTMLButtonElement &&
    !(t.classList.contains('code-key') && !t.classList.contains('edit'))
  );
}

/**
 * The check-in screen: six boxes, a large keypad of the code alphabet with backspace and clear,
 * and _Nhận số_. A keyboard works too (letters and digits, Backspace, Enter, Escape), and every
 * key is a button reachable with Tab for switch access. A QR reader is heard by the kiosk as a
 * whole (see scan-detector.ts), not here.
 */
export function CheckInScreen({
  onSubmit,
  onBack,
}: {
  onSubmit: (code: string) => void;
  onBack: () => void;
}) {
  const [code, setCode] = useState('');
  const first = useRef<HTMLButtonElement>(null);
  const latest = useRef({ code, onSubmit, onBack });
  latest.current = { code, onSubmit, onBack };

  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const character = codeCharacter(e.key);
      if (character) {
        setCode((c) => appendToCode(c, character));
        e.preventDefault();
      } else if (e.key === 'Backspace') {
        setCode((c) => c.slice(0, -1));
        e.preventDefault();
      } else if (e.key === 'Escape') latest.current.onBack();
      // Enter sends a complete code, unless it presses a button that is no character key
      // (backspace, clear, back); with the code not complete it presses the focused key.
      else if (e.key === 'Enter' && codeComplete(latest.current.code) && !pressesOtherButton(e)) {
        latest.current.onSubmit(latest.current.code);
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const complete = codeComplete(code);
  return (
    <section className="screen check-in" data-screen="check-in">
      <h1 className="check-in-title">{messages.checkIn.title}</h1>
      <p className="check-in-hint">{messages.checkIn.scanHint}</p>
      <div
        className="code-boxes"
        role="status"
        aria-label={messages.checkIn.codeLabel}
        data-testid="check-in-code"
        data-code={code}
      >
        {Array.from({ length: CODE_LENGTH }, (_, i) => (
          <span key={i} className="code-box" data-filled={i < code.length}>
            {code[i] ?? ''}
          </span>
        ))}
      </div>
      {/* Keys are never disabled: a disabled key would drop the focus of a switch user on it. */}
      <div className="code-keys" role="group" aria-label={messages.checkIn.keypad}>
        {CODE_KEYS.map((k, i) => (
          <button
            type="button"
            key={k}
            ref={i === 0 ? first : undefined}
            className="code-key"
            data-key={k}
            onClick={() => setCode((c) => appendToCode(c, k))}
          >
            {k}
          </button>
        ))}
        <button
          type="button"
          className="code-key edit"
          data-key="backspace"
          aria-label={messages.checkIn.backspace}
          onClick={() => setCode((c) => c.slice(0, -1))}
        >
          ⌫
        </button>
        <button
          type="button"
          className="code-key edit"
          data-key="clear"
          onClick={() => setCode('')}
        >
          {messages.checkIn.clear}
        </button>
      </div>
      <div className="check-in-actions">
        <button type="button" className="back-button" onClick={onBack}>
          {messages.back}
        </button>
        <button
          type="button"
          className="take-button"
          data-testid="check-in-submit"
          disabled={!complete}
          onClick={() => onSubmit(code)}
        >
          {messages.checkIn.submit}
        </button>
      </div>
    </section>
  );
}
