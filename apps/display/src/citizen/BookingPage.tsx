import { useCallback, useEffect, useState } from 'react';
import type { BookingView } from '@luot/protocol';
import { CITIZEN_TEXT as T } from '../messages.ts';
import { citizenApi } from './api.ts';
import { checkInWindow, whenWords, type Refusal } from './citizen-model.ts';
import { Loading, Problem } from './Notices.tsx';
import { startPath } from './paths.ts';
import { useVisibleRefresh } from './use-visible-refresh.ts';
import './citizen.css';

/**
 * A booking's own page (`/b/<token>`, the link is its secret): when and where, the code to type
 * at the kiosk and its QR code, when check-in opens and closes, its state, cancelling it, and
 * the ticket's page once it has checked in.
 */
export function BookingPage({ token }: { token: string }) {
  const [view, setView] = useState<BookingView | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelRefusal, setCancelRefusal] = useState<Refusal | null>(null);

  const load = useCallback(async () => {
    const answer = await citizenApi.booking(token);
    if (!answer.ok) return setRefusal(answer.refusal);
    setRefusal(null);
    setView(answer.data);
  }, [token]);
  useEffect(() => {
    void load();
  }, [load]);
  // A booked slot changes by itself (checked in at the kiosk, released after grace).
  useVisibleRefresh(() => void load(), undefined, view?.status === 'booked');

  // The QR carries this page's full address, which the kiosk's reader types from the screen.
  const address = window.location.origin + window.location.pathname;
  useEffect(() => {
    let live = true;
    // Loaded with this page only: the lobby screens never need the QR encoder.
    void import('qrcode')
      .then(({ default: QRCode }) =>
        QRCode.toString(address, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      )
      .then((svg) => live && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`));
    return () => {
      live = false;
    };
  }, [address]);
  useEffect(() => {
    if (view) document.title = `${T.bookingTitle} — ${view.code}`;
  }, [view]);

  async function cancel() {
    setCancelling(true);
    setCancelRefusal(null);
    const answer = await citizenApi.cancelBooking(token);
    setCancelling(false);
    setAsking(false);
    if (!answer.ok) return setCancelRefusal(answer.refusal);
    setView(answer.data);
  }

  const home = startPath(window.location.pathname);
  if (!view) {
    const missing = refusal?.code === 'NOT_FOUND';
    return (
      <main className="cz cz--booking" data-testid="cz-booking-page">
        {missing ? (
          <section className="cz-section cz-center">
            <h1 className="cz-h2">{T.bookingNotFound}</h1>
            <p>{T.bookingNotFoundHint}</p>
            <a className="cz-button" href={home}>
              {T.newRequest}
            </a>
          </section>
        ) : refusal ? (
          <Problem refusal={refusal} onRetry={() => void load()} />
        ) : (
          <Loading />
        )}
      </main>
    );
  }
  const open = view.status === 'booked';
  return (
    <main className="cz cz--booking" data-testid="cz-booking-page" data-status={view.status}>
      <header className="cz-header">
        <p className="cz-brand">{T.bookingTitle}</p>
        <h1 className="cz-site">{view.siteName}</h1>
      </header>
      {refusal && <Problem refusal={refusal} onRetry={() => void load()} />}
      <section className={`cz-status cz-status--${view.status}`} aria-live="polite">
        <p className="cz-status__name" data-testid="cz-booking-status">
          {T.status[view.status]}
        </p>
        <p>{T.statusHint[view.status]}</p>
        {view.ticketPath && (
          <a
            className="cz-button cz-button--big"
            href={view.ticketPath}
            data-testid="cz-ticket-link"
          >
            {T.openTicket}
          </a>
        )}
      </section>
      <dl className="cz-facts">
        <div>
          <dt>{T.bookingWhen}</dt>
          <dd data-testid="cz-booking-when">{whenWords(view.day, view.start)}</dd>
        </div>
        <div>
          <dt>{T.bookingField}</dt>
          <dd data-testid="cz-booking-field">{view.fieldName}</dd>
        </div>
      </dl>
      {open && (
        <section className="cz-pass" aria-label={T.bookingCode}>
          <p className="cz-caption">{T.bookingCode}</p>
          <p className="cz-code" data-testid="cz-booking-code">
            {view.code}
          </p>
          {qr && (
            <img
              className="cz-qr"
              src={qr}
              alt={`${T.bookingCode} ${view.code}`}
              data-testid="cz-qr"
            />
          )}
          <p className="cz-small">{T.bookingQrHint}</p>
          <p className="cz-note" data-testid="cz-checkin-window">
            {checkInWindow(view)}
          </p>
          <p className="cz-small">{T.keepPage}</p>
        </section>
      )}
      {cancelRefusal && <Problem refusal={cancelRefusal} />}
      {open &&
        (asking ? (
          <div className="cz-ask" role="alertdialog" aria-labelledby="cz-ask-text">
            <p id="cz-ask-text">{T.cancelAsk}</p>
            <div className="cz-row">
              <button
                type="button"
                className="cz-button cz-button--danger"
                onClick={() => void cancel()}
                disabled={cancelling}
                data-testid="cz-cancel-yes"
              >
                {cancelling ? T.cancelling : T.cancelYes}
              </button>
              <button
                type="button"
                className="cz-button cz-button--secondary"
                onClick={() => setAsking(false)}
                autoFocus
              >
                {T.cancelNo}
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="cz-button cz-button--quiet-danger"
            onClick={() => setAsking(true)}
            data-testid="cz-cancel"
          >
            {T.cancel}
          </button>
        ))}
      <a className="cz-link cz-link--block" href={home}>
        {T.newRequest}
      </a>
    </main>
  );
}
