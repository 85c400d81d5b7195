import type { FormEvent, ReactNode } from 'react';
import { M } from '../messages.ts';

const R = M.reports;

/**
 * A report's controls: the period, the grouping, "Xem báo cáo" and the CSV and XLSX downloads
 * (`children`, such as quick periods, between them). Shared by a site's reports and the
 * province's.
 */
export function ReportControls<G extends string>(props: {
  from: string;
  to: string;
  groupBy: G;
  groupings: readonly G[];
  busy: boolean;
  canExport: boolean;
  onFrom: (day: string) => void;
  onTo: (day: string) => void;
  onGroupBy: (groupBy: G) => void;
  onSubmit: () => void;
  onDownload: (format: 'csv' | 'xlsx') => void;
  children?: ReactNode;
}) {
  const { from, to } = props;
  return (
    <form
      className="report-form panel"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <label>
        {R.from}
        <input
          type="date"
          value={from}
          max={to || undefined}
          onChange={(e) => props.onFrom(e.target.value)}
          required
        />
      </label>
      <label>
        {R.to}
        <input
          type="date"
          value={to}
          min={from || undefined}
          onChange={(e) => props.onTo(e.target.value)}
          required
        />
      </label>
      <label>
        {R.groupBy}
        <select value={props.groupBy} onChange={(e) => props.onGroupBy(e.target.value as G)}>
          {props.groupings.map((g) => (
            <option key={g} value={g}>
              {R.groupings[g]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={props.busy}>
        {props.busy ? R.loading : R.show}
      </button>
      {props.children}
      <div className="exports">
        <button type="button" onClick={() => props.onDownload('csv')} disabled={!props.canExport}>
          {R.exportCsv}
        </button>
        <button type="button" onClick={() => props.onDownload('xlsx')} disabled={!props.canExport}>
          {R.exportXlsx}
        </button>
      </div>
    </form>
  );
}
