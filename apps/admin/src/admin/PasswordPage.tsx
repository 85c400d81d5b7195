import { useState, type FormEvent } from 'react';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';

const P = M.password;

/** A signed-in person changes their own password; their other sessions end. */
export function PasswordPage({ api }: { api: Api }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== repeat) {
      setMessage({ ok: false, text: P.mismatch });
      return;
    }
    setBusy(true);
    const res = await api.post('/api/password', { currentPassword: current, newPassword: next });
    setBusy(false);
    setMessage(res.ok ? { ok: true, text: P.done } : { ok: false, text: res.error.message });
    if (res.ok) {
      setCurrent('');
      setNext('');
      setRepeat('');
    }
  }

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{P.title}</h1>
      </header>
      <p className="muted">{P.help}</p>
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <form className="panel form-stack password-form" onSubmit={submit} aria-label={P.title}>
        <label>
          {P.current}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label>
          {P.next}
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <label>
          {P.repeat}
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {P.submit}
        </button>
      </form>
    </div>
  );
}
