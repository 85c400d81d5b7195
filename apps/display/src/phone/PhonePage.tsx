import { useEffect, useRef } from 'react';
import { useTicketView } from '@luot/hub-client/react';
import type { PublicTicketView } from '@luot/protocol';
import { formatTimeVi } from '@luot/ui';
import { hubUrl } from '../device-token.ts';
import { PHONE_TEXT } from '../messages.ts';
import { PushOptIn } from './PushOptIn.tsx';
import { presentTicket, ticketTitle } from './ticket-status.ts';
import './phone.css';

/**
 * The page the QR code on a paper ticket opens: this ticket's number, field, place in the
 * queue and estimated wait, and its state, live. It sees nothing but its own ticket.
 */
export function PhonePage({ token }: { token: string }) {
  const { status, view } = useTicketView(hubUrl(), token);
  const called = view?.status === 'called';
  const wasCalled = useRef(false);
  useEffect(() => {
    if (view) document.title = ticketTitle(view);
    // A buzz when the citizen is called, for a phone in a pocket.
    if (called && !wasCalled.current) navigator.vibrate?.([300, 150, 300]);
    wasCalled.current = called;
  }, [view, called]);

  if (!view) {
    const missing = status === 'refused';
    return (
      <main className="phone phone--empty" data-status={status}>
        <h1 className="phone__empty-title">{missing ? PHONE_TEXT.notFound : PHONE_TEXT.loading}</h1>
        {missing && <p className="phone__empty-hint">{PHONE_TEXT.notFoundHint}</p>}
        {status === 'offline' && <OfflineBanner />}
      </main>
    );
  }
  return (
    <main className="phone" data-status={status} data-ticket-status={view.status}>
      {status !== 'online' && status !== 'connecting' && <OfflineBanner />}
      <header className="phone__header">
        <p className="phone__centre">{view.centreName}</p>
      </header>
      {/* Called: the counter to go to comes first, above everything else. */}
      {called && <TicketState view={view} />}
      <section className="phone__ticket" aria-label={PHONE_TEXT.yourNumber}>
        <p className="phone__caption">{PHONE_TEXT.yourNumber}</p>
        <p className="phone__label" data-testid="phone-label">
          {view.label}
        </p>
        <p className="phone__field">
          <span className="phone__caption">{PHONE_TEXT.field}: </span>
          <span data-testid="phone-field">{view.fieldName}</span>
        </p>
      </section>
      {!called && <TicketState view={view} />}
      {view.status === 'waiting' && view.endOfDayMessage === null && <PushOptIn token={token} />}
      <footer className="phone__footer">
        {status === 'online' && <p className="phone__live">{PHONE_TEXT.live}</p>}
        <p>
          {PHONE_TEXT.issuedAt} {formatTimeVi(view.issuedAt)}
        </p>
        {/* Once service is over there is nothing more to wait for today. */}
        {view.endOfDayMessage === null && <p>{PHONE_TEXT.keepPage}</p>}
      </footer>
    </main>
  );
}

function OfflineBanner() {
  return (
    <div className="luot-banner" role="alert" data-kind="offline" data-testid="connection-banner">
      {PHONE_TEXT.offline}
    </div>
  );
}

function TicketState({ view }: { view: PublicTicketView }) {
  const p = presentTicket(view);
  return (
    <section
      className={`phone__state phone__state--${p.tone}`}
      data-testid="phone-state"
      aria-live="assertive"
    >
      <p className="phone__headline">{p.headline}</p>
      {p.tone === 'called' && (
        <>
          <p className="phone__counter" data-testid="phone-counter">
            {p.counter}
          </p>
          <p className="phone__hint">{p.hint}</p>
        </>
      )}
      {p.tone === 'waiting' && (
        <dl className="phone__facts">
          <div className="phone__fact">
            <dt>{PHONE_TEXT.ahead}</dt>
            <dd data-testid="phone-ahead">{p.ahead}</dd>
          </div>
          <div className="phone__fact">
            <dt>{PHONE_TEXT.estimatedWait}</dt>
            <dd className="phone__wait" data-testid="phone-wait">
              {p.wait}
            </dd>
          </div>
        </dl>
      )}
      {p.tone === 'problem' && p.hint && <p className="phone__hint">{p.hint}</p>}
      {p.tone === 'ended' && (
        <p className="phone__end-of-day" data-testid="phone-end-of-day">
          {p.message}
        </p>
      )}
      {p.tone === 'ended' && p.reopening !== null && (
        <p className="phone__reopening" data-testid="phone-reopening">
          {p.reopening}
        </p>
      )}
    </section>
  );
}
