import { useEffect, useRef, useState } from 'react';
import { currentTicket, fieldById, type Dossier, type Ticket } from '@luot/domain';
import { request } from '@luot/hub-client';
import { useHubMirror } from '@luot/hub-client/react';
import { BY_COOKIE } from '@luot/hub-client';
import type { ClientEventName, ClientPayload, ClientResults } from '@luot/protocol';
import { formatTimeVi, useNow } from '@luot/ui';
import { isNetworkError, logout } from './api.ts';
import { ActionBar } from './ActionBar.tsx';
import { CallNumberDialog } from './CallNumberDialog.tsx';
import { PasswordDialog } from './PasswordDialog.tsx';
import {
  ACTIONS,
  availableActions,
  clerkFigures,
  nextFor,
  noShowsHere,
  servedHere,
  waitingHere,
  type Action,
} from './counter-view.ts';
import { CurrentTicket } from './CurrentTicket.tsx';
import { Figures } from './Figures.tsx';
import { FinishDialog } from './FinishDialog.tsx';
import { MSG } from './messages.ts';
import { hubUrl, type ClerkSession } from './platform.ts';
import { NoShowList, ServedList, WaitingList } from './TicketLists.tsx';
import { TransferDialog, type TransferTarget } from './TransferDialog.tsx';
import { useShortcuts } from './use-shortcuts.ts';

interface Notice {
  kind: 'ok' | 'info' | 'error';
  text: string;
}

/**
 * The clerk's working screen: follows the hub over the session's socket, shows the counter's
 * ticket, lists and figures, and sends each action as one acknowledged request. Offline, it
 * sends nothing (no action is queued to replay later) and says so.
 */
export function CounterScreen({
  session,
  onSignedOut,
  onSessionEnded,
}: {
  session: ClerkSession;
  onSignedOut: () => void;
  onSessionEnded: () => void;
}) {
  const hub = hubUrl();
  // The socket authenticates with the HttpOnly session cookie the browser sends.
  const { socket, status, view } = useHubMirror(hub, BY_COOKIE);
  const now = useNow(1000, view?.clockOffsetMs ?? 0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [dialog, setDialog] = useState<'transfer' | 'callNumber' | 'finish' | 'password' | null>(
    null,
  );
  const [signingOut, setSigningOut] = useState(false);
  const signingOutRef = useRef(false);
  const busyRef = useRef(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (status === 'refused' && !signingOutRef.current) onSessionEnded();
  }, [status, onSessionEnded]);

  const counterId = session.counterId;
  const state = view?.state ?? null;
  const counter = state?.counters[counterId];
  const counterConfig = state?.config.counters.find((c) => c.id === counterId);
  const counterName = counterConfig?.name ?? counterId;
  const mine = !!counter && counter.status !== 'closed' && counter.clerkId === session.username;
  const online = status === 'online' && state !== null;
  const usable = online && mine;
  const paused = counter?.status === 'paused';
  const current = state ? currentTicket(state, counterId) : null;
  const waiting = state ? waitingHere(state, counterId, now) : [];
  const noShows = state ? noShowsHere(state, counterId) : [];
  const asker = { clerkId: session.username, now };
  const available = state
    ? availableActions(state, counterId, asker)
    : (Object.fromEntries(ACTIONS.map((a) => [a, false])) as Record<Action, boolean>);
  const enabled = Object.fromEntries(ACTIONS.map((a) => [a, usable && available[a]])) as Record<
    Action,
    boolean
  >;
  const fieldName = (fieldId: string) => (state && fieldById(state, fieldId)?.name) ?? fieldId;
  const counterFields = counterConfig?.fieldIds.map(fieldName).join(', ');

  /** Sends one request and reports the hub's answer; returns the refusal text, or null. */
  async function send<E extends ClientEventName>(
    event: E,
    payload: ClientPayload<E>,
    done: (data: ClientResults[E]) => string,
  ): Promise<string | null> {
    // A socket that is not connected would buffer the event and replay it on reconnect.
    if (!socket || !socket.connected || status !== 'online') {
      setNotice({ kind: 'error', text: MSG.offlineAction });
      return MSG.offlineAction;
    }
    if (busyRef.current) return MSG.actions.working;
    busyRef.current = true;
    setBusy(true);
    try {
      const ack = await request(socket, event, payload);
      if (ack.ok) {
        setNotice({ kind: 'ok', text: done(ack.data) });
        return null;
      }
      setNotice({ kind: 'error', text: ack.error.message });
      return ack.error.message;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }

  function whyNot(action: Action): string {
    if (!mine) return MSG.unavailable.closed;
    const label = current?.label ?? '';
    switch (action) {
      case 'callNext':
      case 'callNumber':
        if (paused) return MSG.unavailable.paused;
        // A site that requires a dossier refuses a call that would finish the visit unrecorded.
        return current?.status === 'serving'
          ? MSG.unavailable.finishFirst(label)
          : MSG.unavailable.busy(label);
      case 'recall':
      case 'start':
      case 'noShow':
        return current ? MSG.unavailable.alreadyServing(label) : MSG.unavailable.noneCalled;
      case 'finish':
        return current ? MSG.unavailable.notStarted(label) : MSG.unavailable.noneServing;
      case 'transfer':
        return MSG.unavailable.nothingToTransfer;
      case 'pauseResume':
        return MSG.unavailable.closed;
    }
  }

  function run(action: Action) {
    if (!online) return setNotice({ kind: 'error', text: MSG.offlineAction });
    if (!enabled[action]) return setNotice({ kind: 'info', text: whyNot(action) });
    switch (action) {
      case 'callNext':
        return void send('counter:callNext', {}, (t) => MSG.done.callNext(t.label));
      case 'recall':
        return void send('counter:recall', {}, (t) => MSG.done.recall(t.label));
      case 'start':
        return void send('counter:start', {}, (t) => MSG.done.start(t.label));
      case 'finish':
        // Where the site requires nothing, one press finishes; else the finish step opens.
        if (state?.config.dossier.required === 'off') return void finish(null);
        setNotice(null);
        return setDialog('finish');
      case 'noShow':
        return void send('counter:noShow', {}, (t) => MSG.done.noShow(t.label));
      case 'transfer':
      case 'callNumber':
        setNotice(null);
        return setDialog(action);
      case 'pauseResume':
        return void (paused
          ? send('counter:resume', {}, () => MSG.done.resume)
          : send('counter:pause', { reason: '' }, () => MSG.done.pause));
    }
  }

  async function callTicket(t: Ticket): Promise<string | null> {
    if (!online) {
      setNotice({ kind: 'error', text: MSG.offlineAction });
      return MSG.offlineAction;
    }
    if (!enabled.callNumber) {
      const why = whyNot('callNumber');
      setNotice({ kind: 'info', text: why });
      return why;
    }
    return send('counter:callTicket', { ticketId: t.id }, (c) => MSG.done.callTicket(c.label));
  }

  const finish = (dossier: Dossier | null) =>
    send('counter:finish', { dossier }, (t) => MSG.done.finish(t.label));

  const transfer = (to: TransferTarget, reason: string) =>
    send('counter:transfer', { to, reason }, (t) => MSG.done.transfer(t.label));

  useShortcuts(dialog === null && mine, run);

  async function signOut() {
    signingOutRef.current = true;
    setSigningOut(true);
    const res = await logout(hub);
    // A session the hub no longer knows is as signed out as it gets.
    if (res.ok || (!isNetworkError(res) && res.error.code === 'UNAUTHENTICATED'))
      return onSignedOut();
    signingOutRef.current = false;
    setSigningOut(false);
    setNotice({
      kind: 'error',
      text: isNetworkError(res) ? MSG.signIn.network : res.error.message,
    });
  }

  const header = (
    <header className="topbar">
      <div className="topbar-counter" data-testid="counter-name">
        {counterName}
      </div>
      <div className="topbar-clerk">
        {MSG.header.clerk}: <strong data-testid="clerk-name">{session.name}</strong>
        {counterFields ? (
          <span className="topbar-fields">
            {MSG.header.fields}: {counterFields}
          </span>
        ) : null}
      </div>
      <div className="topbar-clock" title={MSG.header.hubTime}>
        {state ? formatTimeVi(now, state.config.site.timeZone) : ''}
      </div>
      <button type="button" className="secondary" onClick={() => setDialog('password')}>
        {MSG.header.password}
      </button>
      <button type="button" className="secondary" onClick={signOut} disabled={signingOut}>
        {signingOut ? MSG.header.signingOut : MSG.header.signOut}
      </button>
      {dialog === 'password' ? <PasswordDialog hub={hub} onClose={() => setDialog(null)} /> : null}
    </header>
  );

  const banner =
    status === 'online' ? null : (
      <div className="banner" role="alert" data-kind={status} data-testid="connection-banner">
        {status === 'connecting' ? MSG.connecting : MSG.offline}
      </div>
    );

  if (!state)
    return (
      <div className="app">
        {header}
        {banner}
        <main className="loading">{MSG.connecting}</main>
      </div>
    );

  if (!mine)
    return (
      <div className="app">
        {header}
        {banner}
        <main className="closed" data-testid="counter-closed">
          <h1>{MSG.closed.title}</h1>
          <p>{MSG.closed.body}</p>
          <button type="button" className="primary" onClick={signOut} disabled={signingOut}>
            {MSG.closed.again}
          </button>
          {notice ? <p className="form-error">{notice.text}</p> : null}
        </main>
      </div>
    );

  const maxScore = Math.max(...state.config.ratingScale.map((r) => r.score));
  return (
    <div className="app">
      {header}
      {banner}
      {paused ? (
        <div className="banner" data-kind="paused" data-testid="paused-banner">
          {MSG.paused.banner}
        </div>
      ) : null}
      <main className="workspace" aria-busy={busy}>
        <div className="column column-main">
          <CurrentTicket state={state} ticket={current} waitingCount={waiting.length} now={now} />
          <ActionBar enabled={enabled} paused={paused} onAction={run} />
          <p className="shortcut-hint">{MSG.actions.shortcutHint}</p>
          <div
            className="notice"
            data-kind={notice?.kind}
            data-testid="notice"
            role={notice?.kind === 'error' ? 'alert' : 'status'}
          >
            {notice ? (
              <>
                {notice.kind === 'error' ? <strong>{MSG.refused}: </strong> : null}
                <span data-testid="notice-text">{notice.text}</span>
              </>
            ) : null}
          </div>
          <Figures figures={clerkFigures(state, session.username)} maxScore={maxScore} />
        </div>
        <div className="column">
          <WaitingList
            state={state}
            fieldName={fieldName}
            tickets={waiting}
            nextId={nextFor(state, counterId, now)?.id ?? null}
            counterId={counterId}
            now={now}
            canCall={enabled.callNumber}
            onCall={(t) => void callTicket(t)}
          />
        </div>
        <div className="column">
          <NoShowList
            state={state}
            fieldName={fieldName}
            tickets={noShows}
            canCall={enabled.callNumber}
            onCall={(t) => void callTicket(t)}
          />
          <ServedList state={state} fieldName={fieldName} tickets={servedHere(state, counterId)} />
        </div>
      </main>
      {dialog === 'transfer' && current ? (
        <TransferDialog
          state={state}
          counterId={counterId}
          asker={asker}
          ticket={current}
          disabled={!usable}
          onTransfer={transfer}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'finish' && current ? (
        <FinishDialog
          config={state.config.dossier}
          ticket={current}
          disabled={!usable}
          onFinish={finish}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'callNumber' ? (
        <CallNumberDialog
          waiting={waiting}
          noShows={noShows}
          fieldName={fieldName}
          timeZone={state?.config.site.timeZone ?? 'Asia/Ho_Chi_Minh'}
          disabled={!usable}
          onCall={callTicket}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
