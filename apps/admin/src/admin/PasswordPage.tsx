import { usePasswordChange } from '@luot/ui';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';

const P = M.password;

/** A signed-in person changes their own password; their other sessions end. */
export function PasswordPage({ api }: { api: Api }) {
  const { busy, result, submit, fields } = usePasswordChange(P, async (body) => {
    const res = await api.post('/api/password', body);
    return res.ok ? { ok: true } : { ok: false, message: res.error.message };
  });

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{P.title}</h1>
      </header>
      <p className="muted">{P.help}</p>
      {result && (
        <p className={result.ok ? 'success' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      )}
      <form className="panel form-stack password-form" onSubmit={submit} aria-label={P.title}>
        {fields()}
        <button type="submit" className="primary" disabled={busy}>
          {P.submit}
        </button>
      </form>
    </div>
  );
}
