import { useCallback, useEffect, useState, type FormEvent } from 'react';
import QRCode from 'qrcode';
import { deviceBaseUrl, isLoopbackHost, type SiteConfig } from '@luot/domain';
import {
  DEVICE_KINDS,
  type AdminDevice,
  type DeviceKind,
  type DeviceStatus,
  type PairedDevice,
} from '@luot/protocol';
import { formatDateVi, formatTimeVi } from '@luot/ui';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { hubUrl } from '../session.ts';

const V = M.devices;

/** Devices: pair one (its token as text and as a QR code, shown once), revoke, last seen. */
export function DevicesPage({
  api,
  config,
  live,
}: {
  api: Api;
  config: SiteConfig | null;
  live: DeviceStatus[];
}) {
  const [devices, setDevices] = useState<AdminDevice[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [paired, setPaired] = useState<{ device: PairedDevice; qr: string; url: string } | null>(
    null,
  );
  const [form, setForm] = useState({
    id: '',
    kind: 'display' as DeviceKind,
    name: '',
    counterId: '',
    speaks: false,
  });
  const tz = config?.site.timeZone ?? 'Asia/Ho_Chi_Minh';
  // Devices open the configured hub address; without one, the address this page came from,
  // which no other device can reach when it is this machine's own (127.0.0.1, localhost).
  const configured = config ? deviceBaseUrl(config) : null;
  const base = configured ?? hubUrl();
  const unreachable = configured === null && isLoopbackHost(window.location.hostname);

  const load = useCallback(async () => {
    const res = await api.get<AdminDevice[]>('/api/admin/devices');
    if (res.ok) setDevices(res.data);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load, live]);

  async function pair(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await api.post<PairedDevice>('/api/admin/devices', {
      id: form.id.trim(),
      kind: form.kind,
      name: form.name,
      counterId: form.counterId || null,
      speaks: form.speaks,
    });
    if (!res.ok) return setError(res.error.message);
    const url = base + res.data.setupPath;
    const qr = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    setPaired({ device: res.data, qr, url });
    setForm({ id: '', kind: form.kind, name: '', counterId: '', speaks: false });
    void load();
  }

  async function revoke(d: AdminDevice) {
    if (!window.confirm(V.confirmRevoke(d.name))) return;
    const res = await api.post(`/api/admin/devices/${encodeURIComponent(d.id)}/revoke`, {});
    if (!res.ok) setError(res.error.message);
    void load();
  }

  const online = new Map(live.map((d) => [d.deviceId, d.online]));
  const when = (t: number | null) =>
    t === null ? '—' : `${formatTimeVi(t, tz)} ${formatDateVi(t, tz)}`;
  const counterName = (id: string | null) =>
    id ? (config?.counters.find((c) => c.id === id)?.name ?? id) : '—';

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{V.title}</h1>
      </header>
      {unreachable ? (
        <p className="warning" role="alert" data-testid="address-warning">
          {V.loopbackWarning}
        </p>
      ) : (
        configured === null && (
          <p className="muted" data-testid="address-note">
            {V.noAddressNote}
          </p>
        )
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <form className="panel inline-form" onSubmit={pair} aria-label={V.pair}>
        <label>
          {V.id}
          <input
            required
            value={form.id}
            placeholder="man-hinh-sanh-2"
            onChange={(e) => setForm({ ...form, id: e.target.value })}
          />
        </label>
        <label>
          {V.kind}
          <select
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value as DeviceKind })}
          >
            {DEVICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {M.dashboard.deviceKinds[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {V.name}
          <input
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </label>
        <label>
          {V.counter}
          <select
            value={form.counterId}
            onChange={(e) => setForm({ ...form, counterId: e.target.value })}
          >
            <option value="">{V.noCounter}</option>
            {config?.counters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.speaks}
            onChange={(e) => setForm({ ...form, speaks: e.target.checked })}
          />
          {V.speaks}
        </label>
        <button type="submit" className="primary">
          {V.pair}
        </button>
      </form>

      {paired && (
        <section className="panel paired" data-testid="paired-device">
          <h2>
            {V.tokenTitle}: {paired.device.device.name}
          </h2>
          <p className="muted">{V.tokenHelp}</p>
          <div className="paired-body">
            <div
              className="qr"
              dangerouslySetInnerHTML={{ __html: paired.qr }}
              aria-label={V.setupUrl}
              role="img"
            />
            <dl>
              <dt>{V.setupUrl}</dt>
              <dd>
                <code data-testid="setup-url">{paired.url}</code>
              </dd>
              <dt>{V.token}</dt>
              <dd>
                <code data-testid="device-token">{paired.device.token}</code>
              </dd>
            </dl>
          </div>
          <button type="button" onClick={() => setPaired(null)}>
            {V.done}
          </button>
        </section>
      )}

      <table className="data panel">
        <thead>
          <tr>
            <th>{V.id}</th>
            <th>{V.name}</th>
            <th>{V.kind}</th>
            <th>{V.counter}</th>
            <th>{V.state}</th>
            <th>{V.lastSeen}</th>
            <th>{V.created}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <tr key={d.id} data-device={d.id} data-revoked={d.revokedAt !== null}>
              <td>{d.id}</td>
              <td>{d.name}</td>
              <td>{M.dashboard.deviceKinds[d.kind]}</td>
              <td>{counterName(d.counterId)}</td>
              <td>
                {d.revokedAt !== null ? (
                  <span className="tag">{V.revoked}</span>
                ) : online.get(d.id) ? (
                  <span className="status" data-status="open">
                    {M.dashboard.online}
                  </span>
                ) : (
                  <span className="status" data-status="closed">
                    {M.dashboard.offline}
                  </span>
                )}
              </td>
              <td>{when(d.lastSeenAt)}</td>
              <td>{when(d.createdAt)}</td>
              <td>
                {d.revokedAt === null && (
                  <button type="button" className="danger" onClick={() => void revoke(d)}>
                    {V.revoke}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
