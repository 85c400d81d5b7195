import { useState, type FormEvent } from 'react';
import type { CitizenSession, CodeSent } from '@luot/protocol';
import { CITIZEN_TEXT as T } from '../messages.ts';
import { citizenApi } from './api.ts';
import { normaliseCode, normalisePhone, type Refusal } from './citizen-model.ts';
import { Problem } from './Notices.tsx';

/**
 * The citizen's sign-in: a Vietnamese mobile number, then the six-digit code the hub sent to
 * it. Refusals (a wrong code, too many tries, the network) are said under the field.
 */
export function SignIn({
  siteId,
  onSignedIn,
}: {
  /** The site the citizen is looking at: its channel sends the code. */
  siteId: string | null;
  onSignedIn: (session: CitizenSession) => void;
}) {
  const [phoneInput, setPhoneInput] = useState('');
  const [codeInput, setCodeInput] = useState('');
  const [sent, setSent] = useState<(CodeSent & { normalised: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  async function sendCode(event?: FormEvent) {
    event?.preventDefault();
    const phone = normalisePhone(phoneInput);
    setRefusal(null);
    if (!phone) return setInvalid(T.phoneInvalid);
    setInvalid(null);
    setBusy(true);
    const answer = await citizenApi.sendCode(phone, siteId);
    setBusy(false);
    if (!answer.ok) return setRefusal(answer.refusal);
    setSent({ ...answer.data, normalised: phone });
    setCodeInput('');
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    if (!sent) return;
    const code = normaliseCode(codeInput);
    setRefusal(null);
    if (!code) return setInvalid(T.codeInvalid);
    setInvalid(null);
    setBusy(true);
    const answer = await citizenApi.verify(sent.normalised, code);
    setBusy(false);
    if (!answer.ok) return setRefusal(answer.refusal);
    onSignedIn(answer.data);
  }

  return (
    <section className="cz-section" aria-labelledby="cz-signin-title" data-testid="cz-signin">
      <h2 id="cz-signin-title" className="cz-h2">
        {T.signInTitle}
      </h2>
      {!sent ? (
        <form className="cz-form" onSubmit={(e) => void sendCode(e)} noValidate>
          <p className="cz-small">{T.signInWhy}</p>
          <label className="cz-label" htmlFor="cz-phone">
            {T.phoneLabel}
          </label>
          <input
            id="cz-phone"
            className="cz-input"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder={T.phonePlaceholder}
            value={phoneInput}
            onChange={(e) => setPhoneInput(e.target.value)}
            aria-invalid={invalid !== null}
            aria-describedby={invalid ? 'cz-signin-invalid' : undefined}
            maxLength={20}
            autoFocus
          />
          {invalid && (
            <p id="cz-signin-invalid" className="cz-invalid" role="alert">
              {invalid}
            </p>
          )}
          {refusal && <Problem refusal={refusal} />}
          <button type="submit" className="cz-button" disabled={busy} data-testid="cz-send-code">
            {busy ? T.sending : T.sendCode}
          </button>
        </form>
      ) : (
        <form className="cz-form" onSubmit={(e) => void verify(e)} noValidate>
          <p className="cz-sent" data-testid="cz-code-sent">
            {T.codeSentTo(sent.phone, Math.max(1, Math.round(sent.expiresInSeconds / 60)))}
          </p>
          <label className="cz-label" htmlFor="cz-code">
            {T.codeLabel}
          </label>
          <input
            id="cz-code"
            className="cz-input cz-input--code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={7}
            value={codeInput}
            onChange={(e) => setCodeInput(e.target.value)}
            aria-invalid={invalid !== null || refusal !== null}
            aria-describedby={invalid ? 'cz-signin-invalid' : undefined}
            autoFocus
          />
          {invalid && (
            <p id="cz-signin-invalid" className="cz-invalid" role="alert">
              {invalid}
            </p>
          )}
          {refusal && <Problem refusal={refusal} />}
          <button type="submit" className="cz-button" disabled={busy} data-testid="cz-verify">
            {T.verify}
          </button>
          <div className="cz-row">
            <button
              type="button"
              className="cz-link"
              disabled={busy}
              onClick={() => void sendCode()}
            >
              {T.resend}
            </button>
            <button
              type="button"
              className="cz-link"
              onClick={() => {
                setSent(null);
                setRefusal(null);
                setInvalid(null);
              }}
            >
              {T.changePhone}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
