import { useCallback, useState } from 'react';
import { CounterScreen } from './CounterScreen.tsx';
import { MSG } from './messages.ts';
import { loadSession, saveSession, type ClerkSession } from './platform.ts';
import { SignIn } from './SignIn.tsx';
import './counter.css';

/** Signed in: the counter screen; otherwise the sign-in form. A stored session resumes. */
export function App() {
  const [session, setSession] = useState<ClerkSession | null>(loadSession);
  const [notice, setNotice] = useState<string | null>(null);

  const signedOut = useCallback(() => {
    saveSession(null);
    setSession(null);
    setNotice(null);
  }, []);
  const sessionEnded = useCallback(() => {
    saveSession(null);
    setSession(null);
    setNotice(MSG.signIn.sessionEnded);
  }, []);

  if (!session)
    return (
      <SignIn
        notice={notice}
        onSignedIn={(s) => {
          saveSession(s);
          setSession(s);
          setNotice(null);
        }}
      />
    );
  return (
    <CounterScreen
      key={session.token}
      session={session}
      onSignedOut={signedOut}
      onSessionEnded={sessionEnded}
    />
  );
}
