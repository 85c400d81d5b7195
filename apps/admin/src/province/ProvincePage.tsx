import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DashboardAlarm } from '@luot/domain';
import type { ProvinceOverview, ProvinceSite } from '@luot/protocol';
import { formatDurationVi, formatTimeVi } from '@luot/ui';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { ProvinceReportSection } from './ProvinceReportSection.tsx';
import { sortSites, type SiteSort } from './sort.ts';
import './province.css';

const P = M.province;
/** How often the overview is asked again. */
export const OVERVIEW_REFRESH_MS = 5_000;

const COLUMNS: { sort: Exclude<SiteSort, 'worst'>; label: string; num: boolean }[] = [
  { sort: 'name', label: P.columns.site, num: false },
  { sort: 'counters', label: P.columns.counters, num: true },
  { sort: 'waiting', label: P.columns.waiting, num: true },
  { sort: 'longestWait', label: P.columns.longestWait, num: true },
  { sort: 'served', label: P.columns.served, num: true },
];

/** The overview, asked now and every few seconds; null until the first answer. */
function useOverview(api: Api) {
  const [overview, setOverview] = useState<ProvinceOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const res = await api.get<ProvinceOverview>('/api/province/overview');
    if (res.ok) {
      setOverview(res.data);
      setError(null);
    } else setError(res.error.message);
  }, [api]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), OVERVIEW_REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  return { overview, error, reload: load };
}

function alarmText(a: DashboardAlarm): string {
  return a.kind === 'waitOverTarget'
    ? P.alarmWait(a.fieldName, Math.floor(a.waitMs / 60_000), a.targetMinutes)
    : P.alarmCalled(a.counterName, a.ticketLabel, Math.floor(a.sinceCalledMs / 60_000));
}

/** Toàn tỉnh: every site the person reaches, worst first, a report across them, adding a site. */
export function ProvincePage({ api, today }: { api: Api; today: string | null }) {
  const { overview, error, reload } = useOverview(api);
  const [sort, setSort] = useState<{ by: SiteSort; reversed: boolean }>({
    by: 'worst',
    reversed: false,
  });
  const pick = (by: SiteSort) =>
    setSort((s) => ({ by, reversed: s.by === by ? !s.reversed : false }));

  if (!overview)
    return error ? (
      <p className="error" role="alert">
        {error}
      </p>
    ) : (
      <p className="muted">{P.loading}</p>
    );
  const sites = sortSites(overview.sites, sort.by, sort.reversed);
  const day = overview.sites[0]?.day ?? today;

  return (
    <div className="province">
      <header className="page-head">
        <h1>{P.title}</h1>
        <span className="muted" data-testid="province-updated">
          {P.sites(overview.sites.length)} ·{' '}
          {P.updated(formatTimeVi(overview.serverTime, undefined, true))}
        </span>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section className="panel table-scroll">
        {sites.length === 0 ? (
          <p className="muted">{P.none}</p>
        ) : (
          <table className="data province-table" data-testid="province-sites">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.sort}
                    className={c.num ? 'num' : undefined}
                    aria-sort={
                      sort.by === c.sort ? (sort.reversed ? 'ascending' : 'descending') : undefined
                    }
                  >
                    <button
                      type="button"
                      className="link"
                      title={P.sortBy(c.label)}
                      onClick={() => pick(c.sort)}
                    >
                      {c.label}
                      {sort.by === c.sort && (sort.reversed ? ' ▲' : ' ▼')}
                    </button>
                  </th>
                ))}
                <th aria-sort={sort.by === 'worst' ? 'descending' : undefined}>
                  <button
                    type="button"
                    className="link"
                    title={P.worstFirst}
                    onClick={() => pick('worst')}
                  >
                    {P.columns.alarms}
                    {sort.by === 'worst' && (sort.reversed ? ' ▲' : ' ▼')}
                  </button>
                </th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <SiteRow key={s.id} site={s} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      {overview.canManage && <AddSiteForm api={api} onAdded={() => void reload()} />}
      <ProvinceReportSection api={api} today={day ?? null} />
    </div>
  );
}

function SiteRow({ site }: { site: ProvinceSite }) {
  return (
    <tr data-site={site.id} data-level={site.level}>
      <th scope="row">
        <a href={`/admin/?site=${encodeURIComponent(site.id)}`} title={P.open}>
          {site.name}
        </a>
      </th>
      <td className="num">
        {site.openCounters} / {site.counters}
        {site.pausedCounters > 0 && (
          <small className="level-text">{P.paused(site.pausedCounters)}</small>
        )}
      </td>
      <td className="num big">{site.waiting}</td>
      <td className="num wait">
        {site.longestWaitMs === null ? '—' : formatDurationVi(site.longestWaitMs)}
      </td>
      <td className="num">{site.servedToday}</td>
      <td className="alarms-cell">
        {site.alarms.length === 0 ? (
          <span className="muted">{P.levels[site.level]}</span>
        ) : (
          <ul>
            {site.alarms.map((a) => (
              <li key={a.key}>{alarmText(a)}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function AddSiteForm({ api, onAdded }: { api: Api; onAdded: () => void }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('Asia/Ho_Chi_Minh');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await api.post<{ id: string }>('/api/province/sites', { id, name, timeZone });
    setBusy(false);
    if (res.ok) {
      setMessage({ ok: true, text: P.added(name) });
      setId('');
      setName('');
      onAdded();
    } else setMessage({ ok: false, text: res.error.message });
  }

  return (
    <section className="panel" aria-label={P.addTitle}>
      <h2>{P.addTitle}</h2>
      <p className="muted small">{P.addHelp}</p>
      <form className="inline-form add-site" onSubmit={(e) => void submit(e)}>
        <label>
          {P.siteName}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </label>
        <label>
          {P.siteId}
          <input
            value={id}
            onChange={(e) => setId(e.target.value)}
            required
            pattern="[a-z0-9][a-z0-9\-]{0,39}"
            maxLength={40}
          />
        </label>
        <label>
          {P.timeZone}
          <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} required />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? P.adding : P.add}
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
