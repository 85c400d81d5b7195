import { useCallback, useEffect, useState } from 'react';
import type { QueueState } from '@luot/domain';
import type { SessionInfo, SiteSummary, WebhookSubscriptionSummary } from '@luot/protocol';
import type { Api } from '../api.ts';
import { MW } from '../messages-webhooks.ts';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';
import { WebhookSubscriptions, type SiteChoice } from './WebhookSubscriptions.tsx';
import { listSubscriptions } from './webhooks-api.ts';
import './webhooks.css';

const TABS = [
  { id: 'subscriptions', slug: '', label: MW.tabs.subscriptions },
  { id: 'log', slug: 'nhat-ky-gui', label: MW.tabs.log },
  { id: 'dead', slug: 'khong-gui-duoc', label: MW.tabs.dead },
] as const;
type TabId = (typeof TABS)[number]['id'];
const BASE_PATH = '/admin/webhook';

function tabOf(pathname: string): TabId {
  const slug = pathname.replace(/^\/admin\/webhook\/?/, '').split('/')[0] ?? '';
  return TABS.find((t) => t.slug === slug)?.id ?? 'subscriptions';
}

/**
 * "Webhook": the subscriptions (add one, its secret shown once, delete), the delivery log and
 * the dead-letter list with "Gửi lại"; each part at its own address (/admin/webhook/nhat-ky-gui).
 */
export function WebhooksPage({
  api,
  session,
  state,
}: {
  api: Api;
  session: SessionInfo;
  state: QueueState | null;
}) {
  const [tab, setTab] = useState<TabId>(() => tabOf(window.location.pathname));
  const [subscriptions, setSubscriptions] = useState<WebhookSubscriptionSummary[] | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [siteNames, setSiteNames] = useState(new Map<string, string>());

  const load = useCallback(async () => {
    const res = await listSubscriptions(api);
    setUnreachable(!res.ok && res.status === 0);
    if (res.ok) {
      setSubscriptions(res.data.subscriptions);
      setError(null);
    } else if (res.status !== 0) setError(res.error.message);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (session.sites !== null && session.sites.length < 2) return;
    void api.get<SiteSummary[]>('/api/sites').then((res) => {
      if (res.ok) setSiteNames(new Map(res.data.map((s) => [s.id, s.name])));
    });
  }, [api, session.sites]);
  useEffect(() => {
    const onPop = () => setTab(tabOf(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const go = (id: TabId) => {
    const slug = TABS.find((t) => t.id === id)!.slug;
    window.history.pushState(null, '', slug ? `${BASE_PATH}/${slug}` : BASE_PATH);
    setTab(id);
  };
  const onUnreachable = useCallback(() => setUnreachable(true), []);

  const sites: SiteChoice = {
    siteId: session.siteId,
    siteName: (id) =>
      id === null
        ? MW.subscriptions.allSites
        : (siteNames.get(id) ??
          (id === session.siteId ? state?.config.site.name : undefined) ??
          id),
    everySite: session.sites === null,
    timeZone: state?.config.site.timeZone ?? 'Asia/Ho_Chi_Minh',
  };
  const ticketLabel = (id: string) => state?.tickets[id]?.label ?? null;

  return (
    <div className="admin-page webhooks-page">
      <header className="page-head">
        <h1>{MW.title}</h1>
      </header>
      <p className="muted">{MW.intro}</p>
      <nav className="tabs" aria-label={MW.tabs.label}>
        {TABS.map((t) => (
          <a
            key={t.id}
            href={t.slug ? `${BASE_PATH}/${t.slug}` : BASE_PATH}
            aria-current={t.id === tab ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              go(t.id);
            }}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {unreachable ? (
        <div className="error" role="alert" data-testid="webhooks-unreachable">
          <p>{MW.unreachable}</p>
          <button
            type="button"
            onClick={() => {
              setUnreachable(false);
              void load();
            }}
          >
            {MW.reload}
          </button>
        </div>
      ) : error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : subscriptions === null ? (
        <p className="muted">{MW.log.loading}</p>
      ) : tab === 'subscriptions' ? (
        <WebhookSubscriptions
          api={api}
          subscriptions={subscriptions}
          sites={sites}
          onChanged={() => void load()}
        />
      ) : (
        <WebhookDeliveries
          key={tab}
          api={api}
          mode={tab}
          subscriptions={subscriptions}
          timeZone={sites.timeZone}
          ticketLabel={ticketLabel}
          onUnreachable={onUnreachable}
        />
      )}
    </div>
  );
}
