import { useId, useState } from 'react';
import type { QueueState } from '@luot/domain';
import { formatDurationVi } from '@luot/ui';
import { waitingRows } from './supervise-model.ts';
import { S } from './supervise-messages.ts';
import type { SupervisorActions } from './SupervisorActions.tsx';

/** How many waiting tickets the list shows before "and N more". */
const WAITING_SHOWN = 100;

/** Waiting and absent tickets with their actions (move, cancel), optionally of one field. */
export function WaitingPanel({
  state,
  now,
  actions,
}: {
  state: QueueState;
  now: number;
  actions: SupervisorActions;
}) {
  const [fieldId, setFieldId] = useState('');
  const filterId = useId();
  const rows = waitingRows(state, now, fieldId || null);
  const W = S.waiting;
  return (
    <section className="panel waiting-panel" aria-labelledby="waiting-title">
      <div className="panel-head">
        <h2 id="waiting-title">{W.title}</h2>
        <label htmlFor={filterId} className="small">
          {W.filter}{' '}
          <select id={filterId} value={fieldId} onChange={(e) => setFieldId(e.target.value)}>
            <option value="">{W.allFields}</option>
            {state.config.fields.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{W.empty}</p>
      ) : (
        <table className="data waiting-table">
          <thead>
            <tr>
              <th>{W.number}</th>
              <th>{W.field}</th>
              <th>{W.state}</th>
              <th className="num">{W.waited}</th>
              <th>{W.actions}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, WAITING_SHOWN).map((r) => (
              <tr key={r.ticket.id} data-ticket={r.ticket.label}>
                <td>
                  <strong className="ticket">{r.ticket.label}</strong>
                  {r.ticket.priorityClassId && <span className="tag">{W.priority}</span>}
                </td>
                <td>{r.fieldName}</td>
                <td>
                  {r.ticket.status === 'no_show' ? W.statusNoShow : W.statusWaiting}
                  {r.forCounter && <small className="muted"> · {W.forCounter(r.forCounter)}</small>}
                </td>
                <td className="num">{formatDurationVi(r.waitMs)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    onClick={() => actions.open({ kind: 'move', ticketId: r.ticket.id })}
                  >
                    {S.actions.move}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => actions.open({ kind: 'cancel', ticketId: r.ticket.id })}
                  >
                    {S.actions.cancel}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > WAITING_SHOWN && (
        <p className="muted small">{W.more(rows.length - WAITING_SHOWN)}</p>
      )}
    </section>
  );
}
