import type { StaffingCell, StaffingField } from '@luot/protocol';
import { countersVi, MP } from '../messages-planner.ts';
import { cellChanged, cellKey, cellsByKey, gapOf } from './staffing-map.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** The cell a person points at or tabs to, with where it sits. */
export interface PickedCell {
  cell: StaffingCell;
  before: StaffingCell | null;
}

/**
 * A field's plan as a weekday × hour table: each cell "needed / open", coloured by the gap, and
 * under a what-if what it read before. Every cell with data takes the keyboard focus; focus or
 * hover tells `onPick`, which shows the cell's figures beside the map.
 */
export function HeatMap({
  field,
  before,
  hours,
  picked,
  onPick,
}: {
  field: StaffingField;
  /** The same field without the what-if, to mark what changed; null with no what-if on. */
  before: StaffingField | null;
  hours: number[];
  picked: StaffingCell | null;
  onPick: (picked: PickedCell) => void;
}) {
  const cells = cellsByKey(field);
  const old = before ? cellsByKey(before) : null;
  return (
    <table className="heatmap" data-testid="heatmap" aria-describedby="heatmap-legend">
      <caption>{MP.mapCaption(field.name)}</caption>
      <thead>
        <tr>
          <th scope="col">{MP.weekdayHead}</th>
          {hours.map((h) => (
            <th key={h} scope="col" abbr={MP.hourLong(h)}>
              {MP.hourHead(h)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {WEEKDAYS.map((wd) => (
          <tr key={wd}>
            <th scope="row" abbr={MP.weekdaysLong[wd - 1]}>
              {MP.weekdays[wd - 1]}
            </th>
            {hours.map((h) => {
              const key = cellKey(wd, h);
              const cell = cells.get(key);
              if (!cell || (cell.arrivalsPerHour === 0 && cell.needed === 0 && cell.open === 0))
                return (
                  <td key={h} className="empty" data-weekday={wd} data-hour={h}>
                    <span aria-hidden="true">{MP.noData}</span>
                    <span className="sr-only">{MP.noDataLong}</span>
                  </td>
                );
              const prior = old ? (old.get(key) ?? null) : null;
              return (
                <Cell
                  key={h}
                  cell={cell}
                  before={prior}
                  changed={old !== null && cellChanged(prior ?? undefined, cell)}
                  picked={picked === cell}
                  onPick={() => onPick({ cell, before: prior })}
                />
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Cell({
  cell,
  before,
  changed,
  picked,
  onPick,
}: {
  cell: StaffingCell;
  before: StaffingCell | null;
  changed: boolean;
  picked: boolean;
  onPick: () => void;
}) {
  const gap = gapOf(cell);
  const open = countersVi(cell.open);
  const gapText =
    gap.kind === 'short'
      ? MP.short(countersVi(gap.amount))
      : gap.kind === 'surplus'
        ? MP.surplus(countersVi(-gap.amount))
        : '';
  const label = MP.cellLabel(cell.needed, open, gapText);
  return (
    <td
      tabIndex={0}
      data-weekday={cell.weekday}
      data-hour={cell.hour}
      data-needed={cell.needed}
      data-open={cell.open}
      data-gap={gap.kind}
      data-level={gap.level}
      data-changed={changed || undefined}
      data-picked={picked || undefined}
      title={label}
      onFocus={onPick}
      onMouseEnter={onPick}
    >
      <span className="counts" aria-hidden="true">
        {cell.needed} / {open}
      </span>
      <span className="sr-only">{label}</span>
      {changed && before && (
        <small className="before">{MP.before(before.needed, countersVi(before.open))}</small>
      )}
    </td>
  );
}

/** The colours' key, named by the gap they stand for. */
export function HeatLegend() {
  return (
    <div className="heat-legend" id="heatmap-legend">
      <span className="legend-title">{MP.legend}:</span>
      {MP.legendShort.map((text, i) => (
        <span key={text} className="swatch" data-gap="short" data-level={i + 1}>
          {text}
        </span>
      ))}
      <span className="swatch" data-gap="met" data-level={0}>
        {MP.legendMet}
      </span>
      {MP.legendSurplus.map((text, i) => (
        <span key={text} className="swatch" data-gap="surplus" data-level={i + 1}>
          {text}
        </span>
      ))}
      <span className="muted">{MP.legendCell}</span>
    </div>
  );
}
