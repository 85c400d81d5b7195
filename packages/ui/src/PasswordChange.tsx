import { useState, type FormEvent, type ReactNode } from 'react';

/** The texts of a password change form (each app words its own help and result). */
export interface PasswordChangeTexts {
  current: string;
  next: string;
  repeat: string;
  mismatch: string;
  done: string;
}

/** What sending a change answers: ok, or the message to show. */
export type PasswordChangeAnswer = { ok: true } | { ok: false; message: string };

/**
 * A person's own password change (POST /api/password through `send`): the current password,
 * the new one twice (compared here, at least 8 characters), and the outcome as a message. The
 * fields are cleared once the change is made.
 */
export function usePasswordChange(
  texts: PasswordChangeTexts,
  send: (body: { currentPassword: string; newPassword: string }) => Promise<PasswordChangeAnswer>,
) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== repeat) return setResult({ ok: false, text: texts.mismatch });
    setBusy(true);
    const answer = await send({ currentPassword: current, newPassword: next });
    setBusy(false);
    if (!answer.ok) return setResult({ ok: false, text: answer.message });
    setCurrent('');
    setNext('');
    setRepeat('');
    setResult({ ok: true, text: texts.done });
  }

  /** The three password fields, each in a `<label>` of `labelClass`, its text in `wrap`. */
  function fields(labelClass?: string, wrap: (text: string) => ReactNode = (text) => text) {
    const field = (
      text: string,
      value: string,
      set: (v: string) => void,
      autoComplete: 'current-password' | 'new-password',
      first = false,
    ) => (
      <label className={labelClass}>
        {wrap(text)}
        <input
          type="password"
          autoFocus={first}
          autoComplete={autoComplete}
          required
          minLength={autoComplete === 'new-password' ? 8 : undefined}
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      </label>
    );
    return (
      <>
        {field(texts.current, current, setCurrent, 'current-password', true)}
        {field(texts.next, next, setNext, 'new-password')}
        {field(texts.repeat, repeat, setRepeat, 'new-password')}
      </>
    );
  }

  return { busy, result, submit, fields };
}
