import type { EstimateAccuracy } from '@luot/domain';
import type { ReportEstimateAccuracy } from '@luot/protocol';
import { MA } from '../messages-accuracy.ts';
import { maeLevel } from './accuracy-levels.ts';
import { percent } from './format.ts';
import './accuracy.css';

function FigureCells({ a }: { a: EstimateAccuracy }) {
  return (
    <>
      <td className="num" data-cell="tickets">
        {a.tickets}
      </td>
      <td className="num" data-cell="mae">
        {MA.minutes(a.maeMinutes)}
      </td>
      <td className="num" data-cell="within5">
        {percent(a.within5MinShare)}
      </td>
      <td className="num" data-cell="within20">
        {percent(a.within20PctShare)}
      </td>
    </>
  );
}

/**
 * How good the waits promised at issue were, from a report (`Report.estimateAccuracy`): per
 * field with the total, and (unless `compact`, as on the dashboard) a field × hour-of-issue
 * table coloured by the mean absolute error. Says so when no ticket was measured.
 */
export function AccuracyPanel({
  accuracy,
  title = MA.title,
  compact = false,
}: {
  accuracy: ReportEstimateAccuracy;
  title?: string;
  compact?: boolean;
}) {
  const measured = accuracy.total.tickets > 0;
  const hours = [...new Set(accuracy.byFieldHour.map((c) => c.hour))].sort((a, b) => a - b);
  const fields = accuracy.byField.filter((f) => f.accuracy.tickets > 0);
  const cell = new Map(accuracy.byFieldHour.map((c) => [`${c.fieldId}|${c.hour}`, c.accuracy]));
  return (
    <section className="panel table-scroll accuracy" data-testid="estimate-accuracy">
      <h2>{title}</h2>
      {!measured ? (
        <p className="muted" data-testid="accuracy-empty">
          {MA.empty}
        </p>
      ) : (
        <>
          <table className="data report-table">
            <thead>
              <tr>
                <th>{MA.field}</th>
                <th className="num">{MA.tickets}</th>
                <th className="num">{MA.mae}</th>
                <th className="num">{MA.within5}</th>
                <th className="num">{MA.within20}</th>
              </tr>
            </thead>
            <tbody>
              {accuracy.byField.map((f) => (
                <tr key={f.fieldId} data-key={f.fieldId}>
                  <th scope="row">{f.label}</th>
                  <FigureCells a={f.accuracy} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-key="total">
                <th scope="row">{MA.total}</th>
                <FigureCells a={accuracy.total} />
              </tr>
            </tfoot>
          </table>
          {!compact && (
            <>
              <h3>{MA.byFieldHour}</h3>
              <table className="data accuracy-grid" data-testid="accuracy-grid">
                <thead>
                  <tr>
                    <th>{MA.field}</th>
                    {hours.map((h) => (
                      <th key={h} className="num">
                        {MA.hour(h)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {fields.map((f) => (
                    <tr key={f.fieldId} data-key={f.fieldId}>
                      <th scope="row">{f.label}</th>
                      {hours.map((h) => {
                        const a = cell.get(`${f.fieldId}|${h}`);
                        if (!a || a.maeMinutes === null) return <td key={h} className="num" />;
                        return (
                          <td
                            key={h}
                            className={`num mae-${maeLevel(a.maeMinutes)}`}
                            data-hour={h}
                            title={MA.cellTitle(
                              a.tickets,
                              MA.minutes(a.maeMinutes),
                              percent(a.within5MinShare),
                              percent(a.within20PctShare),
                            )}
                          >
                            {MA.minutes(a.maeMinutes)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="accuracy-legend small">
                {MA.legend}
                {MA.levels.map((label, i) => (
                  <span key={label} className={`swatch mae-${i}`}>
                    {label}
                  </span>
                ))}
              </p>
            </>
          )}
        </>
      )}
      <p className="muted small">{MA.definitions}</p>
    </section>
  );
}
