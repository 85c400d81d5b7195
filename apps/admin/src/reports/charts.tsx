// Small SVG charts drawn here (no chart library, nothing from the internet): bars and lines
// with value labels, sized by their container through the viewBox.

const W = 640;
const H = 240;
const PAD = { top: 24, right: 16, bottom: 44, left: 48 };

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

function ticks(max: number): number[] {
  return [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
}

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** Vertical bars, one per item, with the value above each bar. */
export function BarChart({
  title,
  data,
  color = 'var(--chart-1)',
  highlight,
}: {
  title: string;
  data: { label: string; value: number }[];
  color?: string;
  /** Items drawn in the alarm colour (e.g. waits beyond the target). */
  highlight?: (index: number) => boolean;
}) {
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, data.length);
  const barW = Math.min(48, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {ticks(max).map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="axis">
              {number.format(t)}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const x = PAD.left + slot * i + (slot - barW) / 2;
          return (
            <g key={d.label}>
              <rect
                x={x}
                y={y(d.value)}
                width={barW}
                height={Math.max(0, PAD.top + plotH - y(d.value))}
                fill={highlight?.(i) ? 'var(--chart-alarm)' : color}
                rx={3}
              >
                <title>{`${d.label}: ${number.format(d.value)}`}</title>
              </rect>
              {d.value > 0 && (
                <text x={x + barW / 2} y={y(d.value) - 5} textAnchor="middle" className="value">
                  {number.format(d.value)}
                </text>
              )}
              <text x={x + barW / 2} y={H - PAD.bottom + 16} textAnchor="middle" className="axis">
                {d.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Lines over shared x labels (e.g. days), each series in its colour, with a legend. */
export function LineChart({
  title,
  labels,
  series,
}: {
  title: string;
  labels: string[];
  series: { name: string; values: (number | null)[]; color: string }[];
}) {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left + (labels.length <= 1 ? plotW / 2 : (plotW * i) / (labels.length - 1));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  // At most ~10 x labels, so long periods stay readable.
  const every = Math.max(1, Math.ceil(labels.length / 10));
  return (
    <figure className="chart">
      <figcaption>
        {title}
        <span className="legend">
          {series.map((s) => (
            <span key={s.name}>
              <i style={{ background: s.color }} /> {s.name}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {ticks(max).map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="axis">
              {number.format(t)}
            </text>
          </g>
        ))}
        {labels.map((label, i) =>
          i % every === 0 ? (
            <text key={label} x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle" className="axis">
              {label}
            </text>
          ) : null,
        )}
        {series.map((s) => {
          const points = s.values
            .map((v, i) => (v === null ? null : `${x(i)},${y(v)}`))
            .filter((p): p is string => p !== null);
          return (
            <g key={s.name}>
              <polyline points={points.join(' ')} fill="none" stroke={s.color} strokeWidth={2.5} />
              {s.values.map((v, i) =>
                v === null ? null : (
                  <circle key={i} cx={x(i)} cy={y(v)} r={3.5} fill={s.color}>
                    <title>{`${labels[i]} — ${s.name}: ${number.format(v)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** One horizontal bar split into shares (e.g. the rating distribution), with a legend. */
export function ShareBar({
  title,
  parts,
}: {
  title: string;
  parts: { label: string; value: number; color: string }[];
}) {
  const total = parts.reduce((n, p) => n + p.value, 0);
  return (
    <figure className="chart share">
      <figcaption>{title}</figcaption>
      <div className="share-bar" role="img" aria-label={title}>
        {parts.map((p) =>
          p.value > 0 ? (
            <span
              key={p.label}
              style={{ flexGrow: p.value, background: p.color }}
              title={`${p.label}: ${p.value}`}
            >
              {total > 0 ? `${Math.round((p.value / total) * 100)}%` : ''}
            </span>
          ) : null,
        )}
      </div>
      <div className="legend">
        {parts.map((p) => (
          <span key={p.label}>
            <i style={{ background: p.color }} /> {p.label}: {p.value}
          </span>
        ))}
      </div>
    </figure>
  );
}
