import { BOARD_TEXT } from '../messages.ts';

/**
 * What the lobby board shows once the day's service is over (`serviceOver`): the site's
 * end-of-day text, large, in place of the counters, so citizens still waiting read it from
 * across the hall.
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
    <section className="lobby__end-of-day" data-testid="end-of-day" role="status">
      <h2 className="end-of-day__title">
        {dayOff ? BOARD_TEXT.dayOffTitle : BOARD_TEXT.endOfDayTitle}
      </h2>
      {!dayOff && <p className="end-of-day__message">{message}</p>}
      <p className="end-of-day__reopening" data-testid="end-of-day-reopening">
        {reopening}
      </p>
    </section>
  );
}
