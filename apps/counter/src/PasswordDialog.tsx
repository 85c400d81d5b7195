import { useState, type FormEvent } from 'react';
import { changePassword, isNetworkError } from './api.ts';
import { Modal } from './Modal.tsx';
import { MSG } from './messages.ts';

const P = MSG.password;

/** The clerk changes their own password (POST /api/password); their other sessions end. */
export function PasswordDialog({ hub, onClose }: { hub: string; onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) return setResult({ ok: false, text: P.mismatch });
    setSending(true);
    const res = await changePassword(hub, { currentPassword: current, newPassword: next });
    setSending(false);
    if (res.ok) {
      setCurrent('');
      setNext('');
      setRepeat('');
      return setResult({ ok: true, text: P.done });
    }
    setResult({
      ok: false,
      text: isNetworkError(res) ? MSG.signIn.network : res.error.message,
    });
  };

  return (
    <Modal title={P.title} onClose={onClose} testId="password-dialog">
      <form onSubmit={submit}>
        <p>{P.help}</p>
        <label className="text-field">
          <span>{P.current}</span>
          <input
            type="password"
            autoFocus
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label className="text-field">
          <span>{P.next}</span>
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <label className="text-field">
          <span>{P.repeat}</span>
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </label>
        {result ? (
          <p
            className={result.ok ? 'form-note' : 'form-error'}
            role={result.ok ? 'status' : 'alert'}
          >
            {result.text}
          </p>
        ) : null}
        <div className="dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {P.close}
          </button>
          <button type="submit" className="primary" disabled={sending}>
            {P.submit}
          </button>
        </div>
      </form>
    </Modal>
  );
}
