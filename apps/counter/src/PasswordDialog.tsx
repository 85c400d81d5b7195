import { usePasswordChange } from '@luot/ui';
import { changePassword, isNetworkError } from './api.ts';
import { Modal } from './Modal.tsx';
import { MSG } from './messages.ts';

const P = MSG.password;

/** The clerk changes their own password (POST /api/password); their other sessions end. */
export function PasswordDialog({ hub, onClose }: { hub: string; onClose: () => void }) {
  const { busy, result, submit, fields } = usePasswordChange(P, async (body) => {
    const res = await changePassword(hub, body);
    if (res.ok) return { ok: true };
    return { ok: false, message: isNetworkError(res) ? MSG.signIn.network : res.error.message };
  });

  return (
    <Modal title={P.title} onClose={onClose} testId="password-dialog">
      <form onSubmit={submit}>
        <p>{P.help}</p>
        {fields('text-field', (text) => (
          <span>{text}</span>
        ))}
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
          <button type="submit" className="primary" disabled={busy}>
            {P.submit}
          </button>
        </div>
      </form>
    </Modal>
  );
}
