import { useState } from 'react';
import { messages } from './messages.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0', 'OK'];

/** A touch PIN pad (digits are not shown). `error` is shown under the dots. */
export function PinPad({
  error,
  onSubmit,
  onCancel,
}: {
  error: string | null;
  onSubmit: (pin: string) => void;
  onCancel: () => void;
}) {
  const [pin, setPin] = useState('');
  const press = (key: string) => {
    if (key === '⌫') setPin((p) => p.slice(0, -1));
    else if (key === 'OK') {
      onSubmit(pin);
      setPin('');
    } else setPin((p) => (p.length < 8 ? p + key : p));
  };
  return (
    <section className="screen pin" data-screen="pin">
      <h1>{messages.settings.pinTitle}</h1>
      <p className="pin-dots" aria-live="polite" data-testid="pin-dots">
        {'●'.repeat(pin.length) || '\u00a0'}
      </p>
      {error && (
        <p className="pin-error" role="alert">
          {error}
        </p>
      )}
      <div className="pin-keys">
        {KEYS.map((k) => (
          <button type="button" key={k} onClick={() => press(k)} aria-label={k === '⌫' ? 'Xoá' : k}>
            {k}
          </button>
        ))}
      </div>
      <button type="button" className="back-button" onClick={onCancel}>
        {messages.settings.cancel}
      </button>
    </section>
  );
}
