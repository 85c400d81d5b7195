import { useCallback, useEffect, useRef, useState } from 'react';
import type { SiteConfig } from '@luot/domain';
import type { AdminSession } from '@luot/protocol';
import { formatDateVi, formatTimeVi } from '@luot/ui';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';

const S = M.sessions;

/** "Chrome 131 · Windows" from a user agent, enough to tell a counter PC from a phone. */
export function browserOf(userAgent: string | null): string {
  if (!userAgent) return S.unknown;
  const browser =
    /Edg\/(\d+)/.exec(userAgent)?.[0]?.replace('Edg/', 'Edge ') ??
    /Firefox\/(\d+)/.exec(userAgent)?.[0]?.replace('/', ' ') ??
    /Chrom(?:e|ium)\/(\d+)/.exec(userAgent)?.[0]?.replace('/', ' ') ??
    (/Safari\//.test(userAgent) ? 'Safari' : null);
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  const parts = [browser, system].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : userAgent.slice(0, 40);
}

/** Open sessions of every person, and a way to end one (admin only). */
export function SessionsPage({ api, config }: { api: Api; config: SiteConfig | null }) {
  const [sessions, setSessions] = useState<AdminSession[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const tz = config?.site.timeZone ?? 'Asia/Ho_Chi_Minh';
  const counterName = (id: string | null) =>
    id ? (config?.counters.find((c) => c.id === id)?.name ?? id) : S.unknown;

  const load = useCallback(async () => {
    const res = await api.get<AdminSession[]>('/api/admin/sessions');
    if (res.ok) setSessions(res.data);
    else setMessage({ ok: false, text: res.error.message });
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    // After a revocation the row (and its focused button) is gone: the outcome takes the focus.
    if (message) messageRef.current?.focus();
  }, [message]);

  async function revoke(s: AdminSession) {
    if (!window.confirm(S.confirm(s.name))) return;
    const res = await api.delete(`/api/admin/sessions/${encodeURIComponent(s.id)}`);
    setMessage(
      res.ok ? { ok: true, text: S.revoked(s.name) } : { ok: false, text: res.error.message },
    );
    void load();
  }

  const when = (at: number) => `${formatTimeVi(at, tz)} ${formatDateVi(at, tz)}`;

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{S.title}</h1>
        <button type="button" onClick={() => void load()}>
          {S.refresh}
        </button>
      </header>
      <p className="muted">{S.help}</p>
      {message && (
        <p
          ref={messageRef}
          tabIndex={-1}
          className={message.ok ? 'success' : 'error'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
      {sessions && sessions.length === 0 ? (
        <p className="muted panel">{S.empty}</p>
      ) : (
        <table className="data panel" data-testid="sessions">
          <thead>
            <tr>
              <th scope="col">{S.person}</th>
              <th scope="col">{S.role}</th>
              <th scope="col">{S.counter}</th>
              <th scope="col">{S.started}</th>
              <th scope="col">{S.lastSeen}</th>
              <th scope="col">{S.address}</th>
              <th scope="col">{S.browser}</th>
              <th scope="col">{S.actions}</th>
            </tr>
          </thead>
          <tbody>
            {(sessions ?? []).map((s) => (
              <tr key={s.id} data-session={s.id} data-user={s.username}>
                <th scope="row">
                  {s.name} <small className="muted">({s.username})</small>
                </th>
                <td>{M.users.roles[s.role]}</td>
                <td>{counterName(s.counterId)}</td>
                <td className="nowrap">{when(s.startedAt)}</td>
                <td className="nowrap">{when(s.lastSeenAt)}</td>
                <td>{s.address ?? S.unknown}</td>
                <td title={s.userAgent ?? undefined}>{browserOf(s.userAgent)}</td>
                <td>
                  {s.current ? (
                    <span className="tag">{S.current}</span>
                  ) : (
                    <button
                      type="button"
                      aria-label={S.revokeLabel(s.name)}
                      onClick={() => void revoke(s)}
                    >
                      {S.revoke}
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
