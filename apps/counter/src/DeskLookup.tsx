import { useState, type FormEvent } from 'react';
import { fieldById, reprintRefusal, type QueueState } from '@luot/domain';
import type { ClientEventName, ClientPayload, ClientResults, DeskTicket } from '@luot/protocol';
import { formatMinutesVi, formatTimeVi, useNow } from '@luot/ui';
import { MSG } from './messages.ts';

const D = MSG.desk;

/** A request to the hub over the desk's socket: the answer, or why it could not be sent. */
export type DeskSend = <E extends ClientEventName>(
  event: E,
  payload: ClientPayload<E>,
) => Promise<{ ok: true; data: ClientResults[E] } | { ok: false; message: string }>;

/** "Tra cứu số": today's ticket by its number, where it stands, and "In lại". */
export function DeskLookup({
  state,
  online,
  send,
  clockOffsetMs,
}: {
  state: QueueState;
  online: boolean;
  send: DeskSend;
  /** The hub's clock minus this PC's. */
  clockOffsetMs: number;
}) {
  const [label, setLabel] = useState('');
  const [found, setFound] = useState<DeskTicket | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [reprinting, setReprinting] = useState(false);
  const now = useNow(15_000, clockOffsetMs);
  const tz = state.config.site.timeZone;

  async function lookup(e: FormEvent) {
    e.preventDefault();
    if (!label.trim()) return;
    setMessage(null);
    const res = await send('desk:lookup', { label: label.trim() });
    if (!res.ok) {
      setFound(null);
      return setMessage({ ok: false, text: res.message });
    }
    setFound(res.data);
  }

  // The ticket as the live state has it now (it may have been called since the look-up).
  const ticket = found ? (state.tickets[found.ticket.id] ?? found.ticket) : null;
  const refusal = ticket ? reprintRefusal(ticket) : null;

  async function reprint() {
    if (!ticket) return;
    setReprinting(true);
    const res = await send('desk:reprint', { ticketId: ticket.id });
    setReprinting(false);
    if (!res.ok) return setMessage({ ok: false, text: res.message });
    const where = res.data.where === 'kiosk' ? `ki-ốt ${res.data.name}` : res.data.name;
    setMessage({
      ok: true,
      text: D.reprinted(ticket.label, formatTimeVi(res.data.reprintedAt, tz), where),
    });
  }

  const counter = ticket?.counterId
    ? state.config.counters.find((c) => c.id === ticket.counterId)
    : undefined;
  return (
    <section className="column desk-lookup" aria-labelledby="desk-lookup-title">
      <h2 id="desk-lookup-title">{D.lookupHeading}</h2>
      <form className="desk-lookup-form" onSubmit={lookup}>
        <label className="text-field">
          <span>{D.lookupLabel}</span>
          <input
            name="label"
            value={label}
            placeholder={D.lookupHint}
            autoComplete="off"
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <button type="submit" className="secondary" disabled={!online}>
          {D.lookup}
        </button>
      </form>
      {ticket && found ? (
        <div className="desk-found" data-testid="desk-found">
          <p className="desk-found-label">{ticket.label}</p>
          <dl>
            <dt>{D.field}</dt>
            <dd>{fieldById(state, ticket.fieldId)?.name ?? ticket.fieldId}</dd>
            <dt>{D.status}</dt>
            <dd data-testid="desk-found-status">
              {D.statuses[ticket.status] ?? ticket.status}
              {counter ? ` — ${D.counter} ${counter.number}` : ''}
            </dd>
            {ticket.status === 'waiting' ? (
              <>
                <dt>{D.ahead}</dt>
                <dd data-testid="desk-found-ahead">{found.ahead}</dd>
                <dt>{D.estimate}</dt>
                <dd>{formatMinutesVi(found.estimatedWaitMinutes)}</dd>
              </>
            ) : null}
            <dt>{D.issuedAt}</dt>
            <dd>{formatTimeVi(ticket.issuedAt, tz)}</dd>
            {ticket.status === 'waiting' ? (
              <>
                <dt>{D.waited}</dt>
                <dd>{MSG.minutes((now - ticket.issuedAt) / 60_000)}</dd>
              </>
            ) : null}
          </dl>
          <button
            type="button"
            className="primary"
            data-testid="desk-reprint"
            disabled={!online || reprinting || refusal !== null}
            onClick={() => void reprint()}
          >
            {reprinting ? D.reprinting : D.reprint}
          </button>
          {refusal ? <p className="form-note">{D.notReprintable}</p> : null}
        </div>
      ) : null}
      {message ? (
        <p
          className={message.ok ? 'desk-ok' : 'desk-problem'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="desk-lookup-message"
        >
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
