import { formatDurationVi } from '@luot/ui';
import type { StaffingCell } from '@luot/protocol';
import { countersVi, MP } from '../messages-planner.ts';
import { percent } from '../reports/format.ts';
import type { PickedCell } from './HeatMap.tsx';

const D = MP.detail;

/**
 * The figures behind the cell a person points at: arrivals, service, no-shows and abandons, and
 * the share called in time with the counters open and with those needed (formula and simulation).
 * Read out politely when it changes, so tabbing through the map speaks each cell's figures.
 */
export function CellDetail({ picked, target }: { picked: PickedCell | null; target: string }) {
  return (
    <aside className="cell-detail panel" aria-live="polite" data-testid="cell-detail">
      {picked ? <Figures {...picked} target={target} /> : <p className="muted">{MP.detailHint}</p>}
    </aside>
  );
}

function Figures({
  cell,
  before,
  target,
}: {
  cell: StaffingCell;
  before: StaffingCell | null;
  target: string;
}) {
  const rows: [string, string, string | null][] = [
    [D.arrivals, D.perHour(cell.arrivalsPerHour), before && D.perHour(before.arrivalsPerHour)],
    [
      D.service,
      formatDurationVi(Math.round(cell.serviceMinutes * 60) * 1000),
      before && formatDurationVi(Math.round(before.serviceMinutes * 60) * 1000),
    ],
    [D.noShow, percent(cell.noShowShare), null],
    [D.abandon, percent(cell.abandonShare), null],
    [D.withOpen(countersVi(cell.open)), percent(cell.openShare), null],
    [D.withNeeded(cell.needed), percent(cell.neededShare), null],
    [D.simulated(cell.needed), percent(cell.simulatedShare), null],
  ];
  return (
    <>
      <h3>
        {MP.weekdaysLong[cell.weekday - 1]}, {MP.hourLong(cell.hour)}
      </h3>
      <p className="muted small">{target}</p>
      <dl>
        {rows.map(([term, value, old]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>
              {value}
              {old !== null && old !== value && <small className="before">{D.was(old)}</small>}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
