import { useState } from 'react';
import type { SessionConfig, SiteConfig } from '@luot/domain';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { NumberInput } from './inputs.tsx';
import { dayLabel } from './day-label.ts';
import { SaveBar } from './SaveBar.tsx';
import { SpecialDaysSection } from './SpecialDaysSection.tsx';
import { useConfigEditor } from './use-config-editor.ts';

const C = M.calendar;
/** Monday first, as a Vietnamese week is read. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** The year whose fixed holidays are still to come: this year until 2 September, then the next. */
function helperYear(today: string | null): number {
  const year = Number((today ?? new Date().toISOString()).slice(0, 4));
  return today !== null && today.slice(5) > '09-02' ? year + 1 : year;
}

/**
 * The site calendar: working weekdays, holidays (with the fixed Vietnamese ones filled in for a
 * year; Tết moves with the lunar calendar, so the admin types its dates) and special days.
 * Saved through the configuration save; the hub refuses a bad calendar with the reason.
 */
export function CalendarPage({
  api,
  liveConfig,
  today,
}: {
  api: Api;
  liveConfig: SiteConfig | null;
  today: string | null;
}) {
  const editor = useConfigEditor(api, liveConfig);
  const [holiday, setHoliday] = useState({ from: '', to: '', name: '' });
  // Until the admin types a year, the one whose fixed holidays are still to come.
  const [typedYear, setYear] = useState<number | null | undefined>(undefined);
  const year = typedYear === undefined ? helperYear(today) : typedYear;
  const [note, setNote] = useState<string | null>(null);
  const config = editor.draft;
  if (!config) return <p className="muted">{M.config.loading}</p>;
  const cal = config.calendar;
  const holidays = [...cal.holidays].sort((a, b) => a.from.localeCompare(b.from));

  function addHoliday() {
    const name = holiday.name.trim();
    if (!holiday.from || !name) return setNote(C.needDateAndName);
    editor.edit((c) =>
      c.calendar.holidays.push({
        from: holiday.from,
        ...(holiday.to && holiday.to !== holiday.from ? { to: holiday.to } : {}),
        name,
      }),
    );
    setHoliday({ from: '', to: '', name: '' });
    setNote(null);
  }

  function addVietnam() {
    if (year === null) return;
    const wanted = C.vnFixed
      .map((h) => ({ from: `${year}-${h.month}-${h.day}`, name: h.name }))
      .filter(
        (h) => (today === null || h.from >= today) && !cal.holidays.some((x) => x.from === h.from),
      );
    editor.edit((c) => c.calendar.holidays.push(...wanted));
    setHoliday({ from: '', to: '', name: C.tet });
    setNote(C.vnAdded(wanted.length, year));
  }

  return (
    <div className="admin-page" data-testid="calendar-page">
      <header className="page-head">
        <h1>{C.title}</h1>
      </header>
      <p className="muted">{C.intro}</p>
      <SaveBar editor={editor} />
      {note && (
        <p className="note" role="status" data-testid="calendar-note">
          {note}
        </p>
      )}

      <section className="panel form-stack">
        <h2>{C.weekdays}</h2>
        <div className="checks checks--week" data-testid="weekdays">
          {WEEK_ORDER.map((d) => (
            <label key={d} className="check">
              <input
                type="checkbox"
                data-weekday={d}
                checked={cal.workingDays.includes(d)}
                onChange={(e) =>
                  editor.edit((c) => {
                    const days = c.calendar.workingDays.filter((x) => x !== d);
                    c.calendar.workingDays = e.target.checked
                      ? [...days, d].sort((a, b) => a - b)
                      : days;
                    // A day no longer worked keeps no hours of its own.
                    if (!e.target.checked)
                      c.calendar.weekdaySessions = c.calendar.weekdaySessions.filter(
                        (w) => w.weekday !== d,
                      );
                  })
                }
              />
              {C.weekdayNames[d]}
            </label>
          ))}
        </div>
        <table className="data" data-testid="weekday-sessions">
          <tbody>
            {WEEK_ORDER.filter((d) => cal.workingDays.includes(d)).map((d) => {
              const own = cal.weekdaySessions.find((w) => w.weekday === d);
              const editOwn = (change: (sessions: SessionConfig[]) => SessionConfig[]) =>
                editor.edit((c) => {
                  const rest = c.calendar.weekdaySessions.filter((w) => w.weekday !== d);
                  const prior = c.calendar.weekdaySessions.find((w) => w.weekday === d);
                  const sessions = change(prior?.sessions ?? []);
                  c.calendar.weekdaySessions =
                    sessions.length === 0 ? rest : [...rest, { weekday: d, sessions }];
                });
              return (
                <tr key={d} data-weekday-row={d}>
                  <th scope="row">{C.weekdayNames[d]}</th>
                  <td>
                    {own ? (
                      <div className="form-stack">
                        {own.sessions.map((x, i) => (
                          <div className="session" key={i}>
                            {(['from', 'to'] as const).map((end) => (
                              <input
                                key={end}
                                className="hhmm"
                                inputMode="numeric"
                                placeholder="HH:MM"
                                maxLength={5}
                                aria-label={`${C.weekdayNames[d]} buổi ${i + 1} ${end === 'from' ? 'từ' : 'đến'}`}
                                value={x[end]}
                                onChange={(e) =>
                                  editOwn((ss) =>
                                    ss.map((y, k) =>
                                      k === i ? { ...y, [end]: e.target.value } : y,
                                    ),
                                  )
                                }
                              />
                            ))}
                            <button
                              type="button"
                              onClick={() => editOwn((ss) => ss.filter((_, k) => k !== i))}
                            >
                              {M.config.remove}
                            </button>
                          </div>
                        ))}
                      </div>
                    ) : (
                      <span className="muted">{C.fieldSessions}</span>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      data-testid={`own-hours-${d}`}
                      onClick={() =>
                        editOwn((ss) => [
                          ...ss,
                          ss.length === 0
                            ? { from: '07:30', to: '11:30' }
                            : { from: '13:30', to: '17:00' },
                        ])
                      }
                    >
                      {own ? C.addSession : C.ownHours}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="panel form-stack">
        <h2>{C.holidays}</h2>
        {holidays.length === 0 ? (
          <p className="muted">{C.noHolidays}</p>
        ) : (
          <table className="data" data-testid="holidays">
            <thead>
              <tr>
                <th>{C.date}</th>
                <th>{C.name}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {holidays.map((h) => (
                <tr key={`${h.from}-${h.name}`} data-holiday={h.from}>
                  <td>
                    {dayLabel(h.from)}
                    {h.to && h.to !== h.from && (
                      <>
                        {' – '}
                        {dayLabel(h.to)}
                      </>
                    )}
                  </td>
                  <td>{h.name}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() =>
                        editor.edit((c) => {
                          c.calendar.holidays = c.calendar.holidays.filter(
                            (x) => !(x.from === h.from && x.name === h.name),
                          );
                        })
                      }
                    >
                      {M.config.remove}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="buttons calendar-add">
          <label>
            {C.vnYear}
            <NumberInput value={year} onChange={setYear} />
          </label>
          <button type="button" data-testid="add-vietnam" onClick={addVietnam}>
            {C.addVietnam(year ?? 0)}
          </button>
        </div>
        <fieldset className="calendar-add" data-testid="holiday-form">
          <legend>{C.addHoliday}</legend>
          <label>
            {C.from}
            <input
              type="date"
              name="holiday-from"
              value={holiday.from}
              onChange={(e) => setHoliday({ ...holiday, from: e.target.value })}
            />
          </label>
          <label>
            {C.to}
            <input
              type="date"
              name="holiday-to"
              value={holiday.to}
              onChange={(e) => setHoliday({ ...holiday, to: e.target.value })}
            />
          </label>
          <label>
            {C.name}
            <input
              name="holiday-name"
              value={holiday.name}
              onChange={(e) => setHoliday({ ...holiday, name: e.target.value })}
            />
          </label>
          <button type="button" className="primary" data-testid="add-holiday" onClick={addHoliday}>
            {C.addHoliday}
          </button>
        </fieldset>
      </section>

      <SpecialDaysSection editor={editor} config={config} setNote={setNote} />
    </div>
  );
}
