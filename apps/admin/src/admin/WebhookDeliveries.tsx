import { useCallback, useEffect, useState } from 'react';
import {
  WEBHOOK_DELIVERY_STATES,
  type WebhookDelivery,
  type WebhookDeliveryState,
  type WebhookSubscriptionSummary,
} from '@luot/protocol';
import { formatDateVi, formatTimeVi } from '@luot/ui';
import type { Api } from '../api.ts';
import { EVENT_NAMES, MW, STATE_NAMES } from '../messages-webhooks.ts';
import { listDeliveries, retryDelivery, type DeliveryPage } from './webhooks-api.ts';

const L = MW.log;
const D = MW.dead;
/** The log follows the outbox by itself; a person need not press "Tải lại" to see a retry. */
const REFRESH_MS = 5_000;

/**
 * The delivery log (`mode: 'log'`: every delivery, filtered by state and subscription) or the
 * dead-letter list (`mode: 'dead'`, with "Gửi lại" per delivery and for all shown), newest first,
 * a page at a time.
 */
export function WebhookDeliveries({
  api,
  mode,
  subscriptions,
  timeZone,
  ticketLabel,
  onUnreachable,
}: {
  api: Api;
  mode: 'log' | 'dead';
  subscriptions: WebhookSubscriptionSummary[];
  timeZone: string;
  /** A ticket's number when the page knows it (today's tickets), else null. */
  ticketLabel: (ticketId: string) => string | null;
  onUnreachable: () => void;
}) {
  const [state, setState] = useState<WebhookDeliveryState | null>(mode === 'dead' ? 'dead' : null);
  const [subscriptionId, setSubscriptionId] = useState<string | null>(null);
  // Where each page shown so far starts (null: the newest); the last one is on screen.
  const [starts, setStarts] = useState<(number | null)[]>([null]);
  const page = starts.length - 1;
  const [data, setData] = useState<DeliveryPage | null>(null);
  // Deliveries sent again from the dead-letter list stay shown, as the hub now has them (pending).
  const [retried, setRetried] = useState(new Map<string, WebhookDelivery>());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    const res = await listDeliveries(api, { state, subscriptionId }, starts[page]!);
    if (res.ok) setData(res.data);
    else if (res.status === 0) onUnreachable();
    else setMessage({ ok: false, text: res.error.message });
  }, [api, state, subscriptionId, starts, page, onUnreachable]);

  useEffect(() => {
    void load();
    if (mode === 'dead') return;
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, mode]);

  const urlOf = (id: string) => subscriptions.find((s) => s.id === id)?.url ?? id;
  const when = (at: number | null) =>
    at === null ? '—' : `${formatTimeVi(at, timeZone, true)} ${formatDateVi(at, timeZone)}`;

  const shown = mergeRetried(data?.deliveries ?? [], retried);
  // A deleted subscription's deliveries are listed but cannot be sent again (the hub refuses).
  const deleted = new Set(subscriptions.filter((s) => s.deletedAt !== null).map((s) => s.id));
  const canRetry = (d: WebhookDelivery) => d.state === 'dead' && !deleted.has(d.subscriptionId);
  const retriable = shown.filter(canRetry);

  async function retry(list: WebhookDelivery[]) {
    const question =
      list.length === 1
        ? D.confirmOne(EVENT_NAMES[list[0]!.type], urlOf(list[0]!.subscriptionId))
        : D.confirmAll(list.length);
    if (!window.confirm(question)) return;
    const next = new Map(retried);
    const failures: string[] = [];
    for (const d of list) {
      const res = await retryDelivery(api, d.id);
      if (res.ok) next.set(d.id, res.data);
      else failures.push(res.error.message);
    }
    setRetried(next);
    const done = list.length - failures.length;
    setMessage(
      failures.length === 0
        ? { ok: true, text: D.retried(done) }
        : { ok: false, text: D.someFailed(failures.length, failures[0]!) },
    );
  }

  function filterBy(next: { state?: WebhookDeliveryState | null; subscriptionId?: string | null }) {
    if (next.state !== undefined) setState(next.state);
    if (next.subscriptionId !== undefined) setSubscriptionId(next.subscriptionId);
    setStarts([null]);
    setRetried(new Map());
  }

  const filtered = state !== (mode === 'dead' ? 'dead' : null) || subscriptionId !== null;

  return (
    <section className="admin-page" aria-label={mode === 'dead' ? MW.tabs.dead : MW.tabs.log}>
      {mode === 'dead' && <p className="muted">{D.help}</p>}
      <div className="panel inline-form webhook-filters">
        {mode === 'log' && (
          <label>
            {L.state}
            <select
              data-testid="delivery-state-filter"
              value={state ?? ''}
              onChange={(e) =>
                filterBy({ state: (e.target.value || null) as WebhookDeliveryState | null })
              }
            >
              <option value="">{L.anyState}</option>
              {WEBHOOK_DELIVERY_STATES.map((s) => (
                <option key={s} value={s}>
                  {STATE_NAMES[s]}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {L.subscription}
          <select
            data-testid="delivery-subscription-filter"
            value={subscriptionId ?? ''}
            onChange={(e) => filterBy({ subscriptionId: e.target.value || null })}
          >
            <option value="">{L.anySubscription}</option>
            {subscriptions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.url}
                {s.deletedAt !== null ? ` (${MW.subscriptions.deleted})` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void load()}>
          {MW.reload}
        </button>
        {mode === 'dead' && retriable.length > 1 && (
          <button type="button" className="primary" onClick={() => void retry(retriable)}>
            {D.retryAll(retriable.length)}
          </button>
        )}
      </div>
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {data === null ? (
        <p className="muted">{L.loading}</p>
      ) : shown.length === 0 ? (
        <p className="muted panel" data-testid="deliveries-empty">
          {mode === 'dead' ? D.empty : filtered ? L.emptyFiltered : L.empty}
        </p>
      ) : (
        <table className="data panel" data-testid={mode === 'dead' ? 'dead-letters' : 'deliveries'}>
          <thead>
            <tr>
              <th scope="col">{L.state}</th>
              <th scope="col">{L.event}</th>
              <th scope="col">{L.ticket}</th>
              <th scope="col">{L.subscription}</th>
              <th scope="col">{L.attempts}</th>
              <th scope="col">{L.last}</th>
              <th scope="col">{L.next}</th>
              <th scope="col">{L.created}</th>
              {mode === 'dead' && <th scope="col" />}
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.id} data-delivery={d.id} data-state={d.state}>
                <td>
                  <span className="status" data-delivery-state={d.state}>
                    {STATE_NAMES[d.state]}
                  </span>
                </td>
                <td className="nowrap">{EVENT_NAMES[d.type] ?? d.type}</td>
                <td className="nowrap">
                  {d.ticketId === null ? (
                    '—'
                  ) : (
                    <TicketCell id={d.ticketId} label={d.ticketLabel ?? ticketLabel(d.ticketId)} />
                  )}
                </td>
                <td className="webhook-url">
                  <small>{urlOf(d.subscriptionId)}</small>
                </td>
                <td className="num">{d.attempts}</td>
                <td className="webhook-last" title={d.lastError ?? undefined}>
                  {lastOutcome(d, when)}
                </td>
                <td className="nowrap">{d.state === 'pending' ? when(d.nextAttemptAt) : '—'}</td>
                <td className="nowrap">{when(d.createdAt)}</td>
                {mode === 'dead' && (
                  <td>
                    {canRetry(d) && (
                      <button
                        type="button"
                        aria-label={D.retryLabel(EVENT_NAMES[d.type], d.id)}
                        onClick={() => void retry([d])}
                      >
                        {D.retry}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(page > 0 || data?.next != null) && (
        <nav className="pager" aria-label={L.page(page + 1)}>
          <button
            type="button"
            disabled={page === 0}
            onClick={() => setStarts(starts.slice(0, -1))}
          >
            {L.newer}
          </button>
          <span>{L.page(page + 1)}</span>
          <button
            type="button"
            disabled={data?.next == null}
            onClick={() => data?.next != null && setStarts([...starts, data.next])}
          >
            {L.older}
          </button>
        </nav>
      )}
    </section>
  );
}

/** The ticket by its number (kept with each delivery); by the start of its id (whole on hover) if unknown. */
function TicketCell({ id, label }: { id: string; label: string | null }) {
  if (label !== null) return <>{label}</>;
  return (
    <code className="webhook-ticket-id" title={id}>
      {id.slice(0, 8)}…
    </code>
  );
}

/** The page as loaded, with the deliveries sent again since in their new state. */
function mergeRetried(
  page: WebhookDelivery[],
  retried: ReadonlyMap<string, WebhookDelivery>,
): WebhookDelivery[] {
  return page.map((d) => retried.get(d.id) ?? d);
}

/** "Đã gửi lúc …", "HTTP 500: …", or why no answer came. */
function lastOutcome(d: WebhookDelivery, when: (at: number | null) => string): string {
  if (d.state === 'delivered') return L.delivered(when(d.deliveredAt));
  if (d.attempts === 0) return '—';
  if (d.lastStatus !== null) return L.status(d.lastStatus);
  return d.lastError ?? L.noAnswer;
}
