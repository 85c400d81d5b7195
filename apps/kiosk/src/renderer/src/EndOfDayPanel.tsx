import { messages } from './messages.ts';

/**
 * The kiosk's start screen once the day's service is over (`serviceOver`): the site's
 * end-of-day text in place of the field buttons, so no one is handed a number that will
 * not be served.
 */
export function EndOfDayPanel({
  dayOff,
  message,
  reopening,
}: {
  /** No field issues numbers at all today (a holiday, a day off): nothing was served to end. */
  dayOff: boolean;
  message: string;
  /** When issuing reopens ("Mở lại thứ Hai 07:30"). */
  reopening: string;
}) {
  return (
    <section className="end-of-day" data-testid="end-of-day" role="status">
      <h1 className="end-of-day-title">{dayOff ? messages.dayOffTitle : messages.endOfDayTitle}</h1>
      {!dayOff && <p className="end-of-day-message">{message}</p>}
      <p className="end-of-day-reopening" data-testid="end-of-day-reopening">
        {reopening}
      </p>
    </section>
  );
}
