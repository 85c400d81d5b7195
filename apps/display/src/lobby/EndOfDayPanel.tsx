import { BOARD_TEXT } from '../messages.ts';

/**
 * What the lobby board shows once the day's service is over (`serviceOver`): the site's
 * end-of-day text, large, in place of the counters, so citizens still waiting read it from
 * across the hall.
 */
export function EndOfDayPanel({ message }: { message: string }) {
  return (
    <section className="lobby__end-of-day" data-testid="end-of-day" role="status">
      <h2 className="end-of-day__title">{BOARD_TEXT.endOfDayTitle}</h2>
      <p className="end-of-day__message">{message}</p>
    </section>
  );
}
