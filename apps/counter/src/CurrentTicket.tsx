import { fieldById, type QueueState, type Ticket } from '@luot/domain';
import { formatDurationVi, formatTimeVi } from '@luot/ui';
import { minutesBetween } from './format.ts';
import { MSG } from './messages.ts';
import { OriginMark } from './OriginMark.tsx';

/** The ticket at the counter, large: number, field, priority, time waited, time in service. */
export function CurrentTicket({
  state,
  ticket,
  waitingCount,
  now,
}: {
  state: QueueState;
  ticket: Ticket | null;
  waitingCount: number;
  now: number;
}) {
  if (!ticket)
    return (
      <section
        className="current current-empty"
        aria-labelledby="current-heading"
        data-testid="current"
      >
        <h2 id="current-heading">{MSG.current.heading}</h2>
        <p className="current-none">{MSG.current.none}</p>
        <p className="current-hint" data-testid="waiting-summary">
          {waitingCount === 0 ? MSG.current.nothingWaiting : MSG.current.waitingCount(waitingCount)}
          {waitingCount > 0 ? ` — ${MSG.current.noneHint}` : ''}
        </p>
      </section>
    );
  const tz = state.config.site.timeZone;
  const field = fieldById(state, ticket.fieldId)?.name ?? ticket.fieldId;
  const priority = ticket.priorityClassId
    ? (state.config.priorityClasses.find((p) => p.id === ticket.priorityClassId)?.name ??
      MSG.current.priority)
    : null;
  const serving = ticket.status === 'serving';
  const waitedUntil = ticket.calledAt ?? now;
  const fromField =
    ticket.originalFieldId !== ticket.fieldId
      ? fieldById(state, ticket.originalFieldId)?.name
      : undefined;
  return (
    <section
      className="current"
      data-status={ticket.status}
      aria-labelledby="current-heading"
      data-testid="current"
    >
      <h2 id="current-heading">{MSG.current.heading}</h2>
      <div className="current-main">
        <p className="current-label" data-testid="current-label">
          {ticket.label}
        </p>
        <div className="current-facts">
          <p className="current-status" data-testid="current-status">
            {serving ? MSG.current.statusServing : MSG.current.statusCalled}
          </p>
          <p className="current-field" data-testid="current-field">
            {field}
          </p>
          {priority ? (
            <p className="badge priority" data-testid="current-priority">
              ★ {MSG.current.priority}: {priority}
            </p>
          ) : null}
          {ticket.origin ? (
            <p className="current-origin" data-testid="current-origin">
              <OriginMark ticket={ticket} timeZone={tz} />
            </p>
          ) : null}
          {fromField ? <p className="current-note">{MSG.current.transferred(fromField)}</p> : null}
        </div>
      </div>
      <dl className="current-times">
        <div>
          <dt>{MSG.current.issuedAt}</dt>
          <dd>{formatTimeVi(ticket.issuedAt, tz)}</dd>
        </div>
        <div>
          <dt>{MSG.current.waited}</dt>
          <dd data-testid="current-waited">
            {MSG.minutes(minutesBetween(ticket.waitingSince, waitedUntil))}
          </dd>
        </div>
        <div>
          <dt>{serving ? MSG.current.serviceTime : MSG.current.sinceCalled}</dt>
          <dd className="stopwatch" data-testid="current-running">
            {formatDurationVi(now - ((serving ? ticket.startedAt : ticket.calledAt) ?? now))}
          </dd>
        </div>
      </dl>
    </section>
  );
}
