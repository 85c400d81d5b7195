import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { serviceOver } from '@luot/domain';
import { request } from '@luot/hub-client';
import { useHubMirror } from '@luot/hub-client/react';
import type { TicketData } from '@luot/printing/types';
import { failure, type Ack, type IssuedTicket } from '@luot/protocol';
import { formatTimeVi, useNow } from '@luot/ui';
import type { KioskConfig, OpenSettingsResult } from '../../shared/bridge.ts';
import { CardNote, CardScreens, isCardScreen, type CardScreen } from './CardScreens.tsx';
import { useAccessModes } from './access.ts';
import { AccessBar } from './AccessBar.tsx';
import { CheckInScreen } from './CheckInScreen.tsx';
import { ConfirmScreen } from './ConfirmScreen.tsx';
import { HomeScreen } from './HomeScreen.tsx';
import { fieldTiles, type FieldTile } from './fields.ts';
import {
  cardForIssue,
  cardModeOf,
  cardRefusalText,
  declarableClasses,
  isCardRefusal,
} from './id-card-flow.ts';
import type { KioskHost } from './host.ts';
import { IdleScreen } from './IdleScreen.tsx';
import { issueAndPrint, type FlowDeps, type FlowStep } from './issue-flow.ts';
import { checkInRefusalText, errorText, messages, pinRefusalText } from './messages.ts';
import { PinPad } from './PinPad.tsx';
import { printerProblem } from './printer-problem.ts';
import { NotIssuedScreen, OnScreenTicket, PrintedScreen } from './ResultScreen.tsx';
import { SettingsScreen } from './SettingsScreen.tsx';
import { useDeskPrint } from './desk-print.ts';
import { buildTicketData } from './ticket-data.ts';
import { useIdle, useTimeout } from './use-timeout.ts';
import { usePrinterStatus } from './use-printer-status.ts';
import { useIdCard, type CardNext } from './use-id-card.ts';
import { useScanner } from './use-scanner.ts';
import { createUnansweredIssues, LOST_ANSWER_REASON, newRequestId } from './unanswered-issues.ts';
import { useKeyboardAccess } from './keyboard-access.ts';
import { cueOf, useVoiceGuide } from './voice-guide.ts';

type Screen =
  | Extract<CardNext, { kind: 'home' }>
  | { kind: 'closed'; tile: FieldTile }
  | { kind: 'confirm'; fieldId: string }
  | { kind: 'working'; step: FlowStep; purpose: 'issue' | 'check-in' }
  | { kind: 'check-in' }
  | { kind: 'check-in-refused'; message: string }
  | { kind: 'printed'; ticket: TicketData; preview: string | null }
  | { kind: 'on-screen'; ticket: TicketData }
  | { kind: 'not-issued'; message: string }
  | CardScreen
  | { kind: 'idle' }
  | { kind: 'pin'; error: string | null }
  | { kind: 'settings'; pin: string; open: Extract<OpenSettingsResult, { ok: true }> }
  | { kind: 'browser-info' };

/** How long each screen stays before the kiosk goes back to the start by itself. */
const BACK_AFTER_MS: Partial<Record<Screen['kind'], number>> = {
  closed: 10_000,
  confirm: 30_000,
  printed: 8_000,
  'on-screen': 90_000,
  'not-issued': 10_000,
  'check-in-refused': 15_000,
  'card-refused': 15_000,
  pin: 30_000,
  'browser-info': 15_000,
};
/** Result screens ignore taps at first, so a hand still tapping does not start over. */
const ARM_AFTER_MS = 1_500;
const IDLE_AFTER_MS = 60_000;
/** The check-in and card screens go back to the start when nobody touched or typed for this long. */
const CHECK_IN_IDLE_MS = 45_000;
/** Screens where a QR reader's scan checks in at once; not the PIN, settings or a flow underway. */
const SCAN_SCREENS: ReadonlySet<Screen['kind']> = new Set([
  'home',
  'closed',
  'confirm',
  'idle',
  'check-in',
  'check-in-refused',
  'printed',
  'on-screen',
  'not-issued',
  'id-card',
  'id-keypad',
  'card-refused',
]);
/** With large text, field buttons per page (the last one shows the next page). */
const LARGE_TEXT_FIELDS_PER_PAGE = 4;
/** Taps on the top-left corner within this time that open the settings. */
const SECRET_TAPS = 5;
const SECRET_WINDOW_MS = 3_000;

/** The kiosk: field buttons, the two-tap flow, result screens, idle and hidden settings. */
export function Kiosk({ host, config }: { host: KioskHost; config: KioskConfig }) {
  // First: the visit's language decides the catalogue every text below is read from.
  const access = useAccessModes();
  const { socket, status, view } = useHubMirror(config.hubUrl, config.deviceToken);
  const [printer, setPrinter] = usePrinterStatus(host);
  const now = useNow(1000, view?.clockOffsetMs ?? 0);
  const [screen, setScreen] = useState<Screen>({ kind: 'home' });
  const [armed, setArmed] = useState(true);
  const busy = useRef(false);
  const secretTaps = useRef<number[]>([]);

  const unanswered = useMemo(() => createUnansweredIssues(window.localStorage), []);
  // Back online: take back any number issued for a request whose answer never arrived.
  useEffect(() => {
    if (!socket || status !== 'online') return;
    void unanswered.settle((requestId) =>
      request(socket, 'ticket:abandon', { requestId, reason: LOST_ANSWER_REASON }),
    );
  }, [socket, status, unanswered]);

  const state = view?.state ?? null;
  const timeZone = state?.config.site.timeZone ?? 'Asia/Ho_Chi_Minh';
  const centreName = state?.config.site.name ?? '';
  // The check-in entry shows where some field takes bookings or remote numbers that check in.
  const checkInOffered =
    state?.config.fields.some((f) => f.online.booking.enabled || f.online.remote === 'check-in') ??
    false;
  const tiles = useMemo(() => (state ? fieldTiles(state, now) : []), [state, now]);
  const hubProblem = status !== 'online' || !state;
  const printerIssue = printerProblem(printer);
  const stopped = hubProblem || printerIssue !== null;
  // The day's service is over (by the hub's clock): the end-of-day text instead of the fields.
  const over = state !== null && serviceOver(state, now);

  // The citizen's card for this visit only (see use-id-card.ts), and the QR reader's scans.
  const { card, cardFor, onScan, forget } = useIdCard({
    state,
    screen,
    go: setScreen,
    checkIn: (scanned) => void checkIn(scanned),
  });

  const home = useCallback(() => {
    forget();
    setScreen({ kind: 'home' });
  }, [forget]);
  // A visit ends with its number, or when nobody is there: the next citizen starts fresh.
  const { reset: resetAccess } = access;
  const finish = () => {
    resetAccess();
    home();
  };
  const ended = screen.kind === 'printed' || screen.kind === 'on-screen';
  useTimeout(BACK_AFTER_MS[screen.kind] ?? null, ended ? finish : home, screen);
  // After service, the end-of-day text stays: the idle screen invites a tap to take a number.
  useIdle(IDLE_AFTER_MS, screen.kind === 'home' && !over, () => {
    forget();
    resetAccess();
    setScreen({ kind: 'idle' });
  });
  useIdle(IDLE_AFTER_MS, screen.kind === 'home' && over, resetAccess);
  useIdle(CHECK_IN_IDLE_MS, ['check-in', 'id-card', 'id-keypad'].includes(screen.kind), home);
  useEffect(() => {
    const arms = [
      'printed',
      'on-screen',
      'not-issued',
      'check-in-refused',
      'card-refused',
    ].includes(screen.kind);
    setArmed(!arms);
    if (!arms) return;
    const id = setTimeout(() => setArmed(true), ARM_AFTER_MS);
    return () => clearTimeout(id);
  }, [screen]);

  // The hub (and its supervisors) hear the printer's status on every change and reconnect.
  useEffect(() => {
    if (!socket || status !== 'online' || !printer) return;
    const report = printer.error ? { ...printer, error: printer.error.slice(0, 300) } : printer;
    void request(socket, 'device:report', { printer: report });
  }, [socket, status, printer]);

  // Tickets a reception desk sends here print like this kiosk's own (issue 15).
  const printTicket = useCallback((t: TicketData) => host.printTicket(t), [host]);
  useDeskPrint(socket, state, config.publicUrl || config.hubUrl, printTicket);

  const pickField = (tile: FieldTile) => {
    if (stopped || busy.current) return;
    if (tile.availability !== 'open') setScreen({ kind: 'closed', tile });
    else if (state && cardModeOf(state.config, tile.field.id) !== 'off')
      if (card) cardFor(card, tile.field.id);
      else setScreen({ kind: 'id-card', fieldId: tile.field.id });
    else setScreen({ kind: 'confirm', fieldId: tile.field.id });
  };

  /**
   * One flow through the printer and the hub: a walk-in number (`issue`, taken back if it cannot
   * have printed) or a check-in (`checkIn`, never taken back: the citizen can check in again).
   */
  const run = async (
    purpose: 'issue' | 'check-in',
    ask: () => Promise<Ack<IssuedTicket>>,
    cancel: FlowDeps['cancel'],
  ) => {
    // One ticket per confirmation, however fast the taps come.
    if (busy.current || !socket || !state) return;
    busy.current = true;
    performance.mark('luot:tap');
    try {
      const result = await issueAndPrint({
        printerStatus: async () => {
          const s = await host.printerStatus();
          setPrinter(s);
          return s;
        },
        // Socket.IO would buffer an event sent while disconnected and deliver it on reconnect,
        // long after the citizen left: a number nobody holds. Ask only while connected.
        issue: () => (socket.connected ? ask() : Promise.resolve(failure('UNAVAILABLE'))),
        ticketData: (issued: IssuedTicket) =>
          buildTicketData(state, issued, config.publicUrl || config.hubUrl),
        print: (ticket) => host.printTicket(ticket),
        ...(cancel ? { cancel } : {}),
        onStep: (step) => setScreen({ kind: 'working', step, purpose }),
      });
      switch (result.kind) {
        case 'printed':
          setScreen({ kind: 'printed', ticket: result.ticket, preview: host.lastVirtualTicket() });
          break;
        case 'on-screen':
          setScreen({ kind: 'on-screen', ticket: result.ticket });
          break;
        case 'printer-not-ready':
          setScreen({
            kind: 'not-issued',
            message: `${messages.printer[result.problem]}. ${messages.printerStopped}`,
          });
          break;
        case 'cancelled':
          setScreen({ kind: 'not-issued', message: messages.printFailedCancelled });
          break;
        case 'refused':
          if (purpose === 'issue' && isCardRefusal(result.code))
            setScreen({
              kind: 'card-refused',
              message: cardRefusalText(result.code, state.config),
              fieldId: null,
            });
          else if (purpose === 'check-in')
            setScreen({
              kind: 'check-in-refused',
              message: checkInRefusalText(result, (at) => formatTimeVi(at, timeZone)),
            });
          else
            setScreen({
              kind: 'not-issued',
              message:
                result.code === 'UNAVAILABLE' || result.code === 'INTERNAL'
                  ? messages.offlineDuringIssue
                  : errorText(result.code),
            });
          break;
      }
      if (result.kind !== 'printed') void host.printerStatus().then(setPrinter);
    } finally {
      // The visit is over: nothing of the card stays, whatever came of it.
      if (purpose === 'issue') forget();
      busy.current = false;
    }
  };

  const take = (fieldId: string, priorityClassId: string | null) =>
    run(
      'issue',
      async () => {
        if (!socket) return failure('UNAVAILABLE');
        const requestId = newRequestId();
        const idCard = cardForIssue(state!.config, fieldId, card);
        const payload = { fieldId, priorityClassId, requestId, ...(idCard && { idCard }) };
        const ack = await request(socket, 'ticket:issue', payload);
        // No answer: the hub may have issued a number that nobody will hold.
        if (!ack.ok && ack.error.code === 'UNAVAILABLE') unanswered.add(requestId);
        return ack;
      },
      (ticketId, reason) =>
        socket?.connected
          ? request(socket, 'ticket:cancel', { ticketId, reason })
          : Promise.resolve(failure('UNAVAILABLE')),
    );

  /** A typed code or a scanned QR code: the hub finds the booking or remote number in it. */
  const checkIn = (scanned: string) =>
    run(
      'check-in',
      () =>
        socket
          ? request(socket, 'ticket:checkIn', { scanned: scanned.slice(0, 300) })
          : Promise.resolve(failure('UNAVAILABLE')),
      undefined,
    );

  useScanner(onScan, () => SCAN_SCREENS.has(screen.kind) && !busy.current);

  useVoiceGuide(access.modes.voice, access.modes.language, cueOf(screen, !stopped && !over));
  useKeyboardAccess(screen, armed);

  const secretTap = () => {
    const t = Date.now();
    secretTaps.current = [...secretTaps.current.filter((x) => t - x < SECRET_WINDOW_MS), t];
    if (secretTaps.current.length < SECRET_TAPS) return;
    secretTaps.current = [];
    setScreen(host.kind === 'electron' ? { kind: 'pin', error: null } : { kind: 'browser-info' });
  };

  const submitPin = async (pin: string) => {
    const open = await host.openSettings(pin);
    if (open.ok) setScreen({ kind: 'settings', pin, open });
    else
      setScreen({
        kind: 'pin',
        error: pinRefusalText(open.reason),
      });
  };

  const bar = (
    <AccessBar modes={access.modes} onToggle={access.toggle} onLanguage={access.switchLanguage} />
  );
  if (screen.kind === 'idle')
    return (
      <div className="kiosk idle-wrap">
        <IdleScreen centreName={centreName} now={now} timeZone={timeZone} onWake={home} />
        {bar}
      </div>
    );
  if (screen.kind === 'pin')
    return <PinPad error={screen.error} onSubmit={(p) => void submitPin(p)} onCancel={home} />;
  if (screen.kind === 'settings')
    return (
      <SettingsScreen
        host={host}
        pin={screen.pin}
        initial={screen.open.settings}
        pinSet={screen.open.pinSet}
        osPrinters={screen.open.osPrinters}
        onClose={home}
      />
    );

  return (
    <div className="kiosk" data-hub={status} data-printer={printerIssue ?? 'ok'}>
      <header className="kiosk-header">
        <button
          type="button"
          className="secret-corner"
          tabIndex={-1}
          aria-label={messages.settings.open}
          onClick={secretTap}
        />
        <div className="centre-name">{centreName}</div>
        <div className="clock">
          <span className="clock-time">{formatTimeVi(now, timeZone)}</span>
          <span className="clock-date">{messages.date(now, timeZone)}</span>
        </div>
      </header>

      {screen.kind === 'home' || screen.kind === 'closed' || screen.kind === 'browser-info' ? (
        <HomeScreen
          hub={{ status, problem: hubProblem }}
          state={state}
          now={now}
          over={over}
          printer={{ issue: printerIssue, nearEnd: printer?.paper === 'near-end' }}
          note={screen.kind === 'home' ? (screen.note ?? null) : null}
          dialog={screen.kind === 'home' ? null : screen}
          tiles={tiles}
          stopped={stopped}
          perPage={access.modes.largeText ? LARGE_TEXT_FIELDS_PER_PAGE : null}
          checkInOffered={checkInOffered}
          onPick={pickField}
          onCheckIn={() => {
            if (!stopped && !busy.current) setScreen({ kind: 'check-in' });
          }}
          onDismiss={home}
        />
      ) : screen.kind === 'confirm' ? (
        (() => {
          const tile = tiles.find((t) => t.field.id === screen.fieldId);
          if (!tile || !state) return null;
          const held = cardForIssue(state.config, tile.field.id, card);
          return (
            <ConfirmScreen
              tile={tile}
              priorityClasses={declarableClasses(
                state.config,
                tile.field.id,
                held ?? null,
                state.day,
              )}
              note={
                held && (
                  <CardNote
                    config={state.config}
                    fieldId={tile.field.id}
                    card={held}
                    day={state.day}
                  />
                )
              }
              onTake={(p) => void take(screen.fieldId, p)}
              onBack={home}
            />
          );
        })()
      ) : isCardScreen(screen) ? (
        state && (
          <CardScreens
            screen={screen}
            config={state.config}
            armed={armed}
            go={setScreen}
            onTyped={cardFor}
            onBack={home}
          />
        )
      ) : screen.kind === 'check-in' ? (
        <CheckInScreen onSubmit={(code) => void checkIn(code)} onBack={home} />
      ) : screen.kind === 'working' ? (
        <section className="screen working" data-screen="working" aria-busy="true">
          <div className="spinner" aria-hidden="true" />
          <p>
            {screen.purpose === 'check-in' && screen.step === 'issuing'
              ? messages.checkIn.working
              : messages.working[screen.step]}
          </p>
        </section>
      ) : screen.kind === 'printed' ? (
        <PrintedScreen
          ticket={screen.ticket}
          preview={screen.preview}
          armed={armed}
          onDone={finish}
        />
      ) : screen.kind === 'on-screen' ? (
        <OnScreenTicket ticket={screen.ticket} armed={armed} onDone={finish} />
      ) : screen.kind === 'check-in-refused' ? (
        <NotIssuedScreen
          title={messages.checkIn.refusedTitle}
          message={screen.message}
          armed={armed}
          onBack={home}
          retry={{ label: messages.checkIn.retype, onRetry: () => setScreen({ kind: 'check-in' }) }}
        />
      ) : (
        <NotIssuedScreen message={screen.message} armed={armed} onBack={home} />
      )}
      {bar}
    </div>
  );
}
