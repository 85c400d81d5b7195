import { useState, type FormEvent } from 'react';
import type { Ack, SessionInfo } from '@luot/protocol';
import { M } from './messages.ts';
import { hubUrl } from './session.ts';

/** Sign-in for supervisors and admins (no counter): POST /api/login. */
export function LoginPage({
  onSignedIn,
  notice,
}: {
  onSignedIn: (s: SessionInfo) => void;
  notice?: string;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      let body: Ack<SessionInfo>;
      // While the hub is busy checking other passwords (503), wait as told and try again.
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(`${hubUrl()}/api/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: username.trim(), password }),
        });
        body = (await res.json()) as Ack<SessionInfo>;
        if (res.status !== 503 || attempt >= 3) break;
        const seconds = Math.min(Number(res.headers.get('retry-after')) || 1, 5);
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      }
      if (body.ok) onSignedIn(body.data);
      else
        setError(
          body.error.code === 'BAD_REQUEST'
            ? M.signIn.clerkNotHere
            : body.error.code === 'RATE_LIMITED' || body.error.code === 'UNAVAILABLE'
              ? body.error.message
              : M.signIn.wrong,
        );
    } catch {
      setError(M.signIn.offline);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{M.signIn.title}</h1>
        <p className="muted">{M.signIn.subtitle}</p>
        {notice && <p className="notice">{notice}</p>}
        <label>
          {M.signIn.username}
          <input
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {M.signIn.password}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? M.signIn.busy : M.signIn.submit}
        </button>
      </form>
    </main>
  );
}
