import { useCallback, useEffect, useState } from 'react';
import { fetchSession, isNetworkError } from './api.ts';
import { CounterScreen } from './CounterScreen.tsx';
import { MSG } from './messages.ts';
import { DeskScreen } from './DeskScreen.tsx';
import { forgetStoredToken, hubUrl, type ClerkSession, type GuideSession } from './platform.ts';
import { SignIn } from './SignIn.tsx';
import './counter.css';

/**
 * Signed in: the counter screen (a guide: the reception desk's); otherwise the sign-in form. The session is the hub's HttpOnly
 * cookie: on start the app asks the hub who it is, so a reload resumes at the counter.
 */
export function App() {
  // undefined while the hub is asked.
  const [session, setSession] = useState<ClerkSession | GuideSession | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    forgetStoredToken();
    let stopped = false;
    void fetchSession(hubUrl()).then((res) => {
      if (stopped) return;
      if (res.ok && res.data?.user.role === 'clerk' && res.data.counterId) {
        const { user, counterId } = res.data;
        setSession({ username: user.username, name: user.name, counterId });
      } else if (res.ok && res.data?.user.role === 'guide' && res.data.deskId) {
        const { user, deskId } = res.data;
        setSession({ username: user.username, name: user.name, deskId });
      } else {
        setSession(null);
        if (isNetworkError(res)) setNotice(MSG.signIn.network);
      }
    });
    return () => {
      stopped = true;
    };
  }, []);

  const signedOut = useCallback(() => {
    setSession(null);
    setNotice(null);
  }, []);
  const sessionEnded = useCallback(() => {
    setSession(null);
    setNotice(MSG.signIn.sessionEnded);
  }, []);

  if (session === undefined)
    return (
      <main className="signin">
        <p className="form-note" role="status">
          {MSG.signIn.resuming}
        </p>
      </main>
    );
  if (!session)
    return (
      <SignIn
        notice={notice}
        onSignedIn={(s) => {
          setSession(s);
          setNotice(null);
        }}
      />
    );
  if ('deskId' in session)
    return (
      <DeskScreen
        key={`${session.username}@desk:${session.deskId}`}
        session={session}
        onSignedOut={signedOut}
        onSessionEnded={sessionEnded}
      />
    );
  return (
    <CounterScreen
      key={`${session.username}@${session.counterId}`}
      session={session}
      onSignedOut={signedOut}
      onSessionEnded={sessionEnded}
    />
  );
}
