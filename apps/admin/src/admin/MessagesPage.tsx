import { useCallback, useEffect, useState } from 'react';
import type { SiteConfig } from '@luot/domain';
import { formatDateVi, formatTimeVi } from '@luot/ui';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';

const T = M.messages;
const KINDS = ['near', 'called', 'not-served', 'reminder'] as const;
const TEMPLATE_KINDS = ['code', ...KINDS] as const;

/** The settings as the hub sends them: every secret replaced by whether one is stored. */
interface Settings {
  push: { enabled: boolean };
  sms: {
    enabled: boolean;
    baseUrl: string;
    brandname: string;
    smsType: '2' | '8';
    apiKeySaved: boolean;
    secretKeySaved: boolean;
  };
  zns: {
    enabled: boolean;
    baseUrl: string;
    templates: Record<(typeof TEMPLATE_KINDS)[number], string>;
    accessTokenSaved: boolean;
  };
  phoneChannel: 'sms' | 'zns';
  codeChannel: 'sms' | 'zns';
  kinds: Record<(typeof KINDS)[number], boolean>;
}
interface Delivery {
  id: string;
  kind: string;
  channel: string;
  masked: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}
interface Deliveries {
  canEdit: boolean;
  counts: { pending: number; sending: number; sent: number; failed: number };
  messages: Delivery[];
}

/**
 * "Tin nhắn": for administrators the site's channels, provider settings (keys are typed, never
 * shown back: "đã lưu") and which messages are sent; for supervisors and administrators the
 * delivery list with its counts.
 */
export function MessagesPage({ api, config }: { api: Api; config: SiteConfig | null }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [secrets, setSecrets] = useState({ apiKey: '', secretKey: '', accessToken: '' });
  const [deliveries, setDeliveries] = useState<Deliveries | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const tz = config?.site.timeZone ?? 'Asia/Ho_Chi_Minh';

  const load = useCallback(async () => {
    const d = await api.get<Deliveries>('/api/admin/messages');
    if (!d.ok) return setMessage({ ok: false, text: d.error.message });
    setDeliveries(d.data);
    // Supervisors see the deliveries only; the settings are an administrator's.
    if (!d.data.canEdit) return;
    const s = await api.get<{ settings: Settings }>('/api/admin/messages/settings');
    if (s.ok) setSettings(s.data.settings);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const edit = (change: (s: Settings) => void) =>
    setSettings((s) => {
      if (!s) return s;
      const next = structuredClone(s);
      change(next);
      return next;
    });

  async function save() {
    if (!settings) return;
    const { apiKeySaved, secretKeySaved, ...sms } = settings.sms;
    const { accessTokenSaved, ...zns } = settings.zns;
    void [apiKeySaved, secretKeySaved, accessTokenSaved]; // sent back as typed keys, not flags
    const res = await api.put<{ settings: Settings }>('/api/admin/messages/settings', {
      ...settings,
      sms: { ...sms, apiKey: secrets.apiKey, secretKey: secrets.secretKey },
      zns: { ...zns, accessToken: secrets.accessToken },
    });
    if (res.ok) {
      setSettings(res.data.settings);
      setSecrets({ apiKey: '', secretKey: '', accessToken: '' });
    }
    setMessage(res.ok ? { ok: true, text: T.savedOk } : { ok: false, text: res.error.message });
  }

  const secretField = (name: keyof typeof secrets, label: string, saved: boolean) => (
    <label>
      {label} <small className="muted">({saved ? T.saved : T.notSaved})</small>
      <input
        type="password"
        autoComplete="off"
        placeholder={saved ? T.keepSecret : ''}
        value={secrets[name]}
        onChange={(e) => setSecrets({ ...secrets, [name]: e.target.value })}
      />
    </label>
  );
  const when = (at: number) => `${formatTimeVi(at, tz)} ${formatDateVi(at, tz)}`;

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{T.title}</h1>
        <button type="button" onClick={() => void load()}>
          {T.refresh}
        </button>
      </header>
      <p className="muted">{T.help}</p>
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {settings && (
        <form
          className="panel form-stack"
          data-testid="message-settings"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h2>{T.channels}</h2>
          <label className="check">
            <input
              type="checkbox"
              checked={settings.push.enabled}
              onChange={(e) => edit((s) => (s.push.enabled = e.target.checked))}
            />{' '}
            {T.push} <small className="muted">{T.pushHelp}</small>
          </label>
          <fieldset>
            <legend>
              <label className="check">
                <input
                  type="checkbox"
                  checked={settings.sms.enabled}
                  onChange={(e) => edit((s) => (s.sms.enabled = e.target.checked))}
                />{' '}
                {T.sms}
              </label>
            </legend>
            <label>
              {T.baseUrl}
              <input
                value={settings.sms.baseUrl}
                onChange={(e) => edit((s) => (s.sms.baseUrl = e.target.value))}
              />
            </label>
            {secretField('apiKey', T.apiKey, settings.sms.apiKeySaved)}
            {secretField('secretKey', T.secretKey, settings.sms.secretKeySaved)}
            <label>
              {T.brandname}
              <input
                value={settings.sms.brandname}
                onChange={(e) => edit((s) => (s.sms.brandname = e.target.value))}
              />
            </label>
            <label>
              {T.smsType}
              <select
                value={settings.sms.smsType}
                onChange={(e) => edit((s) => (s.sms.smsType = e.target.value as '2' | '8'))}
              >
                <option value="2">{T.smsType2}</option>
                <option value="8">{T.smsType8}</option>
              </select>
            </label>
          </fieldset>
          <fieldset>
            <legend>
              <label className="check">
                <input
                  type="checkbox"
                  checked={settings.zns.enabled}
                  onChange={(e) => edit((s) => (s.zns.enabled = e.target.checked))}
                />{' '}
                {T.zns}
              </label>
            </legend>
            <label>
              {T.baseUrl}
              <input
                value={settings.zns.baseUrl}
                onChange={(e) => edit((s) => (s.zns.baseUrl = e.target.value))}
              />
            </label>
            {secretField('accessToken', T.accessToken, settings.zns.accessTokenSaved)}
            <p className="muted">{T.templates}</p>
            {TEMPLATE_KINDS.map((kind) => (
              <label key={kind}>
                {T.kindNames[kind]}
                <input
                  value={settings.zns.templates[kind]}
                  onChange={(e) => edit((s) => (s.zns.templates[kind] = e.target.value))}
                />
              </label>
            ))}
          </fieldset>
          <label>
            {T.phoneChannel}
            <select
              value={settings.phoneChannel}
              onChange={(e) => edit((s) => (s.phoneChannel = e.target.value as 'sms' | 'zns'))}
            >
              <option value="sms">{T.channelNames.sms}</option>
              <option value="zns">{T.channelNames.zns}</option>
            </select>
          </label>
          <label>
            {T.codeChannel}
            <select
              value={settings.codeChannel}
              onChange={(e) => edit((s) => (s.codeChannel = e.target.value as 'sms' | 'zns'))}
            >
              <option value="sms">{T.channelNames.sms}</option>
              <option value="zns">{T.channelNames.zns}</option>
            </select>
          </label>
          <h2>{T.kinds}</h2>
          {KINDS.map((kind) => (
            <label className="check" key={kind}>
              <input
                type="checkbox"
                checked={settings.kinds[kind]}
                onChange={(e) => edit((s) => (s.kinds[kind] = e.target.checked))}
              />{' '}
              {T.kindNames[kind]}
            </label>
          ))}
          <div>
            <button type="submit" className="primary">
              {T.save}
            </button>
          </div>
        </form>
      )}
      <section className="panel" data-testid="deliveries">
        <h2>{T.deliveries}</h2>
        {deliveries && <p data-testid="delivery-counts">{T.counts(deliveries.counts)}</p>}
        {deliveries && deliveries.messages.length === 0 ? (
          <p className="muted">{T.empty}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{T.time}</th>
                <th scope="col">{T.kind}</th>
                <th scope="col">{T.channel}</th>
                <th scope="col">{T.recipient}</th>
                <th scope="col">{T.status}</th>
                <th scope="col">{T.attempts}</th>
                <th scope="col">{T.lastError}</th>
              </tr>
            </thead>
            <tbody>
              {(deliveries?.messages ?? []).map((d) => (
                <tr key={d.id} data-status={d.status}>
                  <td className="nowrap">{when(d.sentAt ?? d.createdAt)}</td>
                  <td>{T.kindNames[d.kind] ?? d.kind}</td>
                  <td>{T.channelNames[d.channel] ?? d.channel}</td>
                  <td className="nowrap">{d.masked}</td>
                  <td>{T.statuses[d.status] ?? d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
