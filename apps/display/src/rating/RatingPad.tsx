import { useEffect, useRef, useState } from 'react';
import { request } from '@luot/hub-client';
import { useHubMirror } from '@luot/hub-client/react';
import { ScreenStatus, useScreenPhase } from '../common/ScreenStatus.tsx';
import { ConnectionBanner, formatTimeVi, useNow } from '@luot/ui';
import { deviceToken, hubUrl } from '../device-token.ts';
import { RATING_MSG } from './messages.ts';
import { ASK_TIMEOUT_MS, scaleLevels, THANKS_MS, ticketToRate } from './rating-flow.ts';
import './rating-pad.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'asking'; ticketId: string; label: string; sending: boolean; error: string | null }
  | { kind: 'thanks' }
  | { kind: 'closed'; message: string };

/** Colours and mouth curves of the tones, from best (green smile) to worst (red frown). */
const COLOURS = ['#1f8a70', '#4f9d4a', '#d9a21b', '#e07a2f', '#d23c3c'];
const CURVES = [1, 0.55, 0, -0.55, -0.8];

/** A face whose mouth turns from a smile (tone 0) to a frown (tone 4). */
function Face({ tone }: { tone: number }) {
  const curve = CURVES[tone] ?? 0;
  return (
    <svg viewBox="0 0 100 100" className="rating-face" aria-hidden="true">
      <circle cx="50" cy="50" r="46" fill="none" stroke="currentColor" strokeWidth="6" />
      <circle cx="34" cy="40" r="6" fill="currentColor" />
      <circle cx="66" cy="40" r="6" fill="currentColor" />
      <path
        d={`M 28 ${68 - curve * 4} Q 50 ${68 + curve * 18} 72 ${68 - curve * 4}`}
        fill="none"
        stroke="currentColor"
        strokeWidth="6"
        strokeLinecap="round"
      />
    </svg>
  );
}

/**
 * The tablet facing the citizen at one counter. Idle until that counter finishes a ticket;
 * then it shows the number and the configured scale as large buttons, sends one rating,
 * thanks the citizen and returns to idle. The hub accepts only the ticket just finished at
 * this pad's counter, and only once.
 */
export function RatingPad() {
  const [token] = useState(() => deviceToken('rating'));
  const { socket, status, view } = useHubMirror(hubUrl(), token);
  const now = useNow(1000, view?.clockOffsetMs ?? 0);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const handled = useRef<string | null | undefined>(undefined);
  const sending = useRef(false);
  // The ticket a rating was sent for: a second tap, even one landing before the screen
  // changes, must not send it again.
  const sent = useRef<string | null>(null);

  const you = view?.you;
  const counterId = you && 'counterId' in you ? you.counterId : null;
  const state = view?.state;
  const lastFinished = (counterId && state?.counters[counterId]?.lastFinishedTicketId) || null;
  const screen = useScreenPhase(status, state?.config.site.name ?? null);

  // A finish at this counter (live, or seen in the snapshot after a reconnect) opens the scale.
  useEffect(() => {
    if (!state || !counterId || !view || lastFinished === handled.current) return;
    const ticket = ticketToRate(state, counterId, handled.current, Date.now() + view.clockOffsetMs);
    handled.current = lastFinished;
    if (ticket)
      setPhase({
        kind: 'asking',
        ticketId: ticket.id,
        label: ticket.label,
        sending: false,
        error: null,
      });
  }, [state, counterId, view, lastFinished]);

  // Rated from another pad while this one was asking: say so rather than offer the scale.
  const askedTicket = phase.kind === 'asking' ? state?.tickets[phase.ticketId] : undefined;
  useEffect(() => {
    if (askedTicket && askedTicket.rating !== null && sent.current !== askedTicket.id)
      setPhase({ kind: 'closed', message: RATING_MSG.alreadyRated });
  }, [askedTicket]);

  useEffect(() => {
    if (phase.kind === 'idle') return;
    if (phase.kind === 'asking' && phase.sending) return;
    const timer = setTimeout(
      () => setPhase({ kind: 'idle' }),
      phase.kind === 'asking' ? ASK_TIMEOUT_MS : THANKS_MS,
    );
    return () => clearTimeout(timer);
  }, [phase]);

  async function rate(ticketId: string, label: string, score: number) {
    if (sending.current || sent.current === ticketId) return;
    if (!socket || !socket.connected) {
      setPhase({ kind: 'asking', ticketId, label, sending: false, error: RATING_MSG.offline });
      return;
    }
    sending.current = true;
    sent.current = ticketId;
    setPhase({ kind: 'asking', ticketId, label, sending: true, error: null });
    const ack = await request(socket, 'rating:submit', { ticketId, score });
    sending.current = false;
    if (ack.ok) return setPhase({ kind: 'thanks' });
    if (ack.error.code === 'ALREADY_RATED')
      return setPhase({ kind: 'closed', message: RATING_MSG.alreadyRated });
    if (['INVALID_STATE', 'NOT_FOUND', 'FORBIDDEN'].includes(ack.error.code))
      return setPhase({ kind: 'closed', message: ack.error.message });
    sent.current = null; // not recorded: the citizen may tap again
    setPhase({ kind: 'asking', ticketId, label, sending: false, error: RATING_MSG.retry });
  }

  const counterName =
    counterId && state ? (state.config.counters.find((c) => c.id === counterId)?.name ?? '') : '';

  if (screen !== 'live') return <ScreenStatus phase={screen} hasToken={token !== null} />;
  let body;
  if (!state) body = <p className="rating-idle-body">{RATING_MSG.connecting}</p>;
  else if (!counterId) body = <p className="rating-idle-body">{RATING_MSG.noCounter}</p>;
  else if (phase.kind === 'asking') {
    const offline = status !== 'online';
    const levels = scaleLevels(state.config.ratingScale);
    body = (
      <div className="rating-ask" data-testid="rating-ask">
        <p className="rating-ticket" data-testid="rating-ticket">
          {RATING_MSG.ticket(phase.label)}
        </p>
        <h1 className="rating-question">{RATING_MSG.question}</h1>
        <div
          className="rating-scale"
          data-levels={levels.length}
          role="group"
          aria-label={RATING_MSG.hint}
        >
          {levels.map((level) => (
            <button
              key={level.score}
              type="button"
              className="rating-button"
              data-score={level.score}
              style={{ background: COLOURS[level.tone] }}
              disabled={phase.sending || offline}
              onClick={() => void rate(phase.ticketId, phase.label, level.score)}
            >
              <Face tone={level.tone} />
              <span>{level.label}</span>
            </button>
          ))}
        </div>
        <p className="rating-status" role="status" data-testid="rating-status">
          {offline
            ? RATING_MSG.offline
            : phase.sending
              ? RATING_MSG.sending
              : (phase.error ?? RATING_MSG.hint)}
        </p>
      </div>
    );
  } else if (phase.kind === 'thanks')
    body = (
      <div className="rating-done" data-testid="rating-thanks">
        <h1>{RATING_MSG.thanks}</h1>
        <p>{RATING_MSG.thanksBody}</p>
      </div>
    );
  else if (phase.kind === 'closed')
    body = (
      <div className="rating-done" data-testid="rating-closed">
        <h1>{phase.message}</h1>
        <p>{RATING_MSG.thanks}</p>
      </div>
    );
  else
    body = (
      <div className="rating-idle" data-testid="rating-idle">
        <h1>{RATING_MSG.idleTitle}</h1>
        <p className="rating-idle-body">{RATING_MSG.idleBody}</p>
      </div>
    );

  return (
    <main className="rating-pad" data-phase={phase.kind} data-status={status}>
      <ConnectionBanner status={status} />
      <header className="rating-header">
        <span className="rating-site">{state?.config.site.name ?? ''}</span>
        <span className="rating-counter" data-testid="rating-counter">
          {counterName}
        </span>
        <span className="rating-clock" aria-hidden="true">
          {state ? formatTimeVi(now, state.config.site.timeZone) : ''}
        </span>
      </header>
      <section className="rating-body">{body}</section>
    </main>
  );
}
