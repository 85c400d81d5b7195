import { useState, type FormEvent } from 'react';
import { browserStorage } from './common/storage.ts';
import { SCREEN_TEXT } from './messages.ts';
import './home.css';

const T = SCREEN_TEXT.home;
const KINDS = ['lobby', 'sign', 'rating'] as const;
type Kind = (typeof KINDS)[number];

/** The screens this browser already holds a token for (see device-token.ts). */
function savedKinds(): Kind[] {
  const storage = browserStorage();
  try {
    return KINDS.filter((k) => storage?.getItem(`luot.token.${k}`));
  } catch {
    return [];
  }
}

/**
 * The page an installer sees at `/display/`: which screens exist, what to ask the administrator
 * for, and a form to enter the device token, which opens the chosen screen with it (the screen
 * keeps it). Designed for a TV at 1920×1080, usable with a remote's keys, a keyboard or touch.
 */
export function ModeChooser() {
  const [kind, setKind] = useState<Kind>('lobby');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved] = useState(savedKinds);
  const base = import.meta.env.BASE_URL;

  function open(event: FormEvent) {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError(T.tokenMissing);
      return;
    }
    window.location.assign(`${base}${kind}?token=${encodeURIComponent(value)}`);
  }

  return (
    <main className="home" data-testid="display-home">
      <header className="home__header">
        <h1 className="home__title">{T.title}</h1>
        <p className="home__lead">{T.lead}</p>
      </header>
      <div className="home__columns">
        <section className="home__panel" aria-labelledby="steps-title">
          <h2 id="steps-title">{T.stepsTitle}</h2>
          <ol className="home__steps">
            {T.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </section>
        <section className="home__panel" aria-labelledby="kinds-title">
          <h2 id="kinds-title">{T.kindsTitle}</h2>
          <dl className="home__kinds">
            {KINDS.map((k) => (
              <div key={k} className="home__kind">
                <dt>{T.kinds[k].name}</dt>
                <dd>{T.kinds[k].about}</dd>
                <dd className="home__device">{T.kinds[k].device}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="home__panel home__panel--form" aria-labelledby="form-title">
          <h2 id="form-title">{T.formTitle}</h2>
          <form className="home__form" onSubmit={open} noValidate>
            <fieldset className="home__choices">
              <legend>{T.kindLabel}</legend>
              {KINDS.map((k) => (
                <label key={k} className="home__choice">
                  <input
                    type="radio"
                    name="kind"
                    value={k}
                    checked={kind === k}
                    onChange={() => setKind(k)}
                  />
                  <span>{T.kinds[k].name}</span>
                </label>
              ))}
            </fieldset>
            <label className="home__token">
              <span>{T.tokenLabel}</span>
              <input
                type="text"
                name="token"
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                placeholder={T.tokenPlaceholder}
                value={token}
                aria-invalid={error !== null}
                aria-describedby={error ? 'token-error' : undefined}
                onChange={(e) => {
                  setToken(e.target.value);
                  setError(null);
                }}
              />
            </label>
            {error && (
              <p id="token-error" className="home__error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="home__open">
              {T.open}
            </button>
          </form>
          {saved.length > 0 && (
            <div className="home__saved">
              <h2>{T.savedTitle}</h2>
              <ul>
                {saved.map((k) => (
                  <li key={k}>
                    <a className="home__saved-link" href={`${base}${k}`}>
                      {T.openSaved(T.kinds[k].name)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p className="home__tv">
            <strong>{T.tvTitle}.</strong> {T.tv}
          </p>
        </section>
      </div>
    </main>
  );
}
