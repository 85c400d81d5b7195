import type { ReactNode } from 'react';
import { isWorkingDay, type QueueState } from '@luot/domain';
import { siteClosedLineVi } from '@luot/ui';
import { EndOfDayPanel } from './EndOfDayPanel.tsx';
import { FieldGrid } from './FieldGrid.tsx';
import { issuingHours, type FieldTile } from './fields.ts';
import { messages } from './messages.ts';
import type { PrinterProblem } from './printer-problem.ts';

/**
 * The kiosk's start: what stops issuing (the hub, the end of the day, the printer) or the
 * invitation to choose, the field buttons, the check-in entry, the centre's notice, and the
 * dialog of a closed field or of a kiosk running in a browser.
 */
export function HomeScreen({
  hub,
  state,
  now,
  over,
  printer,
  note,
  dialog,
  tiles,
  stopped,
  perPage,
  checkInOffered,
  onPick,
  onCheckIn,
  onDismiss,
}: {
  hub: { status: string; problem: boolean };
  state: QueueState | null;
  now: number;
  over: boolean;
  printer: { issue: PrinterProblem | null; nearEnd: boolean };
  /** What a card scanned before a field was chosen means here. */
  note: 'card-held' | 'card-not-used' | null;
  dialog: { kind: 'closed'; tile: FieldTile } | { kind: 'browser-info' } | null;
  tiles: FieldTile[];
  stopped: boolean;
  /** Field buttons per page with large text; null: all at once. */
  perPage: number | null;
  checkInOffered: boolean;
  onPick: (tile: FieldTile) => void;
  onCheckIn: () => void;
  onDismiss: () => void;
}): ReactNode {
  return (
    <main className="screen home" data-screen="home">
      {hub.problem ? (
        <div className="stop-panel" role="alert" data-testid="stop-panel" data-kind="hub">
          <strong>
            {hub.status === 'refused'
              ? messages.hubRefused
              : hub.status === 'connecting' && !state
                ? messages.hubConnecting
                : messages.hubDown}
          </strong>
          {hub.status !== 'refused' && <span>{messages.hubDownDetail}</span>}
        </div>
      ) : over && state ? (
        <EndOfDayPanel
          dayOff={!isWorkingDay(state.config, state.day)}
          message={state.config.texts.endOfDay}
          reopening={siteClosedLineVi(state.config, now)}
        />
      ) : printer.issue ? (
        <div className="stop-panel" role="alert" data-testid="stop-panel" data-kind="printer">
          <strong>{messages.printer[printer.issue]}</strong>
          <span>{messages.printerStopped}</span>
        </div>
      ) : note ? (
        <p className="home-note" role="status" data-testid="home-note">
          {note === 'card-held' ? messages.idCard.heldOnHome : messages.idCard.notUsed}
        </p>
      ) : (
        <h1 className="home-title">{messages.chooseField}</h1>
      )}
      {!(over && !hub.problem) && (
        <FieldGrid tiles={tiles} disabled={stopped} onPick={onPick} perPage={perPage} />
      )}
      {checkInOffered && !(over && !hub.problem) && (
        <button
          type="button"
          className="check-in-entry"
          data-testid="check-in-entry"
          disabled={stopped}
          onClick={onCheckIn}
        >
          <span className="check-in-entry-question">{messages.checkIn.entry}</span>
          <span className="check-in-entry-action">{messages.checkIn.entryAction}</span>
        </button>
      )}
      {printer.nearEnd && !stopped && !over && <p className="near-end">{messages.paperNearEnd}</p>}
      <footer className="home-footer">
        {state?.config.site.notice ? (
          <p className="notice">{state.config.site.notice}</p>
        ) : (
          !over && <p className="notice tap-hint">{messages.tapHint}</p>
        )}
      </footer>
      {dialog?.kind === 'closed' && (
        <div className="dialog-backdrop">
          <div className="dialog" role="alertdialog" data-testid="closed-dialog">
            <p>
              {dialog.tile.availability === 'SOLD_OUT'
                ? messages.closedExplanation.SOLD_OUT(dialog.tile.field.name)
                : messages.closedExplanation.OUTSIDE_HOURS(
                    dialog.tile.field.name,
                    issuingHours(dialog.tile.field),
                    dialog.tile.reopening,
                  )}
            </p>
            <button type="button" className="take-button" onClick={onDismiss}>
              {messages.ok}
            </button>
          </div>
        </div>
      )}
      {dialog?.kind === 'browser-info' && (
        <div className="dialog-backdrop">
          <div className="dialog" role="alertdialog">
            <p>{messages.settings.browserOnly}</p>
            <button type="button" className="take-button" onClick={onDismiss}>
              {messages.ok}
            </button>
          </div>
        </div>
      )}
    </main>
  );
}
