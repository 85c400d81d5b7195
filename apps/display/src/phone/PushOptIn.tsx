import { useEffect, useState } from 'react';
import { hubUrl } from '../device-token.ts';
import { PHONE_TEXT } from '../messages.ts';

/** The hub's push worker for ticket pages: its scope is `/t/`, where these pages live. */
const PUSH_WORKER = '/t/push-sw.js';

type State = 'hidden' | 'offer' | 'asking' | 'on' | 'denied' | 'failed';

/**
 * "Notify me when my turn nears": shown when the browser can take Web Push and the centre sends
 * it. On a tap: the browser's permission, a subscription with the hub's VAPID key, and the
 * subscription handed to the hub for this ticket (authenticated by the ticket's link). The hub
 * forgets it when the ticket is over.
 */
export function PushOptIn({ token }: { token: string }) {
  const [state, setState] = useState<State>('hidden');
  const [publicKey, setPublicKey] = useState<string | null>(null);
  const headers = { authorization: `Bearer ${token}` };

  useEffect(() => {
    if (
      !('serviceWorker' in navigator) ||
      !('PushManager' in window) ||
      !('Notification' in window)
    )
      return;
    let live = true;
    fetch(`${hubUrl()}/api/public/push`, { headers })
      .then(
        (r) => r.json() as Promise<{ ok: boolean; data?: { enabled: boolean; publicKey: string } }>,
      )
      .then((answer) => {
        if (!live || !answer.ok || !answer.data?.enabled) return;
        setPublicKey(answer.data.publicKey);
        setState(Notification.permission === 'denied' ? 'denied' : 'offer');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // The token does not change for a page.
  }, [token]);

  async function subscribe(): Promise<void> {
    if (!publicKey) return;
    setState('asking');
    try {
      if ((await Notification.requestPermission()) !== 'granted') return setState('denied');
      await navigator.serviceWorker.register(PUSH_WORKER, { scope: '/t/' });
      const registration = await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: base64UrlBytes(publicKey),
      });
      const answer = await fetch(`${hubUrl()}/api/public/push`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(subscription.toJSON()),
      });
      setState(answer.ok ? 'on' : 'failed');
    } catch {
      setState('failed');
    }
  }

  if (state === 'hidden') return null;
  return (
    <section className="phone__push" data-testid="push-opt-in" data-state={state}>
      {(state === 'offer' || state === 'failed' || state === 'asking') && (
        <>
          <button
            type="button"
            className="phone__push-button"
            disabled={state === 'asking'}
            onClick={() => void subscribe()}
          >
            {state === 'asking' ? PHONE_TEXT.pushAsking : PHONE_TEXT.pushOffer}
          </button>
          <p className="phone__push-hint">
            {state === 'failed' ? PHONE_TEXT.pushFailed : PHONE_TEXT.pushOfferHint}
          </p>
        </>
      )}
      {state === 'on' && <p className="phone__push-on">✓ {PHONE_TEXT.pushOn}</p>}
      {state === 'denied' && <p className="phone__push-hint">{PHONE_TEXT.pushDenied}</p>}
    </section>
  );
}

function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
