import { useEffect, useRef, useState, type FormEvent } from 'react';
import { deskById, fieldById, type QueueState } from '@luot/domain';
import { BY_COOKIE, request } from '@luot/hub-client';
import { useHubMirror } from '@luot/hub-client/react';
import type { DeskIssued } from '@luot/protocol';
import { formatTimeVi } from '@luot/ui';
import { isNetworkError, logout } from './api.ts';
import { DeskLookup, type DeskSend } from './DeskLookup.tsx';
import { MSG } from './messages.ts';
import { hubUrl, type GuideSession } from './platform.ts';
import './desk.css';

const D = MSG.desk;

/**
 * The reception desk ("Bàn hướng dẫn") of a guide: issues a number for a citizen in any field and
 * priority class (the guide vouches for it), printed where the desk prints and shown big to
 * write down if it could not be; looks a ticket of today up by its number, and reprints it.
 */
export function DeskScreen({
  session,
  onSignedOut,
  onSessionEnded,
}: {
  session: GuideSession;
  onSignedOut: () => void;
  onSessionEnded: () => void;
}) {
  const hub = hubUrl();
  const { socket, status, view } = useHubMirror(hub, BY_COOKIE);
  const state = view?.state ?? null;
  const online = status === 'online' && state !== null;
  const signingOutRef = useRef(false);
  const busyRef = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (status === 'refused' && !signingOutRef.current) onSessionEnded();
  }, [status, onSessionEnded]);

  const send: DeskSend = async (event, payload) => {
    // A socket that is not connected would buffer the event and replay it on reconnect.
    if (!socket || !socket.connected || status !== 'online')
      return { ok: false, message: MSG.offlineAction };
    if (busyRef.current) return { ok: false, message: MSG.actions.working };
    busyRef.current = true;
    setBusy(true);
    try {
      const ack = await request(socket, event, payload);
      return ack.ok ? ack : { ok: false, message: ack.error.message };
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  async function signOut() {
    signingOutRef.current = true;
    const res = await logout(hub);
    if (res.ok || (!isNetworkError(res) && res.error.code === 'UNAUTHENTICATED'))
      return onSignedOut();
    signingOutRef.current = false;
    setError(isNetworkError(res) ? MSG.signIn.network : res.error.message);
  }

  const desk = state ? deskById(state.config, session.deskId) : undefined;
  return (
    <div className="app desk-app">
      <header className="topbar">
        <div className="topbar-counter" data-testid="desk-name">
          {D.title}
          {desk ? ` — ${desk.name}` : ''}
        </div>
        <div className="topbar-clerk">
          {D.guide}: <strong data-testid="guide-name">{session.name}</strong>
        </div>
        <button type="button" className="secondary" onClick={() => void signOut()}>
          {MSG.header.signOut}
        </button>
      </header>
      {!online ? (
        <div className="banner" data-kind={status === 'offline' ? undefined : 'connecting'}>
          {status === 'offline' ? MSG.offline : MSG.connecting}
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {state && !desk ? (
        <p className="form-error" role="alert">
          {D.unknownDesk}
        </p>
      ) : null}
      <main className="workspace desk-workspace" aria-busy={busy}>
        {state ? <IssuePanel state={state} online={online} send={send} /> : null}
        {state ? (
          <DeskLookup
            state={state}
            online={online}
            send={send}
            clockOffsetMs={view?.clockOffsetMs ?? 0}
          />
        ) : null}
      </main>
    </div>
  );
}

/** Field and priority, then "Cấp số"; the number issued shown big with where it printed. */
function IssuePanel({
  state,
  online,
  send,
}: {
  state: QueueState;
  online: boolean;
  send: DeskSend;
}) {
  const [fieldId, setFieldId] = useState('');
  const [priorityClassId, setPriorityClassId] = useState('');
  const [issued, setIssued] = useState<DeskIssued | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const tz = state.config.site.timeZone;

  async function issue(e: FormEvent) {
    e.preventDefault();
    if (!fieldId) return setRefusal(D.chooseField);
    setSending(true);
    setRefusal(null);
    const res = await send('desk:issue', { fieldId, priorityClassId: priorityClassId || null });
    setSending(false);
    if (!res.ok) return setRefusal(res.message);
    setIssued(res.data);
  }

  const priority = issued
    ? state.config.priorityClasses.find((p) => p.id === issued.ticket.priorityClassId)
    : undefined;
  return (
    <section className="column desk-issue" aria-labelledby="desk-issue-title">
      <h2 id="desk-issue-title">{D.issueHeading}</h2>
      <form onSubmit={issue}>
        <fieldset className="desk-choices">
          <legend>{D.field}</legend>
          {state.config.fields.map((f) => (
            <label key={f.id} className="desk-choice">
              <input
                type="radio"
                name="field"
                value={f.id}
                checked={fieldId === f.id}
                onChange={() => setFieldId(f.id)}
              />
              <span>{f.name}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="desk-choices">
          <legend>{D.priority}</legend>
          {[{ id: '', name: D.noPriority }, ...state.config.priorityClasses].map((p) => (
            <label key={p.id || 'none'} className="desk-choice">
              <input
                type="radio"
                name="priority"
                value={p.id}
                checked={priorityClassId === p.id}
                onChange={() => setPriorityClassId(p.id)}
              />
              <span>{p.name}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary desk-issue-button" disabled={!online || sending}>
          {sending ? D.issuing : D.issue}
        </button>
      </form>
      {refusal ? (
        <p className="desk-problem" role="alert" data-testid="desk-refusal">
          {refusal}
        </p>
      ) : null}
      <div className="desk-issued" data-testid="desk-issued" aria-live="polite">
        <h3>{D.issuedHeading}</h3>
        {issued ? (
          <>
            <p className="desk-issued-label" data-testid="desk-issued-label">
              {issued.ticket.label}
            </p>
            <p>
              {fieldById(state, issued.ticket.fieldId)?.name ?? issued.ticket.fieldId}
              {priority ? <span className="badge priority">{priority.name}</span> : null}
            </p>
            <p>
              {D.issuedAt} {formatTimeVi(issued.ticket.issuedAt, tz)} · {D.ahead}: {issued.ahead}
            </p>
            <p
              className={issued.print.printed ? 'desk-ok' : 'desk-problem'}
              role={issued.print.printed ? 'status' : 'alert'}
              data-testid="desk-print"
            >
              {issued.print.printed
                ? D.printedOn(issued.print.where, issued.print.name)
                : `${issued.print.error.message} ${D.notPrinted}`}
            </p>
          </>
        ) : (
          <p className="form-note">{D.noneYet}</p>
        )}
      </div>
    </section>
  );
}
