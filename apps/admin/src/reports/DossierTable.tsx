import { DOSSIER_OUTCOME_LABELS_VI, DOSSIER_OUTCOMES } from '@luot/domain';
import type { DossierExportFormat, ReportRow } from '@luot/protocol';
import type { Api } from '../api.ts';
import { MD } from '../messages-dossier.ts';

const R = MD.report;

/**
 * Served visits by the outcome the clerk recorded at finish, per row of the report, and the
 * downloads of ratings per dossier (one row per dossier code and visit) for the period.
 */
export function DossierTable({
  api,
  from,
  to,
  rows,
  total,
  grouping,
  onError,
}: {
  api: Api;
  from: string;
  to: string;
  rows: ReportRow[];
  total: ReportRow;
  grouping: string;
  onError: (message: string) => void;
}) {
  async function download(format: DossierExportFormat) {
    const message = await api.download(
      `/api/reports/dossier-ratings?from=${from}&to=${to}&format=${format}`,
      `danh-gia-theo-ho-so-${from}-${to}.${format}`,
    );
    if (message) onError(message);
  }
  const line = (r: ReportRow) => (
    <tr key={r.key} data-key={r.key}>
      <th scope="row">{r.label}</th>
      {DOSSIER_OUTCOMES.map((o) => (
        <td key={o} className="num" data-cell={o}>
          {r.dossierOutcomes[o]}
        </td>
      ))}
    </tr>
  );
  return (
    <section className="panel table-scroll" data-testid="dossier-table">
      <h2>{R.title}</h2>
      <table className="data report-table">
        <thead>
          <tr>
            <th>{grouping}</th>
            {DOSSIER_OUTCOMES.map((o) => (
              <th key={o} className="num">
                {DOSSIER_OUTCOME_LABELS_VI[o]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows.map(line)}</tbody>
        <tfoot>{line(total)}</tfoot>
      </table>
      <p className="muted small">{R.help}</p>
      <div className="quick" data-testid="dossier-downloads">
        <strong>{R.download}:</strong>
        {(['xlsx', 'csv', 'json'] as const).map((f) => (
          <button key={f} type="button" onClick={() => void download(f)}>
            {f.toUpperCase()}
          </button>
        ))}
      </div>
      <p className="muted small">{R.downloadHelp}</p>
    </section>
  );
}
