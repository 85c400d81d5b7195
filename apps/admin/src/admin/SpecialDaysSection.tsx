import { useState } from 'react';
import type { SessionConfig, SiteConfig } from '@luot/domain';
import { M } from '../messages.ts';
import { dayLabel } from './day-label.ts';
import type { ConfigEditor } from './use-config-editor.ts';

const C = M.calendar;

/**
 * The calendar page's special days: days opened although not working days, with their own or
 * the fields' usual sessions, for every field or some; listed, removed and added.
 */
export function SpecialDaysSection({
  editor,
  config,
  setNote,
}: {
  editor: ConfigEditor;
  config: SiteConfig;
  /** Tells the admin what is missing from the form (or clears the note with null). */
  setNote: (note: string | null) => void;
}) {
  const [special, setSpecial] = useState({
    date: '',
    name: '',
    sessions: [] as SessionConfig[],
    fieldIds: [] as string[],
  });
  const specials = [...config.calendar.specialDays].sort((a, b) => a.date.localeCompare(b.date));
  const fieldName = (id: string) => config.fields.find((f) => f.id === id)?.name ?? id;

  function addSpecial() {
    if (!special.date) return setNote(C.needDate);
    editor.edit((c) =>
      c.calendar.specialDays.push({
        date: special.date,
        name: special.name.trim(),
        sessions: special.sessions,
        fieldIds: special.fieldIds,
      }),
    );
    setSpecial({ date: '', name: '', sessions: [], fieldIds: [] });
    setNote(null);
  }

  return (
    <section className="panel form-stack">
      <h2>{C.special}</h2>
      <p className="muted">{C.specialHelp}</p>
      {specials.length === 0 ? (
        <p className="muted">{C.noSpecial}</p>
      ) : (
        <table className="data" data-testid="special-days">
          <thead>
            <tr>
              <th>{C.date}</th>
              <th>{C.reason}</th>
              <th>{C.sessions}</th>
              <th>{C.fields}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {specials.map((s) => (
              <tr key={s.date} data-special={s.date}>
                <td>{dayLabel(s.date)}</td>
                <td>{s.name}</td>
                <td>
                  {s.sessions.length === 0
                    ? C.usualSessions
                    : s.sessions.map((x) => `${x.from}–${x.to}`).join(', ')}
                </td>
                <td>
                  {s.fieldIds.length === 0 ? C.allFields : s.fieldIds.map(fieldName).join(', ')}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      editor.edit((c) => {
                        c.calendar.specialDays = c.calendar.specialDays.filter(
                          (x) => x.date !== s.date,
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
      <fieldset className="calendar-add" data-testid="special-form">
        <legend>{C.addSpecial}</legend>
        <label>
          {C.date}
          <input
            type="date"
            name="special-date"
            value={special.date}
            onChange={(e) => setSpecial({ ...special, date: e.target.value })}
          />
        </label>
        <label>
          {C.reason}
          <input
            name="special-name"
            value={special.name}
            onChange={(e) => setSpecial({ ...special, name: e.target.value })}
          />
        </label>
        <div className="form-stack">
          <span className="muted">
            {C.sessions}: {special.sessions.length === 0 && C.usualSessions}
          </span>
          {special.sessions.map((x, i) => (
            <div className="session" key={i}>
              {(['from', 'to'] as const).map((end) => (
                <input
                  key={end}
                  className="hhmm"
                  inputMode="numeric"
                  placeholder="HH:MM"
                  maxLength={5}
                  aria-label={`Buổi ${i + 1} ${end === 'from' ? 'từ' : 'đến'}`}
                  value={x[end]}
                  onChange={(e) =>
                    setSpecial({
                      ...special,
                      sessions: special.sessions.map((y, k) =>
                        k === i ? { ...y, [end]: e.target.value } : y,
                      ),
                    })
                  }
                />
              ))}
              <button
                type="button"
                onClick={() =>
                  setSpecial({ ...special, sessions: special.sessions.filter((_, k) => k !== i) })
                }
              >
                {M.config.remove}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              setSpecial({
                ...special,
                sessions: [...special.sessions, { from: '07:30', to: '11:30' }],
              })
            }
          >
            {C.addSession}
          </button>
        </div>
        <div className="checks">
          <span className="muted">{C.fields}:</span>
          {config.fields.map((f) => (
            <label key={f.id} className="check">
              <input
                type="checkbox"
                checked={special.fieldIds.includes(f.id)}
                onChange={(e) =>
                  setSpecial({
                    ...special,
                    fieldIds: e.target.checked
                      ? [...special.fieldIds, f.id]
                      : special.fieldIds.filter((x) => x !== f.id),
                  })
                }
              />
              {f.name}
            </label>
          ))}
        </div>
        <button type="button" className="primary" data-testid="add-special" onClick={addSpecial}>
          {C.addSpecial}
        </button>
      </fieldset>
    </section>
  );
}
