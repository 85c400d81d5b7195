import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PublicField, PublicSlots } from '@luot/protocol';
import { CITIZEN_TEXT as T } from '../messages.ts';
import { citizenApi } from './api.ts';
import {
  dayStrip,
  dayWords,
  firstOpenDay,
  slotState,
  stripDays,
  type Refusal,
} from './citizen-model.ts';
import { Loading, Problem } from './Notices.tsx';
import { useVisibleRefresh } from './use-visible-refresh.ts';

/** How many days' slots are asked for at once (a field may take bookings 60 days ahead). */
const PARALLEL = 4;

/**
 * The booking's day and time: a strip of days from today to the field's horizon (closed days
 * greyed with the reason), then the chosen day's slots with the places left.
 */
export function BookSlot({
  siteId,
  field,
  today,
  chosenDay,
  onChooseDay,
  onPick,
}: {
  siteId: string;
  field: PublicField;
  today: string;
  chosenDay: string | null;
  onChooseDay: (day: string) => void;
  onPick: (day: string, start: string) => void;
}) {
  const [slotsByDay, setSlotsByDay] = useState<ReadonlyMap<string, PublicSlots>>(new Map());
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const days = useMemo(
    () => stripDays(today, field.booking.daysAhead),
    [today, field.booking.daysAhead],
  );

  const loadDays = useCallback(
    async (wanted: readonly string[]) => {
      setRefusal(null);
      for (let i = 0; i < wanted.length; i += PARALLEL) {
        const answers = await Promise.all(
          wanted.slice(i, i + PARALLEL).map((d) => citizenApi.slots(siteId, field.id, d)),
        );
        const failed = answers.find((a) => !a.ok);
        if (failed && !failed.ok) return setRefusal(failed.refusal);
        setSlotsByDay((prev) => {
          const next = new Map(prev);
          for (const a of answers) if (a.ok) next.set(a.data.day, a.data);
          return next;
        });
      }
    },
    [siteId, field.id],
  );

  useEffect(() => {
    void loadDays(days);
  }, [loadDays, days]);

  const strip = dayStrip(today, field.booking.daysAhead, slotsByDay);
  const allLoaded = strip.every((d) => d.state !== 'loading');
  // Until the citizen picks a day: the first with a free slot, once every day is known.
  const day = chosenDay ?? (allLoaded ? firstOpenDay(strip) : null);
  useVisibleRefresh(() => {
    if (day) void loadDays([day]);
  });

  const slots = day ? slotsByDay.get(day) : undefined;
  return (
    <section className="cz-section" aria-labelledby="cz-book-title" data-testid="cz-book-slot">
      <h2 id="cz-book-title" className="cz-h2">
        {T.bookTitle}: {field.name}
      </h2>
      <h3 className="cz-h3">{T.chooseDay}</h3>
      <div className="cz-days" role="radiogroup" aria-label={T.chooseDay}>
        {strip.map((d) => (
          <button
            key={d.day}
            type="button"
            role="radio"
            aria-checked={d.day === day}
            className="cz-day"
            data-state={d.state}
            data-day={d.day}
            disabled={d.state === 'closed' || d.state === 'loading'}
            onClick={() => onChooseDay(d.day)}
          >
            <span className="cz-day__name">{d.name}</span>
            <span className="cz-day__date">{d.date}</span>
            <span className="cz-day__note">{d.note}</span>
          </button>
        ))}
      </div>
      {refusal && <Problem refusal={refusal} onRetry={() => void loadDays(days)} />}
      {!refusal && !slots && <Loading />}
      {slots && day && (
        <>
          <h3 className="cz-h3">
            {T.chooseSlot} — {dayWords(day)}
          </h3>
          {slots.slots.every((s) => !slotState(s).bookable) && (
            <p className="cz-empty" data-testid="cz-no-slots">
              {T.noSlots}
            </p>
          )}
          <div className="cz-slots">
            {slots.slots.map((s) => {
              const state = slotState(s);
              return (
                <button
                  key={s.start}
                  type="button"
                  className="cz-slot"
                  data-start={s.start}
                  data-bookable={state.bookable}
                  disabled={!state.bookable}
                  onClick={() => onPick(day, s.start)}
                >
                  <span className="cz-slot__time">{s.start}</span>
                  <span className="cz-slot__note">{state.note}</span>
                </button>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
