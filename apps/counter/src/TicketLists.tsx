import type { QueueState, Ticket } from '@luot/domain';
import { formatDurationVi, formatTimeVi } from '@luot/ui';
import { minutesBetween } from './format.ts';
import { MSG } from './messages.ts';
import { OriginMark } from './OriginMark.tsx';

interface ListProps {
  state: QueueState;
  fieldName: (fieldId: string) => string;
}

function priorityName(state: QueueState, t: Ticket): string | null {
  if (!t.priorityClassId) return null;
  return (
    state.config.priorityClasses.find((p) => p.id === t.priorityClassId)?.name ??
    MSG.current.priority
  );
}

/** Tickets waiting for this counter, in call order, each callable by its own button. */
export function WaitingList({
  state,
  fieldName,
  tickets,
  nextId,
  counterId,
  now,
  canCall,
  onCall,
}: ListProps & {
  tickets: Ticket[];
  nextId: string | null;
  counterId: string;
  now: number;
  canCall: boolean;
  onCall: (t: Ticket) => void;
}) {
  return (
    <section
      className="list list-waiting"
      aria-labelledby="waiting-heading"
      data-testid="waiting-list"
    >
      <h2 id="waiting-heading">
        {MSG.lists.waiting} <span className="count">{tickets.length}</span>
      </h2>
      {tickets.length === 0 ? (
        <p className="empty">{MSG.lists.waitingEmpty}</p>
      ) : (
        <ol>
          {tickets.map((t) => {
            const priority = priorityName(state, t);
            const awaiting = t.awaitingArrival === true;
            return (
              <li
                key={t.id}
                data-ticket={t.label}
                data-awaiting={awaiting || undefined}
                className={t.id === nextId ? 'is-next' : awaiting ? 'is-awaiting' : undefined}
              >
                <span className="row-label">{t.label}</span>
                <span className="row-main">
                  <span className="row-field">{fieldName(t.fieldId)}</span>
                  <span className="row-marks">
                    {t.id === nextId ? <span className="badge next">{MSG.lists.next}</span> : null}
                    {priority ? <span className="badge priority">★ {priority}</span> : null}
                    <OriginMark ticket={t} timeZone={state.config.site.timeZone} />
                    {t.assignedCounterId === counterId ? (
                      <span className="badge assigned">{MSG.lists.assignedHere}</span>
                    ) : null}
                  </span>
                </span>
                <span className="row-time" data-testid="waited">
                  {MSG.minutes(minutesBetween(t.waitingSince, now))}
                </span>
                {awaiting ? (
                  <span className="row-call-none" aria-hidden="true" />
                ) : (
                  <button
                    type="button"
                    className="row-call"
                    aria-disabled={!canCall}
                    aria-label={MSG.lists.callLabel(t.label)}
                    onClick={() => onCall(t)}
                  >
                    {MSG.lists.call}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** Tickets marked absent that this counter may call again. */
export function NoShowList({
  state,
  fieldName,
  tickets,
  canCall,
  onCall,
}: ListProps & { tickets: Ticket[]; canCall: boolean; onCall: (t: Ticket) => void }) {
  const tz = state.config.site.timeZone;
  return (
    <section
      className="list list-noshow"
      aria-labelledby="noshow-heading"
      data-testid="noshow-list"
    >
      <h2 id="noshow-heading">
        {MSG.lists.noShows} <span className="count">{tickets.length}</span>
      </h2>
      {tickets.length === 0 ? (
        <p className="empty">{MSG.lists.noShowsEmpty}</p>
      ) : (
        <ol>
          {tickets.map((t) => (
            <li key={t.id} data-ticket={t.label}>
              <span className="row-label">{t.label}</span>
              <span className="row-main">
                <span className="row-field">{fieldName(t.fieldId)}</span>
                <span className="row-sub">
                  {t.calledAt ? MSG.lists.calledAt(formatTimeVi(t.calledAt, tz)) : ''}
                  {t.callCount > 1 ? ` · ${MSG.lists.calls(t.callCount)}` : ''}
                </span>
              </span>
              <button
                type="button"
                className="row-call"
                aria-disabled={!canCall}
                aria-label={MSG.lists.callAgainLabel(t.label)}
                onClick={() => onCall(t)}
              >
                {MSG.lists.call}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Today's tickets finished at this counter, with service time and rating. */
export function ServedList({ state, fieldName, tickets }: ListProps & { tickets: Ticket[] }) {
  const tz = state.config.site.timeZone;
  const ratingLabel = (score: number | null) =>
    score === null
      ? MSG.lists.noRating
      : (state.config.ratingScale.find((r) => r.score === score)?.label ?? String(score));
  return (
    <section
      className="list list-served"
      aria-labelledby="served-heading"
      data-testid="served-list"
    >
      <h2 id="served-heading">
        {MSG.lists.served} <span className="count">{tickets.length}</span>
      </h2>
      {tickets.length === 0 ? (
        <p className="empty">{MSG.lists.servedEmpty}</p>
      ) : (
        <ol>
          {tickets.map((t) => (
            <li key={t.id} data-ticket={t.label}>
              <span className="row-label">{t.label}</span>
              <span className="row-main">
                <span className="row-field">{fieldName(t.fieldId)}</span>
                <span className={t.rating === null ? 'row-rating muted' : 'row-rating'}>
                  {ratingLabel(t.rating)}
                </span>
              </span>
              <span className="row-time">
                {t.finishedAt ? MSG.lists.finishedAt(formatTimeVi(t.finishedAt, tz)) : ''}
                {t.startedAt && t.finishedAt
                  ? ` · ${formatDurationVi(t.finishedAt - t.startedAt)}`
                  : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
