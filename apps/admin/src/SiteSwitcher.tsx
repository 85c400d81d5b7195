import { useEffect, useState } from 'react';
import type { SessionInfo, SiteSummary } from '@luot/protocol';
import type { Api } from './api.ts';
import { M } from './messages.ts';

/**
 * Moves the session to another site of the person's. The page reloads on the new site, so the
 * dashboard, pages and reports are all of the site chosen.
 */
export async function moveToSite(api: Api, siteId: string): Promise<string | null> {
  const res = await api.post<SessionInfo>('/api/session/site', { siteId });
  if (!res.ok) return res.error.message;
  const url = new URL(window.location.href);
  url.searchParams.delete('site');
  window.location.assign(url.toString());
  return null;
}

/**
 * The site the person works at now, and a choice of their others: shown only to people of
 * several sites (a province's staff).
 */
export function SiteSwitcher({ api, session }: { api: Api; session: SessionInfo }) {
  const [sites, setSites] = useState<SiteSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (session.sites !== null && session.sites.length < 2) return;
    void api.get<SiteSummary[]>('/api/sites').then((res) => {
      if (res.ok) setSites(res.data);
    });
  }, [api, session.sites]);
  if (sites.length < 2) return null;
  return (
    <label className="site-switcher">
      <span>{M.shell.site}</span>
      <select
        value={session.siteId}
        data-testid="site-switcher"
        onChange={(e) => void moveToSite(api, e.target.value).then(setError)}
      >
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {error && (
        <small className="error" role="alert">
          {error}
        </small>
      )}
    </label>
  );
}
