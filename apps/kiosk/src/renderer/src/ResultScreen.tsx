import { formatOrigin } from '@luot/printing/format';
import { viTicketMessages } from '@luot/printing/messages';
import type { TicketData } from '@luot/printing/types';
import { messages } from './messages.ts';
import { QrCode } from './QrCode.tsx';

/** "Mời quý khách nhận phiếu": the number that just printed, and where to take it. */
export function PrintedScreen({
  ticket,
  preview,
  armed,
  onDone,
}: {
  ticket: TicketData;
  preview: string | null;
  armed: boolean;
  onDone: () => void;
}) {
  // The same line the ticket prints under the number: "Lịch hẹn 09:30", "Lấy số trực tuyến".
  const origin = formatOrigin(ticket, viTicketMessages);
  return (
    <section className="screen result printed" data-screen="printed">
      <h1 className="result-title">{messages.printedTitle}</h1>
      <p className="result-label-caption">{messages.yourNumber}</p>
      <p className="result-label" data-testid="issued-label">
        {ticket.label}
      </p>
      {origin && (
        <p className="result-origin" data-testid="issued-origin">
          {origin}
        </p>
      )}
      <p className="result-field">{ticket.fieldName}</p>
      {ticket.priorityName && <p className="result-priority">{ticket.priorityName}</p>}
      <p className="result-ahead">{messages.aheadOnTicket(ticket.ahead)}</p>
      {preview && (
        <figure className="virtual-ticket">
          <figcaption>{messages.virtualTicket}</figcaption>
          <img src={preview} alt={messages.virtualTicket} data-testid="virtual-ticket" />
          <a href={preview} download={`phieu-${ticket.label}.png`}>
            {messages.downloadTicket}
          </a>
        </figure>
      )}
      {!preview && <div className="printer-arrow" aria-hidden="true" />}
      <p className="result-hint">{messages.backSoon}</p>
      <button type="button" className="done-button" disabled={!armed} onClick={onDone}>
        {messages.done}
      </button>
    </section>
  );
}

/** The printer failed but the number stands: the citizen keeps it from the screen or by phone. */
export function OnScreenTicket({
  ticket,
  armed,
  onDone,
}: {
  ticket: TicketData;
  armed: boolean;
  onDone: () => void;
}) {
  return (
    <section className="screen result on-screen" data-screen="on-screen" role="alert">
      <h1 className="result-title warn">{messages.onScreenTitle}</h1>
      <p className="result-body">{messages.onScreenBody}</p>
      <p className="result-label-caption">{messages.yourNumber}</p>
      <p className="result-label" data-testid="issued-label">
        {ticket.label}
      </p>
      <p className="result-field">{ticket.fieldName}</p>
      <div className="result-qr">
        <QrCode text={ticket.qrUrl} size={360} label={messages.onScreenQr} />
        <p>{messages.onScreenQr}</p>
      </div>
      <button type="button" className="done-button" disabled={!armed} onClick={onDone}>
        {messages.done}
      </button>
    </section>
  );
}

/** No number was given: why, in words a citizen understands; back, or try again (a check-in). */
export function NotIssuedScreen({
  title = messages.notIssuedTitle,
  message,
  armed,
  onBack,
  retry,
}: {
  title?: string;
  message: string;
  armed: boolean;
  onBack: () => void;
  retry?: { label: string; onRetry: () => void };
}) {
  return (
    <section className="screen result not-issued" data-screen="not-issued" role="alert">
      <h1 className="result-title warn">{title}</h1>
      <p className="result-body" data-testid="not-issued-reason">
        {message}
      </p>
      <div className="result-actions">
        {retry && (
          <button
            type="button"
            className="take-button"
            data-testid="retry"
            disabled={!armed}
            onClick={retry.onRetry}
          >
            {retry.label}
          </button>
        )}
        <button type="button" className="done-button" disabled={!armed} onClick={onBack}>
          {messages.back}
        </button>
      </div>
    </section>
  );
}
