import { useEffect, useState, type FormEvent } from 'react';
import { fetchSite, isNetworkError, login, logout, type SiteInfo } from './api.ts';
import { MSG } from './messages.ts';
import {
  hubUrl,
  rememberCounter,
  rememberedCounter,
  type ClerkSession,
  type GuideSession,
} from './platform.ts';

const DESK = 'desk:';

const SITE_RETRY_MS = 3000;

/**
 * Username, password and the place (remembered by this PC): a counter, where the hub opens the
 * counter for a clerk, or a reception desk, for a guide ("hướng dẫn").
 */
export function SignIn({
  notice,
  onSignedIn,
}: {
  notice: string | null;
  onSignedIn: (session: ClerkSession | GuideSession) => void;
}) {
  const hub = hubUrl();
  const [site, setSite] = useState<SiteInfo | null>(null);
  const [siteFailed, setSiteFailed] = useState(false);
  const [counterId, setCounterId] = useState(() => rememberedCounter() ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const res = await fetchSite(hub);
      if (stopped) return;
      if (res.ok) {
        setSite(res.data);
        setSiteFailed(false);
        const known = (id: string) =>
          id.startsWith(DESK)
            ? (res.data.desks ?? []).some((d) => `${DESK}${d.id}` === id)
            : res.data.counters.some((c) => c.id === id);
        setCounterId((id) => (known(id) ? id : ''));
      } else {
        setSiteFailed(true);
        timer = setTimeout(load, SITE_RETRY_MS);
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [hub]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!counterId || !username.trim() || !password) return setError(MSG.signIn.missing);
    setSending(true);
    setError(null);
    const place = counterId.startsWith(DESK)
      ? { deskId: counterId.slice(DESK.length) }
      : { counterId };
    const res = await login(hub, { username: username.trim(), password, ...place });
    setSending(false);
    if (!res.ok) {
      if (isNetworkError(res)) return setError(MSG.signIn.network);
      return setError(
        res.error.code === 'UNAUTHENTICATED' ? MSG.signIn.wrongPassword : res.error.message,
      );
    }
    const { user } = res.data;
    if (user.role === 'guide' && res.data.deskId) {
      rememberCounter(counterId);
      return onSignedIn({ username: user.username, name: user.name, deskId: res.data.deskId });
    }
    if (user.role !== 'clerk' || !res.data.counterId) {
      void logout(hub);
      return setError(MSG.signIn.notClerk);
    }
    rememberCounter(res.data.counterId);
    onSignedIn({ username: user.username, name: user.name, counterId: res.data.counterId });
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <p className="signin-site">{site?.name ?? ''}</p>
        <h1 id="signin-title">{MSG.signIn.title}</h1>
        {notice ? (
          <p className="form-note" role="status">
            {notice}
          </p>
        ) : null}
        {siteFailed ? (
          <p className="form-error" role="alert">
            {MSG.signIn.siteUnavailable}
          </p>
        ) : null}
        <label className="text-field">
          <span>{MSG.signIn.counter}</span>
          <select
            name="counter"
            value={counterId}
            onChange={(e) => setCounterId(e.target.value)}
            disabled={!site}
          >
            <option value="">{site ? MSG.signIn.chooseCounter : MSG.signIn.loadingSite}</option>
            <optgroup label={MSG.signIn.counters}>
              {site?.counters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </optgroup>
            {site?.desks?.length ? (
              <optgroup label={MSG.signIn.desks}>
                {site.desks.map((d) => (
                  <option key={d.id} value={`${DESK}${d.id}`}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
          <small>{MSG.signIn.remembered}</small>
        </label>
        <label className="text-field">
          <span>{MSG.signIn.username}</span>
          <input
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="text-field">
          <span>{MSG.signIn.password}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error ? (
          <p className="form-error" role="alert" data-testid="signin-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={sending}>
          {sending ? MSG.signIn.submitting : MSG.signIn.submit}
        </button>
      </form>
    </main>
  );
}
