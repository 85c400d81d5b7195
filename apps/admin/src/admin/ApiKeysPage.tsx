import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SiteConfig } from '@luot/domain';
import {
  API_PERMISSIONS,
  type ApiKeyCreated,
  type ApiKeySummary,
  type ApiPermission,
  type SessionInfo,
  type SiteSummary,
} from '@luot/protocol';
import { formatDateVi, formatTimeVi } from '@luot/ui';
import type { Api } from '../api.ts';
import { MK } from '../messages-api-keys.ts';
import './api-keys.css';

/** The site select's value for a key of every site. */
const ALL = '*';

/**
 * The REST API's keys: the list (site, permissions, prefix, created, last used, revoked), a form
 * to create one, its secret shown once with a copy button, and revocation after a confirm.
 */
export function ApiKeysPage({
  api,
  config,
  session,
}: {
  api: Api;
  config: SiteConfig | null;
  session: SessionInfo;
}) {
  const [keys, setKeys] = useState<ApiKeySummary[]>([]);
  const [sites, setSites] = useState<SiteSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [form, setForm] = useState({
    name: '',
    site: session.siteId,
    permissions: new Set<ApiPermission>(['queue:read']),
  });
  const tz = config?.site.timeZone ?? 'Asia/Ho_Chi_Minh';

  const load = useCallback(async () => {
    const res = await api.get<ApiKeySummary[]>('/api/admin/api-keys');
    if (res.ok) setKeys(res.data);
    else setError(res.error.message);
  }, [api]);
  useEffect(() => {
    void load();
    void api.get<SiteSummary[]>('/api/sites').then((res) => {
      if (res.ok) setSites(res.data);
    });
  }, [api, load]);

  const siteName = (id: string | null) =>
    id === null ? MK.allSites : (sites.find((s) => s.id === id)?.name ?? id);
  const siteChoices = [
    ...(session.sites === null ? [{ id: ALL, name: MK.allSites }] : []),
    ...sites,
  ];
  const when = (t: number) => `${formatTimeVi(t, tz)} ${formatDateVi(t, tz)}`;

  function toggle(p: ApiPermission, on: boolean) {
    const permissions = new Set(form.permissions);
    if (on) permissions.add(p);
    else permissions.delete(p);
    setForm({ ...form, permissions });
  }

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (form.permissions.size === 0) return setError(MK.needPermission);
    const res = await api.post<ApiKeyCreated>('/api/admin/api-keys', {
      name: form.name,
      siteId: form.site === ALL ? null : form.site,
      permissions: API_PERMISSIONS.filter((p) => form.permissions.has(p)),
    });
    if (!res.ok) return setError(res.error.message);
    setCreated(res.data);
    setCopied(null);
    setForm({ ...form, name: '' });
    void load();
  }

  async function copy(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(MK.copied);
    } catch {
      setCopied(MK.copyFailed);
    }
  }

  async function revoke(key: ApiKeySummary) {
    if (!window.confirm(MK.confirmRevoke(key.name))) return;
    setError(null);
    const res = await api.post(`/api/admin/api-keys/${encodeURIComponent(key.id)}/revoke`, {});
    if (!res.ok) setError(res.error.message);
    void load();
  }

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{MK.title}</h1>
      </header>
      <p className="muted">{MK.intro}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      {created ? (
        <section className="panel api-key-secret" data-testid="api-key-secret" role="alert">
          <h2>{MK.secretTitle(created.name)}</h2>
          <p className="warning">{MK.secretWarning}</p>
          <div className="secret-row">
            <span>{MK.secretLabel}:</span>
            <code data-testid="api-key-secret-value">{created.secret}</code>
            <button type="button" onClick={() => void copy(created.secret)}>
              {MK.copy}
            </button>
            {copied && (
              <span className="muted" role="status">
                {copied}
              </span>
            )}
          </div>
          <p className="muted">
            {MK.usage} <code>Authorization: Bearer {created.prefix}…</code>
          </p>
          <button type="button" className="primary" onClick={() => setCreated(null)}>
            {MK.done}
          </button>
        </section>
      ) : (
        <form className="panel api-key-form" onSubmit={create} aria-label={MK.create}>
          <h2>{MK.create}</h2>
          <label>
            {MK.name}
            <input
              required
              maxLength={80}
              value={form.name}
              placeholder={MK.namePlaceholder}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </label>
          {siteChoices.length > 1 && (
            <label>
              {MK.site}
              <select
                value={form.site}
                onChange={(e) => setForm({ ...form, site: e.target.value })}
              >
                {siteChoices.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <fieldset>
            <legend>{MK.permissions}</legend>
            <div className="api-key-permissions">
              {API_PERMISSIONS.map((p) => (
                <label key={p} className="check">
                  <input
                    type="checkbox"
                    name={p}
                    checked={form.permissions.has(p)}
                    onChange={(e) => toggle(p, e.target.checked)}
                  />
                  <span>
                    <strong>{MK.permission[p].short}</strong> —{' '}
                    <small>{MK.permission[p].line}</small>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <button type="submit" className="primary">
              {MK.create}
            </button>
          </div>
        </form>
      )}

      <h2>{MK.listTitle}</h2>
      {keys.length === 0 ? (
        <p className="muted">{MK.empty}</p>
      ) : (
        <table className="data panel api-key-list">
          <thead>
            <tr>
              <th>{MK.name}</th>
              <th>{MK.site}</th>
              <th>{MK.permissions}</th>
              <th>{MK.prefix}</th>
              <th>{MK.created}</th>
              <th>{MK.lastUsed}</th>
              <th>{MK.state}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} data-key={k.name} data-revoked={k.revokedAt !== null}>
                <td>{k.name}</td>
                <td>{siteName(k.siteId)}</td>
                <td>
                  <ul className="api-key-perms">
                    {k.permissions.map((p) => (
                      <li key={p}>{MK.permission[p].short}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>
                  {when(k.createdAt)}
                  <br />
                  <small className="muted">{MK.createdBy(k.createdBy)}</small>
                </td>
                <td data-testid="last-used">
                  {k.lastUsedAt === null ? MK.neverUsed : when(k.lastUsedAt)}
                </td>
                <td>
                  {k.revokedAt === null ? (
                    <span className="status" data-status="open">
                      {MK.active}
                    </span>
                  ) : (
                    <>
                      <span className="tag">{MK.revoked}</span>
                      <br />
                      <small className="muted">{MK.revokedAt(when(k.revokedAt))}</small>
                    </>
                  )}
                </td>
                <td>
                  {k.revokedAt === null && (
                    <button type="button" className="danger" onClick={() => void revoke(k)}>
                      {MK.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
