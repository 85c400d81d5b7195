import { useEffect, useState } from 'react';
import type { SiteConfig } from '@luot/domain';
import type { Report, ReportGrouping, ReportRow } from '@luot/protocol';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { BarChart, LineChart, ShareBar } from './charts.tsx';
import { DossierTable } from './DossierTable.tsx';
import { DigestTable } from './DigestTable.tsx';
import { OriginTable } from './OriginTable.tsx';
import { AccuracyPanel } from './AccuracyPanel.tsx';
import { ReportControls } from './ReportControls.tsx';
import { addDays, dayLabel, duration, fullDay, monthStart, percent } from './format.ts';

const R = M.reports;
const GROUPINGS: ReportGrouping[] = ['field', 'counter', 'clerk', 'hour', 'day'];
const RATING_COLORS = ['#2a9d8f', '#8ab17d', '#e9c46a', '#f4a261', '#e63946'];

/** Reports: pick a period and a grouping, see the table and charts, export CSV or XLSX. */
export function ReportsPage({
  api,
  today,
  config,
}: {
  api: Api;
  /** The hub's service day, so "today" is the centre's, not the PC's. */
  today: string | null;
  config: SiteConfig | null;
}) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [groupBy, setGroupBy] = useState<ReportGrouping>('field');
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (today && !from) {
      setFrom(monthStart(today));
      setTo(today);
    }
  }, [today, from]);

  const query = (f = from, t = to, g = groupBy) => `from=${f}&to=${t}&groupBy=${g}`;

  async function load(f = from, t = to, g = groupBy) {
    if (!f || !t) return;
    setBusy(true);
    setError(null);
    const res = await api.get<Report>(`/api/reports?${query(f, t, g)}`);
    setBusy(false);
    if (res.ok) setReport(res.data);
    else setError(res.error.message);
  }

  // The first report shows as soon as the period is known.
  useEffect(() => {
    if (from && to && !report && !busy) void load();
  }, [from, to]);

  function quick(f: string, t: string) {
    setFrom(f);
    setTo(t);
    void load(f, t);
  }

  async function download(kind: 'csv' | 'xlsx') {
    const message = await api.download(
      `/api/reports/export.${kind}?${query()}`,
      `bao-cao-${groupBy}-${from}-${to}.${kind}`,
    );
    if (message) setError(message);
  }

  return (
    <div className="reports">
      <header className="page-head">
        <h1>{R.title}</h1>
        {report && (
          <span className="period" data-testid="period">
            {R.period}: {fullDay(report.from)} – {fullDay(report.to)} ·{' '}
            {R.groupings[report.groupBy]}
          </span>
        )}
      </header>
      <ReportControls
        from={from}
        to={to}
        groupBy={groupBy}
        groupings={GROUPINGS}
        busy={busy}
        canExport={report !== null}
        onFrom={setFrom}
        onTo={setTo}
        onGroupBy={(g) => {
          setGroupBy(g);
          void load(from, to, g);
        }}
        onSubmit={() => void load()}
        onDownload={(kind) => void download(kind)}
      >
        {today && (
          <div className="quick">
            <button type="button" onClick={() => quick(today, today)}>
              {R.today}
            </button>
            <button type="button" onClick={() => quick(addDays(today, -6), today)}>
              {R.last7}
            </button>
            <button type="button" onClick={() => quick(monthStart(today), today)}>
              {R.thisMonth}
            </button>
            <button
              type="button"
              onClick={() => {
                const end = addDays(monthStart(today), -1);
                quick(monthStart(end), end);
              }}
            >
              {R.lastMonth}
            </button>
          </div>
        )}
      </ReportControls>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && <ReportView report={report} config={config} />}
      {report && (
        <DossierTable
          api={api}
          from={report.from}
          to={report.to}
          rows={report.rows}
          total={report.total}
          grouping={R.groupings[report.groupBy] ?? ''}
          onError={setError}
        />
      )}
      {report && (
        <DigestTable
          api={api}
          from={report.from}
          to={report.to}
          timeZone={report.timeZone}
          onError={setError}
        />
      )}
    </div>
  );
}

/** A site's report, or one across sites (grouped by site too): what `ReportView` shows. */
export type ShownReport = Omit<Report, 'groupBy'> & { groupBy: ReportGrouping | 'site' };

/** The tiles, table and charts of a report. */
export function ReportView({
  report,
  config,
  note,
}: {
  report: ShownReport;
  config: Pick<SiteConfig, 'fields'> | null;
  /** A line under the table's definitions (how a report across sites adds up). */
  note?: string;
}) {
  const t = report.total;
  if ((t.issued ?? 0) === 0 && t.waiting.count === 0)
    return <p className="muted panel">{R.empty}</p>;
  const maxTarget = Math.max(30, ...(config?.fields.map((f) => f.targetWaitMinutes) ?? []));
  return (
    <div className="report" data-testid="report">
      <section className="tiles">
        <Tile label={R.issued} value={String(t.issued ?? 0)} />
        <Tile label={R.served} value={String(t.served)} />
        <Tile label={R.noShow} value={String(t.noShow)} />
        <Tile
          label={R.notServed}
          value={String(t.notServed ?? 0)}
          sub={R.notServedSub(t.expired ?? 0, t.cancelled ?? 0)}
          testId="tile-not-served"
          level={(t.notServed ?? 0) > 0 ? 'warn' : undefined}
        />
        <Tile
          label={R.meanWait}
          value={duration(t.waiting.meanMs)}
          sub={`${R.median} ${duration(t.waiting.medianMs)} · ${R.p90} ${duration(t.waiting.p90Ms)}`}
        />
        <Tile
          label={R.meanService}
          value={duration(t.service.meanMs)}
          sub={`${R.median} ${duration(t.service.medianMs)} · ${R.p90} ${duration(t.service.p90Ms)}`}
        />
        <Tile
          label={R.onTime}
          value={percent(t.onTime.share)}
          sub={R.onTimeSub(t.onTime.within, t.onTime.issued ?? 0, percent(t.withinTarget.share))}
          testId="tile-on-time"
        />
        <Tile
          label={R.satisfaction}
          value={percent(t.ratings.rate)}
          sub={`${t.ratings.count} ${R.ratings.toLowerCase()}`}
        />
      </section>

      <section className="panel table-scroll">
        <table className="data report-table">
          <thead>
            <tr>
              <th rowSpan={2}>{R.groupings[report.groupBy]}</th>
              <th rowSpan={2} className="num">
                {R.issued}
              </th>
              <th rowSpan={2} className="num">
                {R.served}
              </th>
              <th rowSpan={2} className="num">
                {R.noShow}
              </th>
              <th rowSpan={2} className="num">
                {R.transferred}
              </th>
              <th rowSpan={2} className="num">
                {R.expired}
              </th>
              <th rowSpan={2} className="num">
                {R.cancelled}
              </th>
              <th rowSpan={2} className="num">
                {R.notServedShort}
              </th>
              <th colSpan={3} className="group">
                {R.wait}
              </th>
              <th colSpan={3} className="group">
                {R.service}
              </th>
              <th rowSpan={2} className="num">
                {R.onTime}
              </th>
              <th rowSpan={2} className="num">
                {R.withinTargetServed}
              </th>
              <th rowSpan={2} className="num">
                {R.satisfaction}
              </th>
            </tr>
            <tr>
              <th className="num">{R.mean}</th>
              <th className="num">{R.median}</th>
              <th className="num">{R.p90}</th>
              <th className="num">{R.mean}</th>
              <th className="num">{R.median}</th>
              <th className="num">{R.p90}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <Row key={r.key} row={r} />
            ))}
          </tbody>
          <tfoot>
            <Row row={report.total} />
          </tfoot>
        </table>
        <p className="muted small">
          {R.definitions} {note && `${note} `}
          {R.computedIn(report.elapsedMs)}.
        </p>
      </section>

      <OriginTable
        rows={report.rows}
        total={report.total}
        grouping={R.groupings[report.groupBy] ?? ''}
      />

      <AccuracyPanel accuracy={report.estimateAccuracy} />

      <div className="charts">
        <section className="panel">
          <BarChart
            title={R.arrivalsByHour}
            data={report.charts.arrivalsByHour.map((h) => ({
              label: `${h.hour}h`,
              value: Math.round(h.perDay * 10) / 10,
            }))}
          />
        </section>
        <section className="panel">
          <BarChart
            title={R.waitDistribution}
            color="var(--chart-2)"
            data={report.charts.waitHistogram.map((b) => ({
              label: b.toMin === null ? `≥${b.fromMin}′` : `${b.fromMin}–${b.toMin}′`,
              value: b.count,
            }))}
            highlight={(i) => report.charts.waitHistogram[i]!.fromMin >= maxTarget}
          />
        </section>
        <section className="panel">
          <LineChart
            title={R.dailyTrend}
            labels={report.charts.daily.map((d) => dayLabel(d.day))}
            series={[
              {
                name: R.trendIssued,
                values: report.charts.daily.map((d) => d.issued),
                color: 'var(--chart-1)',
              },
              {
                name: R.trendServed,
                values: report.charts.daily.map((d) => d.served),
                color: 'var(--chart-3)',
              },
            ]}
          />
        </section>
        <section className="panel">
          <LineChart
            title={`${R.dailyTrend}: ${R.trendWait.toLowerCase()}`}
            labels={report.charts.daily.map((d) => dayLabel(d.day))}
            series={[
              {
                name: R.trendWait,
                values: report.charts.daily.map((d) =>
                  d.meanWaitMs === null ? null : Math.round(d.meanWaitMs / 6000) / 10,
                ),
                color: 'var(--chart-2)',
              },
            ]}
          />
          <ShareBar
            title={R.ratingDistribution}
            parts={report.ratingScale.map((s, i) => ({
              label: s.label,
              value: t.ratings.byScore[String(s.score)] ?? 0,
              color:
                RATING_COLORS[
                  Math.round(
                    (i * (RATING_COLORS.length - 1)) / Math.max(1, report.ratingScale.length - 1),
                  )
                ]!,
            }))}
          />
        </section>
      </div>
    </div>
  );
}

function Tile({
  label,
  value,
  unit,
  sub,
  testId,
  level,
}: {
  label: string;
  value: string;
  unit?: string;
  sub?: string;
  testId?: string;
  level?: 'warn';
}) {
  return (
    <div className="tile" data-testid={testId} data-level={level}>
      <span>{label}</span>
      <strong>
        {value}
        {unit && <small className="unit"> {unit}</small>}
      </strong>
      {sub && <small>{sub}</small>}
    </div>
  );
}

function Row({ row }: { row: ReportRow }) {
  const na = R.notApplicable;
  return (
    <tr data-key={row.key}>
      <th scope="row">{row.label}</th>
      <td className="num">{row.issued ?? na}</td>
      <td className="num">{row.served}</td>
      <td className="num">{row.noShow}</td>
      <td className="num">{row.transferred}</td>
      <td className="num">{row.expired ?? na}</td>
      <td className="num">{row.cancelled ?? na}</td>
      <td className="num not-served">{row.notServed ?? na}</td>
      <td className="num">{duration(row.waiting.meanMs)}</td>
      <td className="num">{duration(row.waiting.medianMs)}</td>
      <td className="num">{duration(row.waiting.p90Ms)}</td>
      <td className="num">{duration(row.service.meanMs)}</td>
      <td className="num">{duration(row.service.medianMs)}</td>
      <td className="num">{duration(row.service.p90Ms)}</td>
      <td className="num">{percent(row.onTime.share)}</td>
      <td className="num">{percent(row.withinTarget.share)}</td>
      <td className="num">{percent(row.ratings.rate)}</td>
    </tr>
  );
}
