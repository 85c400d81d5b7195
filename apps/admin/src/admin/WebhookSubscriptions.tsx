import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookCreated,
  type WebhookEventType,
  type WebhookSubscriptionSummary,
} from '@luot/protocol';
import { formatDateVi, formatTimeVi } from '@luot/ui';
import type { Api } from '../api.ts';
import { EVENT_NAMES, MW } from '../messages-webhooks.ts';
import { WebhookEventPicker } from './WebhookEventPicker.tsx';
import { createSubscription, deleteSubscription } from './webhooks-api.ts';

const S = MW.subscriptions;
const F = MW.form;

export interface SiteChoice {
  /** The site the session works at. */
  siteId: string;
  siteName: (siteId: string | null) => string;
  /** Whether the person administers every site (may subscribe to all of them). */
  everySite: boolean;
  timeZone: string;
}

/** The subscriptions, a form to add one (its secret shown once), and delete with a confirm. */
export function WebhookSubscriptions({
  api,
  subscriptions,
  sites,
  onChanged,
}: {
  api: Api;
  subscriptions: WebhookSubscriptionSummary[];
  sites: SiteChoice;
  onChanged: () => void;
}) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<Set<WebhookEventType>>(new Set());
  const [allSites, setAllSites] = useState(false);
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const secretRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (created) secretRef.current?.focus();
  }, [created]);

  async function add(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    if (!/^https?:\/\/\S+/i.test(url.trim())) return setMessage({ ok: false, text: F.badUrl });
    if (events.size === 0) return setMessage({ ok: false, text: F.noEvents });
    setBusy(true);
    const res = await createSubscription(api, {
      url: url.trim(),
      // In the contract's order, so a subscription reads the same whatever was ticked first.
      events: WEBHOOK_EVENT_TYPES.filter((t) => events.has(t)),
      siteId: allSites ? null : sites.siteId,
      description: description.trim(),
    });
    setBusy(false);
    if (!res.ok) return setMessage({ ok: false, text: res.error.message });
    setCreated(res.data);
    setUrl('');
    setEvents(new Set());
    setDescription('');
    setAllSites(false);
    onChanged();
  }

  async function remove(s: WebhookSubscriptionSummary) {
    if (!window.confirm(S.confirmDelete(s.url))) return;
    const res = await deleteSubscription(api, s.id);
    setMessage(
      res.ok ? { ok: true, text: S.deletedNote(s.url) } : { ok: false, text: res.error.message },
    );
    onChanged();
  }

  const when = (at: number) =>
    `${formatTimeVi(at, sites.timeZone)} ${formatDateVi(at, sites.timeZone)}`;
  const live = subscriptions.filter((s) => s.deletedAt === null);

  return (
    <>
      {created && (
        <SecretPanel created={created} panelRef={secretRef} onDone={() => setCreated(null)} />
      )}
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {live.length === 0 ? (
        <p className="muted panel" data-testid="webhooks-empty">
          {S.empty}
        </p>
      ) : (
        <table className="data panel" data-testid="webhooks">
          <thead>
            <tr>
              <th scope="col">{S.url}</th>
              <th scope="col">{S.events}</th>
              <th scope="col">{S.site}</th>
              <th scope="col">{S.description}</th>
              <th scope="col">{S.created}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {live.map((s) => (
              <tr key={s.id} data-webhook={s.id}>
                <th scope="row" className="webhook-url">
                  <code>{s.url}</code>
                </th>
                <td
                  className="webhook-events-cell"
                  title={s.events.map((e) => EVENT_NAMES[e]).join(', ')}
                >
                  {s.events.length === WEBHOOK_EVENT_TYPES.length
                    ? S.allEvents
                    : s.events.length <= 3
                      ? s.events.map((e) => EVENT_NAMES[e]).join(', ')
                      : S.eventsCount(s.events.length)}
                </td>
                <td>{sites.siteName(s.siteId)}</td>
                <td>{s.description || '—'}</td>
                <td className="nowrap">
                  {when(s.createdAt)}
                  <br />
                  <small className="muted">{s.createdBy}</small>
                </td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    aria-label={S.deleteLabel(s.url)}
                    onClick={() => void remove(s)}
                  >
                    {S.delete}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form
        className="panel form-stack webhook-form"
        onSubmit={add}
        aria-label={F.title}
        noValidate
      >
        <h2>{F.title}</h2>
        <label>
          {S.url}
          <input
            name="url"
            type="url"
            required
            value={url}
            placeholder="https://"
            onChange={(e) => setUrl(e.target.value)}
          />
          <small>{F.urlHelp}</small>
        </label>
        <WebhookEventPicker value={events} onChange={setEvents} />
        {sites.everySite ? (
          <fieldset className="webhook-site">
            <legend>{S.site}</legend>
            <label className="check">
              <input
                type="radio"
                name="site"
                checked={!allSites}
                onChange={() => setAllSites(false)}
              />
              {F.thisSite(sites.siteName(sites.siteId))}
            </label>
            <label className="check">
              <input
                type="radio"
                name="site"
                checked={allSites}
                onChange={() => setAllSites(true)}
              />
              {F.everySite}
            </label>
          </fieldset>
        ) : (
          <p className="muted small">
            {S.site}: {sites.siteName(sites.siteId)}
          </p>
        )}
        <label>
          {S.description}
          <input
            name="description"
            maxLength={200}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <small>{F.descriptionHelp}</small>
        </label>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? F.adding : F.add}
          </button>
        </div>
      </form>
    </>
  );
}

/** The new subscription's signing secret, once, with a copy button and the warning. */
function SecretPanel({
  created,
  panelRef,
  onDone,
}: {
  created: WebhookCreated;
  panelRef: React.RefObject<HTMLElement | null>;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(MW.secret.copied);
    } catch {
      setCopied(MW.secret.copyFailed);
    }
  }
  return (
    <section
      className="panel paired webhook-secret"
      data-testid="webhook-secret"
      ref={panelRef}
      tabIndex={-1}
      aria-labelledby="webhook-secret-title"
    >
      <h2 id="webhook-secret-title">{MW.secret.title}</h2>
      <p className="muted">{MW.secret.forUrl(created.url)}</p>
      <p className="warning" role="alert">
        {MW.secret.warning}
      </p>
      <p>
        <code data-testid="webhook-secret-value">{created.secret}</code>
      </p>
      <div className="row-actions">
        <button type="button" onClick={() => void copy()}>
          {MW.secret.copy}
        </button>
        <button type="button" className="primary" onClick={onDone}>
          {MW.secret.done}
        </button>
        {copied && (
          <span role="status" className="muted small">
            {copied}
          </span>
        )}
      </div>
    </section>
  );
}
