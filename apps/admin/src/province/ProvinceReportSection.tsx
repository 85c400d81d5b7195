import { useEffect, useState } from 'react';
import { PROVINCE_GROUPINGS, type ProvinceGrouping, type ProvinceReport } from '@luot/protocol';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { ReportControls } from '../reports/ReportControls.tsx';
import { ReportView } from '../reports/ReportsPage.tsx';
import { fullDay, monthStart } from '../reports/format.ts';

const R = M.reports;
const P = M.province;

/** The report across every site the person reaches: a period, a grouping, CSV and XLSX. */
export function ProvinceReportSection({ api, today }: { api: Api; today: string | null }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [groupBy, setGroupBy] = useState<ProvinceGrouping>('site');
  const [report, setReport] = useState<ProvinceReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (today && !from) {
      setFrom(monthStart(today));
      setTo(today);
    }
  }, [today, from]);

  const query = (g = groupBy) => `from=${from}&to=${to}&groupBy=${g}`;

  async function load(g = groupBy) {
    if (!from || !to) return;
    setBusy(true);
    setError(null);
    const res = await api.get<ProvinceReport>(`/api/province/report?${query(g)}`);
    setBusy(false);
    if (res.ok) setReport(res.data);
    else setError(res.error.message);
  }

  async function download(format: 'csv' | 'xlsx') {
    const message = await api.download(
      `/api/province/report?${query()}&format=${format}`,
      `bao-cao-toan-tinh-${groupBy}-${from}-${to}.${format}`,
    );
    if (message) setError(message);
  }

  return (
    <section className="reports province-report" aria-label={P.reportTitle}>
      <header className="page-head">
        <h2>{P.reportTitle}</h2>
        {report && (
          <span className="period" data-testid="province-period">
            {R.period}: {fullDay(report.from)} – {fullDay(report.to)} ·{' '}
            {R.groupings[report.groupBy]}
            {' · '}
            {P.sites(report.sites.length)}
          </span>
        )}
      </header>
      <ReportControls
        from={from}
        to={to}
        groupBy={groupBy}
        groupings={PROVINCE_GROUPINGS}
        busy={busy}
        canExport={report !== null}
        onFrom={setFrom}
        onTo={setTo}
        onGroupBy={(g) => {
          setGroupBy(g);
          if (report) void load(g);
        }}
        onSubmit={() => void load()}
        onDownload={(format) => void download(format)}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && <ReportView report={report} config={null} note={P.reportNote} />}
    </section>
  );
}
