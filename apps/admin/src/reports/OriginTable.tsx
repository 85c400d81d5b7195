import { REPORT_ORIGINS, type ReportRow } from '@luot/protocol';
import { M } from '../messages.ts';
import { MO } from '../messages-online.ts';
import { duration, percent } from './format.ts';

const O = MO.report;

/**
 * The report's rows split by where tickets came from (kiosk, phone, booking) with the share of
 * bookings that came; shown once a period has any ticket not from the kiosk or any booking.
 */
export function OriginTable({
  rows,
  total,
  grouping,
}: {
  rows: ReportRow[];
  total: ReportRow;
  grouping: string;
}) {
  const online =
    total.byOrigin.remote.waiting.count > 0 ||
    (total.byOrigin.remote.issued ?? 0) > 0 ||
    total.byOrigin.booking.waiting.count > 0 ||
    (total.byOrigin.booking.issued ?? 0) > 0 ||
    (total.bookings?.due ?? 0) > 0;
  if (!online) return null;
  const na = M.reports.notApplicable;
  const line = (r: ReportRow) => (
    <tr key={r.key} data-key={r.key}>
      <th scope="row">{r.label}</th>
      {REPORT_ORIGINS.map((o) => {
        const part = r.byOrigin[o];
        return [
          <td key={`${o}-i`} className="num" data-cell={`${o}-issued`}>
            {part.issued ?? na}
          </td>,
          <td key={`${o}-m`} className="num" data-cell={`${o}-mean`}>
            {duration(part.waiting.meanMs)}
          </td>,
          <td key={`${o}-p`} className="num" data-cell={`${o}-p90`}>
            {duration(part.waiting.p90Ms)}
          </td>,
        ];
      })}
      <td className="num" data-cell="bookings">
        {r.bookings
          ? `${percent(r.bookings.share)} (${O.bookingsShare(r.bookings.came, r.bookings.due)})`
          : na}
      </td>
    </tr>
  );
  return (
    <section className="panel table-scroll" data-testid="origin-table">
      <h2>{O.title}</h2>
      <table className="data report-table">
        <thead>
          <tr>
            <th rowSpan={2}>{grouping}</th>
            {REPORT_ORIGINS.map((o) => (
              <th key={o} colSpan={3} className="group">
                {O.origins[o]}
              </th>
            ))}
            <th rowSpan={2} className="num">
              {O.bookings}
            </th>
          </tr>
          <tr>
            {REPORT_ORIGINS.map((o) => [
              <th key={`${o}-i`} className="num">
                {O.issued}
              </th>,
              <th key={`${o}-m`} className="num">
                {O.meanWait}
              </th>,
              <th key={`${o}-p`} className="num">
                {O.p90Wait}
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>{rows.map(line)}</tbody>
        <tfoot>{line(total)}</tfoot>
      </table>
      <p className="muted small">{O.help}</p>
    </section>
  );
}
