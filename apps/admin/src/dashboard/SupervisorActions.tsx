import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { currentTicket, own, type QueueState } from '@luot/domain';
import { request, type HubSocket } from '@luot/hub-client';
import type { Ack } from '@luot/protocol';
import { counterActions, moveOptions, targetOf, type SupervisorAction } from './supervise-model.ts';
import { S } from './supervise-messages.ts';
import './supervise.css';

/** How long the confirmation of a done action stays on screen. */
const NOTICE_MS = 8000;

export interface SupervisorActions {
  /** Opens the dialog of an action (a fresh one: no error left from a previous attempt). */
  open: (action: SupervisorAction) => void;
  /** The open dialog and the last confirmation, to render once on the page. */
  view: ReactNode;
}

/**
 * The supervisor's actions on the live dashboard: one dialog at a time asks for the reason
 * (and the target of a move), sends the action over the dashboard's socket, keeps itself open
 * with the hub's Vietnamese reason when refused, and closes on success with a short notice.
 */
export function useSupervisorActions(
  state: QueueState,
  socket: HubSocket | null,
  names: Map<string, string>,
): SupervisorActions {
  const [action, setAction] = useState<{ action: SupervisorAction; key: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  const view = (
    <>
      {notice && (
        <p className="supervise-notice" role="status" data-testid="supervise-notice">
          {notice}
        </p>
      )}
      {action && (
        <ActionDialog
          key={action.key}
          action={action.action}
          state={state}
          names={names}
          send={(payload) => send(socket, action.action, payload)}
          onDone={(text) => {
            setAction(null);
            setNotice(text);
          }}
          onClose={() => setAction(null)}
        />
      )}
    </>
  );
  return {
    open: (next) => {
      setNotice(null);
      setAction({ action: next, key: Date.now() });
    },
    view,
  };
}

/** Sends an action; answers null when done, or the hub's reason. */
async function send(
  socket: HubSocket | null,
  action: SupervisorAction,
  input: { reason: string; target: string },
): Promise<string | null> {
  if (!socket) return S.busy;
  const { reason } = input;
  let ack: Ack<unknown>;
  switch (action.kind) {
    case 'close':
      ack = await request(socket, 'counter:close', { counterId: action.counterId, reason });
      break;
    case 'release':
      ack = await request(socket, 'counter:release', { counterId: action.counterId, reason });
      break;
    case 'signOut':
      ack = await request(socket, 'clerk:signOut', { username: action.clerkId, reason });
      break;
    case 'recall':
      ack = await request(socket, 'ticket:recall', { counterId: action.counterId, reason });
      break;
    case 'cancel':
      ack = await request(socket, 'ticket:cancel', { ticketId: action.ticketId, reason });
      break;
    case 'move': {
      const to = targetOf(input.target);
      if (!to) return S.targetRequired;
      ack = await request(socket, 'ticket:move', { ticketId: action.ticketId, to, reason });
      break;
    }
  }
  return ack.ok ? null : ack.error.message;
}

function counterName(state: QueueState, counterId: string | null): string {
  return state.config.counters.find((c) => c.id === counterId)?.name ?? counterId ?? '';
}

/** Title, explanation and the done notice of an action, from the state when it was opened. */
function describe(state: QueueState, action: SupervisorAction, names: Map<string, string>) {
  if (action.kind === 'cancel' || action.kind === 'move') {
    const label = own(state.tickets, action.ticketId)?.label ?? '';
    return {
      title: `${S.actions[action.kind]} ${label}`,
      explain: S.explain[action.kind](label),
      done: S.done[action.kind](label),
    };
  }
  const counter = counterName(state, action.counterId);
  const ticket = currentTicket(state, action.counterId);
  const title = `${S.actions[action.kind]} — ${counter}`;
  switch (action.kind) {
    case 'close':
      return { title, explain: S.explain.close(counter), done: S.done.close(counter) };
    case 'release':
      return {
        title,
        explain: !ticket
          ? S.explain.releaseEmpty(counter)
          : ticket.status === 'called'
            ? S.explain.releaseCalled(counter, ticket.label)
            : S.explain.releaseServing(counter, ticket.label),
        done: S.done.release(counter),
      };
    case 'signOut': {
      const clerk = names.get(action.clerkId) ?? action.clerkId;
      return { title, explain: S.explain.signOut(clerk, counter), done: S.done.signOut(clerk) };
    }
    case 'recall': {
      const label = ticket?.label ?? '';
      return { title, explain: S.explain.recall(label, counter), done: S.done.recall(label) };
    }
  }
}

/**
 * One action's dialog on the browser's own <dialog> (focus trapped, Esc closes). The reason is
 * required but for a recall; a move asks for its target among those the domain accepts.
 */
function ActionDialog({
  action,
  state,
  names,
  send,
  onDone,
  onClose,
}: {
  action: SupervisorAction;
  state: QueueState;
  names: Map<string, string>;
  send: (input: { reason: string; target: string }) => Promise<string | null>;
  onDone: (notice: string) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const targetId = useId();
  // Worded once, when opened: the counter's ticket may change while the dialog is open.
  const [text] = useState(() => describe(state, action, names));
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const optional = action.kind === 'recall';
  const ticket = action.kind === 'move' ? own(state.tickets, action.ticketId) : undefined;
  const options = ticket ? moveOptions(state, ticket) : null;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (action.kind === 'move' && !target) return setError(S.targetRequired);
    if (!optional && !reason.trim()) return setError(S.reasonRequired);
    setSending(true);
    const refusal = await send({ reason: reason.trim(), target });
    setSending(false);
    if (refusal) setError(refusal);
    else onDone(text.done);
  };

  const note = (n: 'noCounterOpen' | 'counterClosed' | null) => (n ? ` (${S[n]})` : '');

  return (
    <dialog
      ref={ref}
      className="modal supervise-dialog"
      aria-labelledby={titleId}
      data-testid="supervise-dialog"
      data-action={action.kind}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{text.title}</h2>
      <form onSubmit={submit}>
        <p className="explain">{text.explain}</p>
        {options && (
          <div className="form-row">
            <label htmlFor={targetId}>{S.target}</label>
            {options.fields.length + options.counters.length === 0 ? (
              <p className="muted">{S.noTargets}</p>
            ) : (
              <select
                id={targetId}
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                data-testid="move-target"
              >
                <option value="">{S.chooseTarget}</option>
                {options.fields.length > 0 && (
                  <optgroup label={S.fieldsGroup}>
                    {options.fields.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label + note(o.note)}
                      </option>
                    ))}
                  </optgroup>
                )}
                {options.counters.length > 0 && (
                  <optgroup label={S.countersGroup}>
                    {options.counters.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label + note(o.note)}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            )}
          </div>
        )}
        <div className="form-row">
          <label htmlFor={reasonId}>{optional ? S.reasonOptional : S.reason}</label>
          <textarea
            id={reasonId}
            rows={2}
            maxLength={300}
            value={reason}
            required={!optional}
            onChange={(e) => setReason(e.target.value)}
            data-testid="supervise-reason"
          />
          <small className="muted">{S.reasonHint}</small>
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="supervise-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            {S.back}
          </button>
          <button
            type="submit"
            className={
              action.kind === 'cancel' || action.kind === 'close'
                ? 'primary danger-fill'
                : 'primary'
            }
            disabled={sending}
            data-testid="supervise-confirm"
          >
            {sending ? S.busy : S.actions[action.kind]}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The actions menu of a counter row (nothing for a closed counter). */
export function CounterMenu({
  state,
  counterId,
  actions,
}: {
  state: QueueState;
  counterId: string;
  actions: SupervisorActions;
}) {
  const offered = counterActions(state, counterId);
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: PointerEvent) => {
      const menu = ref.current;
      if (menu?.open && !menu.contains(e.target as Node)) menu.removeAttribute('open');
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, []);
  if (offered.length === 0) return null;
  return (
    <details
      className="actions-menu"
      ref={ref}
      data-testid={`counter-actions-${counterId}`}
      // The menu closes with Esc or a click elsewhere (below), like a menu button.
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.currentTarget.removeAttribute('open');
        e.currentTarget.querySelector('summary')?.focus();
      }}
    >
      <summary aria-label={S.menuFor(counterName(state, counterId))}>{S.menu}</summary>
      <div className="actions-list">
        {offered.map((a) => (
          <button
            key={a.kind}
            type="button"
            className={a.kind === 'close' || a.kind === 'cancel' ? 'danger' : undefined}
            onClick={() => {
              ref.current?.removeAttribute('open');
              actions.open(a);
            }}
          >
            {S.actions[a.kind]}
          </button>
        ))}
      </div>
    </details>
  );
}
