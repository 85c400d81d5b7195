import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SiteConfig } from '@luot/domain';
import type { StaffingPlan } from '@luot/protocol';
import type { Api } from '../api.ts';
import { MP } from '../messages-planner.ts';
import { fullDay } from '../reports/format.ts';
import { CellDetail } from './CellDetail.tsx';
import { HeatLegend, HeatMap, type PickedCell } from './HeatMap.tsx';
import {
  anyWhatIf,
  countChanged,
  hasHistory,
  lastFullWeeks,
  NO_WHAT_IF,
  shownHours,
  staffingQueryString,
  type StaffingForm,
  type WhatIf,
} from './staffing-map.ts';
import './planner.css';

type Loaded = { base: StaffingPlan; shown: StaffingPlan; whatIf: boolean };

/**
 * "Kế hoạch nhân sự": the counters needed per weekday and hour against those open, from the hub's
 * plan of a period's history (GET /api/reports/staffing), a what-if, and the plan as a workbook.
 */
export function StaffingPage({
  api,
  today,
  config,
}: {
  api: Api;
  /** The hub's service day: the default period is the eight full weeks before its week. */
  today: string | null;
  config: SiteConfig | null;
}) {
  const [form, setForm] = useState<StaffingForm | null>(null);
  const [whatIf, setWhatIf] = useState<WhatIf>(NO_WHAT_IF);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [fieldId, setFieldId] = useState<string | null>(null);
  const [picked, setPicked] = useState<PickedCell | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Plans already asked for, by query: turning a what-if off shows the plain plan at once.
  const plans = useRef(new Map<string, StaffingPlan>());
  const latest = useRef(0);

  useEffect(() => {
    if (today && !form) {
      const period = lastFullWeeks(today);
      const first = { ...period, sharePercent: 80, withinMinutes: 15 };
      setForm(first);
      void load(first, NO_WHAT_IF);
    }
  }, [today, form]);

  async function plan(query: string): Promise<StaffingPlan | string> {
    const known = plans.current.get(query);
    if (known) return known;
    const res = await api.get<StaffingPlan>(`/api/reports/staffing?${query}`);
    if (!res.ok) return res.error.message;
    plans.current.set(query, res.data);
    return res.data;
  }

  async function load(f: StaffingForm, w: WhatIf) {
    const baseQuery = staffingQueryString(f, NO_WHAT_IF);
    const shownQuery = staffingQueryString(f, w);
    if (!baseQuery || !shownQuery) {
      setError(MP.invalid);
      setLoaded(null);
      return;
    }
    const turn = ++latest.current;
    setBusy(true);
    setError(null);
    const [base, shown] = await Promise.all([plan(baseQuery), plan(shownQuery)]);
    if (turn !== latest.current) return; // a later request answers instead
    setBusy(false);
    if (typeof base === 'string' || typeof shown === 'string') {
      setError(typeof base === 'string' ? base : (shown as string));
      setLoaded(null);
      return;
    }
    setLoaded({ base, shown, whatIf: anyWhatIf(w) });
    setPicked(null);
  }

  function toggle(key: keyof WhatIf) {
    const next = { ...whatIf, [key]: !whatIf[key] };
    setWhatIf(next);
    if (form) void load(form, next);
  }

  async function download() {
    const query = form && staffingQueryString(form, whatIf);
    if (!form || !query) return;
    const message = await api.download(
      `/api/reports/staffing.xlsx?${query}`,
      `ke-hoach-nhan-su-${form.from}-${form.to}.xlsx`,
    );
    if (message) setError(message);
  }

  const edit = (patch: Partial<StaffingForm>) => form && setForm({ ...form, ...patch });
  const fields = loaded?.shown.fields ?? [];
  const field = fields.find((f) => f.fieldId === fieldId) ?? fields[0] ?? null;
  const before = loaded?.whatIf
    ? (loaded.base.fields.find((f) => f.fieldId === field?.fieldId) ?? null)
    : null;
  const query = loaded?.shown.query;
  const target = query ? MP.targetLine(query.targetShare, query.withinMinutes) : '';

  return (
    <div className="staffing-page" data-testid="staffing">
      <header className="page-head">
        <h1>{MP.title}</h1>
        {loaded && (
          <span className="period" data-testid="staffing-period">
            {MP.period}: {fullDay(loaded.shown.from)} – {fullDay(loaded.shown.to)} · {target}
          </span>
        )}
      </header>
      <p className="muted intro">{MP.intro}</p>
      {form && (
        <form
          className="report-form panel"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void load(form, whatIf);
          }}
        >
          <label>
            {MP.from}
            <input
              type="date"
              name="from"
              value={form.from}
              max={form.to || undefined}
              onChange={(e) => edit({ from: e.target.value })}
              required
            />
          </label>
          <label>
            {MP.to}
            <input
              type="date"
              name="to"
              value={form.to}
              min={form.from || undefined}
              onChange={(e) => edit({ to: e.target.value })}
              required
            />
          </label>
          <fieldset className="target">
            <legend>{MP.target}</legend>
            <div className="target-inputs">
              <label>
                {MP.targetShare}
                <input
                  type="number"
                  name="targetShare"
                  min={50}
                  max={99}
                  value={form.sharePercent}
                  onChange={(e) => edit({ sharePercent: Number(e.target.value) })}
                  required
                />
              </label>
              <label>
                {MP.targetMinutes}
                <input
                  type="number"
                  name="withinMinutes"
                  min={1}
                  max={120}
                  value={form.withinMinutes}
                  onChange={(e) => edit({ withinMinutes: Number(e.target.value) })}
                  required
                />
              </label>
            </div>
          </fieldset>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? MP.loading : MP.show}
          </button>
          {today && (
            <button
              type="button"
              onClick={() => {
                const next = { ...form, ...lastFullWeeks(today) };
                setForm(next);
                void load(next, whatIf);
              }}
            >
              {MP.last8Weeks}
            </button>
          )}
          <div className="exports">
            <button
              type="button"
              data-testid="staffing-download"
              onClick={() => void download()}
              disabled={!loaded || !hasHistory(loaded.base.fields)}
            >
              {MP.download}
            </button>
          </div>
        </form>
      )}
      {busy && (
        <p className="muted" role="status" data-testid="staffing-loading">
          {MP.loading}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="staffing-error">
          {error}
        </p>
      )}
      {loaded && !hasHistory(loaded.base.fields) && (
        <p className="muted panel" data-testid="staffing-empty">
          {config?.fields.length === 0 ? MP.noFields : MP.empty}
        </p>
      )}
      {loaded && field && hasHistory(loaded.base.fields) && (
        <>
          <section className="panel what-if" aria-labelledby="what-if-title">
            <h2 id="what-if-title">{MP.whatIf}</h2>
            <p className="muted small">{MP.whatIfHint}</p>
            <div className="toggles">
              {(['arrivalsUp', 'serviceDown', 'oneCounterLess'] as const).map((key) => (
                <label key={key} className="check toggle">
                  <input
                    type="checkbox"
                    name={key}
                    checked={whatIf[key]}
                    onChange={() => toggle(key)}
                  />
                  {MP[key]}
                </label>
              ))}
            </div>
            {before && (
              <p data-testid="what-if-changes">{MP.changedCount(countChanged(before, field))}</p>
            )}
          </section>
          <section className="panel staffing-map" aria-busy={busy}>
            <label className="field-chooser">
              {MP.field}
              <select
                name="field"
                value={field.fieldId}
                onChange={(e) => {
                  setFieldId(e.target.value);
                  setPicked(null);
                }}
              >
                {fields.map((f) => (
                  <option key={f.fieldId} value={f.fieldId}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
            <div className="map-and-detail">
              <div className="table-scroll">
                <HeatMap
                  field={field}
                  before={before}
                  hours={shownHours(field, config)}
                  picked={picked?.cell ?? null}
                  onPick={setPicked}
                />
              </div>
              <CellDetail picked={picked} target={target} />
            </div>
            <HeatLegend />
            <p className="muted small">
              {MP.daysOf(loaded.shown.weekdays)}. {MP.computedIn(loaded.shown.elapsedMs)}.
            </p>
          </section>
        </>
      )}
    </div>
  );
}
