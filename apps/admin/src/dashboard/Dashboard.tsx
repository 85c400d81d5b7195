import {
  counterRows,
  dashboardAlarms,
  fieldRows,
  type FieldRow,
  type QueueState,
} from '@luot/domain';
import type { DeviceStatus } from '@luot/protocol';
import { formatDateVi, formatDurationVi, formatMinutesVi, formatTimeVi, useNow } from '@luot/ui';
import { M } from '../messages.ts';
import type { HubSocket } from '@luot/hub-client';
import { CounterMenu, useSupervisorActions } from './SupervisorActions.tsx';
import { WaitingPanel } from './WaitingPanel.tsx';
import { TodayAccuracy } from './TodayAccuracy.tsx';
import type { Api } from '../api.ts';
import { AlarmBadge } from './AlarmBadge.tsx';
import { deviceLevel, printerProblemOf, sortDevices } from './devices.ts';

const D = M.dashboard;

function availabilityText(row: FieldRow): string | null {
  if (row.availability === 'OUTSIDE_HOURS') return D.outsideHours;
  if (row.availability === 'SOLD_OUT') return D.soldOut;
  return null;
}

/**
 * The supervisor's live picture, from the hub's mirrored state: queues per field with an alarm
 * colour past the field's target wait, counters, and devices. Every duration is measured on the
 * hub's clock (`offsetMs`), never the PC's.
 */
export function Dashboard({
  state,
  offsetMs,
  devices,
  names,
  socket = null,
  api = null,
}: {
  state: QueueState;
  offsetMs: number;
  devices: DeviceStatus[];
  names: Map<string, string>;
  /** The dashboard's socket, for the supervisor's actions (SupervisorActions.tsx). */
  socket?: HubSocket | null;
  /** For today's accuracy of promised waits (issue 17), from today's report. */
  api?: Api | null;
}) {
  const now = useNow(1000, offsetMs);
  const actions = useSupervisorActions(state, socket, names);
  const tz = state.config.site.timeZone;
  const fields = fieldRows(state, now);
  const counters = counterRows(state, now);
  const waitingTotal = fields.reduce((n, f) => n + f.waiting, 0);
  const servedTotal = fields.reduce((n, f) => n + f.servedToday, 0);
  const open = counters.filter((c) => c.status === 'open').length;
  const longest = fields.reduce<FieldRow | null>(
    (best, f) =>
      f.longestWaitMs !== null && (best === null || f.longestWaitMs > (best.longestWaitMs ?? 0))
        ? f
        : best,
    null,
  );

  return (
    <div className="dashboard" data-testid="dashboard">
      <header className="page-head">
        <h1>{D.title}</h1>
        <div className="hub-clock" aria-label={D.clock}>
          <span>{formatDateVi(now, tz)}</span>
          <strong data-testid="hub-clock">{formatTimeVi(now, tz, true)}</strong>
        </div>
      </header>
      <AlarmBadge
        alarms={dashboardAlarms(fields, counters, state.config.alerts.calledNotStartedMinutes)}
      />

      <section className="tiles" aria-label={D.title}>
        <div className="tile">
          <span>{D.waitingTotal}</span>
          <strong data-testid="waiting-total">{waitingTotal}</strong>
        </div>
        <div className="tile">
          <span>{D.servedToday}</span>
          <strong>{servedTotal}</strong>
        </div>
        <div className="tile">
          <span>{D.countersOpen}</span>
          <strong>
            {open}/{counters.length}
          </strong>
        </div>
        <div className="tile" data-level={longest?.level ?? 'ok'}>
          <span>{D.longestWait}</span>
          <strong>
            {longest?.longestWaitMs != null ? formatDurationVi(longest.longestWaitMs) : '—'}
          </strong>
          {longest && <small>{longest.name}</small>}
        </div>
      </section>

      <div className="dashboard-grid">
        <section className="panel" aria-labelledby="fields-title">
          <h2 id="fields-title">{D.fields}</h2>
          <table className="data fields-table">
            <thead>
              <tr>
                <th>{D.field}</th>
                <th className="num">{D.waiting}</th>
                <th className="num">{D.longest}</th>
                <th className="num">{D.estimate}</th>
                <th className="num">{D.target}</th>
                <th>{D.servingCounters}</th>
                <th className="num">{D.served}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr key={f.id} data-field={f.id} data-level={f.level}>
                  <td>
                    <span className="field-name">{f.name}</span>
                    {availabilityText(f) && <span className="tag">{availabilityText(f)}</span>}
                  </td>
                  <td className="num big">{f.waiting}</td>
                  <td className="num wait" data-testid={`longest-${f.id}`}>
                    {f.longestWaitMs === null ? (
                      <span className="muted">{D.nobodyWaiting}</span>
                    ) : (
                      <>
                        <span className="wait-value">{formatDurationVi(f.longestWaitMs)}</span>
                        {f.level !== 'ok' && (
                          <span className="level-text">
                            {f.level === 'alarm' ? D.overTarget : D.nearTarget}
                          </span>
                        )}
                      </>
                    )}
                  </td>
                  <td className="num">
                    {f.waiting === 0 ? '—' : formatMinutesVi(f.estimateMinutes)}
                  </td>
                  <td className="num">{D.minutes(f.targetMinutes)}</td>
                  <td>
                    {f.openCounters.length === 0 ? (
                      <span className="muted">{D.noCounterOpen}</span>
                    ) : (
                      f.openCounters.join(', ')
                    )}
                  </td>
                  <td className="num">{f.servedToday}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{D.alarmLegend}</p>
        </section>

        <section className="panel" aria-labelledby="counters-title">
          <h2 id="counters-title">{D.counters}</h2>
          <table className="data counters-table">
            <thead>
              <tr>
                <th>{D.counter}</th>
                <th>{D.status}</th>
                <th>{D.clerk}</th>
                <th>{D.current}</th>
                <th className="num">{D.forHowLong}</th>
                <th aria-label={D.actions} />
              </tr>
            </thead>
            <tbody>
              {counters.map((c) => (
                <tr key={c.id} data-counter={c.id} data-status={c.status}>
                  <td>
                    <strong>
                      {c.name === `Quầy ${c.number}` ? c.name : `${c.number}. ${c.name}`}
                    </strong>
                  </td>
                  <td>
                    <span className="status" data-status={c.status}>
                      {D.counterStatus[c.status]}
                    </span>
                    {c.pauseReason && <small className="muted reason">{c.pauseReason}</small>}
                  </td>
                  <td>{c.clerkId ? (names.get(c.clerkId) ?? c.clerkId) : '—'}</td>
                  <td>
                    {c.ticket ? (
                      <>
                        <strong className="ticket">{c.ticket.label}</strong>{' '}
                        <small className="muted">
                          {c.ticket.state === 'called' ? D.ticketCalled : D.ticketServing}
                        </small>
                      </>
                    ) : c.status === 'open' ? (
                      <span className="muted">{D.idle}</span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="num">
                    {c.ticket
                      ? formatDurationVi(c.ticket.forMs)
                      : c.status === 'paused'
                        ? formatDurationVi(c.statusSinceMs)
                        : '—'}
                  </td>
                  <td>
                    <CounterMenu state={state} counterId={c.id} actions={actions} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="panel devices-panel" aria-labelledby="devices-title">
          <h2 id="devices-title">{D.devices}</h2>
          {devices.length === 0 ? (
            <p className="muted">{D.noDevices}</p>
          ) : (
            <ul className="devices">
              {sortDevices(devices).map((d) => (
                <DeviceItem key={d.deviceId} device={d} tz={tz} />
              ))}
            </ul>
          )}
        </section>

        <WaitingPanel state={state} now={now} actions={actions} />
      </div>
      {api && <TodayAccuracy api={api} day={state.day} />}
      {actions.view}
    </div>
  );
}

/** The printer's trouble in words; null when it prints. */
function printerProblem(d: DeviceStatus): string | null {
  const problem = printerProblemOf(d);
  if (problem === 'error') return d.printer?.error ?? null;
  return problem && PRINTER_TEXT[problem];
}

const PRINTER_TEXT = {
  offline: D.printerOffline,
  paperOut: D.paperOut,
  coverOpen: D.coverOpen,
  paperNearEnd: D.paperNearEnd,
};

function DeviceItem({ device: d, tz }: { device: DeviceStatus; tz: string }) {
  const problem = printerProblem(d);
  const level = deviceLevel(d);
  return (
    <li className="device" data-level={level} data-device={d.deviceId}>
      <span className="dot" aria-hidden="true" />
      <div>
        <strong>{d.name}</strong> <small className="muted">{D.deviceKinds[d.kind] ?? d.kind}</small>
        <div className="small">
          {level === 'never' ? D.neverConnected : d.online ? D.online : D.offline}
          {level !== 'never' && !d.online && (
            <>
              {' · '}
              {D.lastSeen}:{' '}
              {d.lastSeenAt
                ? `${formatTimeVi(d.lastSeenAt, tz)} ${formatDateVi(d.lastSeenAt, tz)}`
                : D.never}
            </>
          )}
          {d.printer && (
            <>
              {' · '}
              {D.printer}: {problem ?? D.printerOk}
            </>
          )}
        </div>
      </div>
    </li>
  );
}
