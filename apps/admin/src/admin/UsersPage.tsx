import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { USER_ROLES, type AdminUser, type SiteSummary, type UserRole } from '@luot/protocol';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';

const U = M.users;

/** How a new person's sites are chosen: this site (''), one other site, or every site. */
const EVERY_SITE = '*';

/**
 * People: create an account, reset a password, disable or enable an account. In a province,
 * each person's sites are shown, and an administrator of several sites chooses where a new
 * person works (every site: a province administrator only).
 */
export function UsersPage({ api }: { api: Api }) {
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [sites, setSites] = useState<SiteSummary[]>([]);
  const [site, setSite] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [form, setForm] = useState({
    username: '',
    name: '',
    role: 'clerk' as UserRole,
    password: '',
  });
  const [resetting, setResetting] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');

  const load = useCallback(async () => {
    const res = await api.get<AdminUser[]>('/api/admin/users');
    if (res.ok) setUsers(res.data);
  }, [api]);
  useEffect(() => {
    void load();
    void api.get<SiteSummary[]>('/api/sites').then((res) => res.ok && setSites(res.data));
  }, [load, api]);
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? id;

  async function create(e: FormEvent) {
    e.preventDefault();
    const res = await api.post<AdminUser>('/api/admin/users', {
      ...form,
      username: form.username.trim(),
      ...(site && { sites: site === EVERY_SITE ? null : [site] }),
    });
    setMessage(res.ok ? { ok: true, text: U.created } : { ok: false, text: res.error.message });
    if (res.ok) {
      setForm({ username: '', name: '', role: 'clerk', password: '' });
      void load();
    }
  }

  async function resetPassword(username: string) {
    const res = await api.post(`/api/admin/users/${encodeURIComponent(username)}/password`, {
      password: newPassword,
    });
    setMessage(
      res.ok ? { ok: true, text: U.passwordChanged } : { ok: false, text: res.error.message },
    );
    if (res.ok) {
      setResetting(null);
      setNewPassword('');
    }
  }

  async function setDisabled(username: string, disabled: boolean) {
    const res = await api.post(`/api/admin/users/${encodeURIComponent(username)}/disabled`, {
      disabled,
    });
    if (!res.ok) setMessage({ ok: false, text: res.error.message });
    void load();
  }

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{U.title}</h1>
      </header>
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <form className="panel inline-form" onSubmit={create} aria-label={U.add}>
        <label>
          {U.username}
          <input
            required
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
          />
        </label>
        <label>
          {U.name}
          <input
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </label>
        <label>
          {U.role}
          <select
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as UserRole })}
          >
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {U.roles[r]}
              </option>
            ))}
          </select>
        </label>
        {sites.length > 1 && (
          <label>
            {U.sites}
            <select value={site} onChange={(e) => setSite(e.target.value)}>
              <option value="">{U.currentSite}</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
              <option value={EVERY_SITE}>{U.everySite}</option>
            </select>
          </label>
        )}
        <label>
          {U.password}
          <input
            required
            type="password"
            minLength={8}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </label>
        <button type="submit" className="primary">
          {U.add}
        </button>
      </form>
      <table className="data panel">
        <thead>
          <tr>
            <th>{U.username}</th>
            <th>{U.name}</th>
            <th>{U.role}</th>
            {sites.length > 1 && <th>{U.sites}</th>}
            <th>{U.status}</th>
            <th>{U.actions}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.username} data-user={u.username} data-disabled={u.disabled}>
              <td>{u.username}</td>
              <td>{u.name}</td>
              <td>{U.roles[u.role]}</td>
              {sites.length > 1 && (
                <td>{u.sites === null ? U.everySite : u.sites.map(siteName).join(', ')}</td>
              )}
              <td>{u.disabled ? <span className="tag">{U.disabled}</span> : U.active}</td>
              <td className="actions">
                {resetting === u.username ? (
                  <>
                    <input
                      type="password"
                      aria-label={U.newPassword}
                      placeholder={U.newPassword}
                      minLength={8}
                      value={newPassword}
                      onChange={(e) => setNewPassword(e.target.value)}
                    />
                    <button
                      type="button"
                      className="primary"
                      onClick={() => void resetPassword(u.username)}
                    >
                      {M.config.save}
                    </button>
                    <button type="button" onClick={() => setResetting(null)}>
                      {M.config.close}
                    </button>
                  </>
                ) : (
                  <>
                    <button
                      type="button"
                      onClick={() => (setResetting(u.username), setNewPassword(''))}
                    >
                      {U.resetPassword}
                    </button>
                    <button type="button" onClick={() => void setDisabled(u.username, !u.disabled)}>
                      {u.disabled ? U.enable : U.disable}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
