import { messages } from './messages.ts';

/**
 * The kiosk's start screen once the day's service is over (`serviceOver`): the site's
 * end-of-day text in place of the field buttons, so no one is handed a number that will
 * not be served.
 */
export function EndOfDayPanel({ message }: { message: string }) {
  return (
    <section className="end-of-day" data-testid="end-of-day" role="status">
      <h1 className="end-of-day-title">{messages.endOfDayTitle}</h1>
      <p className="end-of-day-message">{message}</p>
    </section>
  );
}
