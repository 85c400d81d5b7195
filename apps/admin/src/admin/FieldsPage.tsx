import { useState } from 'react';
import {
  fieldIdCardSchema,
  onlineSchema,
  ticketLabel,
  type FieldConfig,
  type SiteConfig,
} from '@luot/domain';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { NumberInput } from './inputs.tsx';
import { IdCardFieldset } from './IdCardFieldset.tsx';
import { OnlineFieldset, onlineSummary } from './OnlineFieldset.tsx';
import { MO } from '../messages-online.ts';
import { SaveBar } from './SaveBar.tsx';
import { useConfigEditor } from './use-config-editor.ts';
import { CatalogueCodeSelect, useCatalogue } from '../province/CatalogueCodeSelect.tsx';

const F = M.fields;

function newField(config: SiteConfig): FieldConfig {
  const used = new Set(config.fields.map((f) => f.numbering.prefix));
  const prefix = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].find((l) => !used.has(l)) ?? '';
  let n = config.fields.length + 1;
  while (config.fields.some((f) => f.id === `linh-vuc-${n}`)) n++;
  return {
    id: `linh-vuc-${n}`,
    name: F.newName,
    numbering: { prefix, start: 1, digits: 3 },
    sessions: [
      { from: '07:30', to: '11:30' },
      { from: '13:30', to: '17:00' },
    ],
    dailyLimit: null,
    targetWaitMinutes: 30,
    defaultServiceMinutes: 10,
    kioskOrder: Math.max(0, ...config.fields.map((f) => f.kioskOrder)) + 1,
    online: onlineSchema.parse({}),
    idCard: fieldIdCardSchema.parse({}),
  };
}

/** Fields: name, numbering, issuing sessions, daily limit, target wait, kiosk order, counters. */
export function FieldsPage({ api, liveConfig }: { api: Api; liveConfig: SiteConfig | null }) {
  const editor = useConfigEditor(api, liveConfig);
  const catalogue = useCatalogue(api);
  const [selected, setSelected] = useState<string | null>(null);
  const [created, setCreated] = useState<Set<string>>(new Set());
  const config = editor.draft;
  if (!config) return <p className="muted">{M.config.loading}</p>;
  const fields = [...config.fields].sort((a, b) => a.kioskOrder - b.kioskOrder);
  const current = config.fields.find((f) => f.id === selected) ?? null;

  const editField = (id: string, change: (f: FieldConfig, c: SiteConfig) => void) =>
    editor.edit((c) => {
      const f = c.fields.find((x) => x.id === id);
      if (f) change(f, c);
    });

  function move(id: string, by: -1 | 1) {
    editor.edit((c) => {
      const order = [...c.fields].sort((a, b) => a.kioskOrder - b.kioskOrder);
      const i = order.findIndex((f) => f.id === id);
      const j = i + by;
      if (j < 0 || j >= order.length) return;
      [order[i], order[j]] = [order[j]!, order[i]!];
      order.forEach((f, k) => (f.kioskOrder = k));
    });
  }

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{F.title}</h1>
        <button
          type="button"
          onClick={() => {
            const f = newField(config);
            editor.edit((c) => c.fields.push(f));
            setCreated((s) => new Set(s).add(f.id));
            setSelected(f.id);
          }}
        >
          {F.add}
        </button>
      </header>
      <SaveBar editor={editor} />
      <div className="split">
        <div className="table-scroll">
          <table className="data list">
            <thead>
              <tr>
                <th>{F.order}</th>
                <th>{F.name}</th>
                <th>{F.sample}</th>
                <th>{F.sessions}</th>
                <th className="num">{F.dailyLimit}</th>
                <th className="num">{F.target}</th>
                <th>{MO.field.column}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f, i) => (
                <tr
                  key={f.id}
                  data-field={f.id}
                  aria-selected={f.id === selected}
                  onClick={() => setSelected(f.id)}
                >
                  <td className="order">
                    <button
                      type="button"
                      aria-label={F.up}
                      disabled={i === 0}
                      onClick={(e) => (e.stopPropagation(), move(f.id, -1))}
                    >
                      ▲
                    </button>
                    <button
                      type="button"
                      aria-label={F.down}
                      disabled={i === fields.length - 1}
                      onClick={(e) => (e.stopPropagation(), move(f.id, 1))}
                    >
                      ▼
                    </button>
                  </td>
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(f.id)}>
                      {f.name}
                    </button>
                  </td>
                  <td>{ticketLabel(f, f.numbering.start)}</td>
                  <td>
                    {f.sessions.map((s, k) => (
                      <span key={k} className="nowrap block">
                        {s.from}–{s.to}
                      </span>
                    ))}
                  </td>
                  <td className="num">{f.dailyLimit ?? '—'}</td>
                  <td className="num">{f.targetWaitMinutes}</td>
                  <td data-testid="online-summary">{onlineSummary(f)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        {current && (
          <section className="panel editor" aria-label={current.name} data-testid="field-editor">
            <h2>{current.name}</h2>
            <div className="form-grid">
              <label>
                {F.name}
                <input
                  value={current.name}
                  onChange={(e) => editField(current.id, (f) => (f.name = e.target.value))}
                />
              </label>
              <label>
                {F.id}
                <input
                  value={current.id}
                  disabled={!created.has(current.id)}
                  onChange={(e) => {
                    const id = e.target.value;
                    editor.edit((c) => {
                      const f = c.fields.find((x) => x.id === current.id);
                      if (!f) return;
                      for (const counter of c.counters)
                        counter.fieldIds = counter.fieldIds.map((x) => (x === f.id ? id : x));
                      f.id = id;
                    });
                    setCreated((s) => new Set([...s].map((x) => (x === current.id ? id : x))));
                    setSelected(id);
                  }}
                />
              </label>
              <CatalogueCodeSelect
                catalogue={catalogue}
                value={current.code}
                onChange={(code) => editField(current.id, (f) => (f.code = code))}
              />
              <label>
                {F.prefix}
                <input
                  value={current.numbering.prefix}
                  maxLength={2}
                  onChange={(e) =>
                    editField(
                      current.id,
                      (f) => (f.numbering.prefix = e.target.value.toUpperCase()),
                    )
                  }
                />
              </label>
              <label>
                {F.start}
                <NumberInput
                  value={current.numbering.start}
                  onChange={(v) => editField(current.id, (f) => (f.numbering.start = v ?? 0))}
                />
              </label>
              <label>
                {F.digits}
                <NumberInput
                  value={current.numbering.digits}
                  onChange={(v) => editField(current.id, (f) => (f.numbering.digits = v ?? 1))}
                />
              </label>
              <label>
                {F.sample}
                <output>{ticketLabel(current, current.numbering.start)}</output>
              </label>
              <label>
                {F.dailyLimit}
                <NumberInput
                  value={current.dailyLimit}
                  placeholder={F.noLimit}
                  onChange={(v) => editField(current.id, (f) => (f.dailyLimit = v))}
                />
              </label>
              <label>
                {F.target}
                <NumberInput
                  value={current.targetWaitMinutes}
                  onChange={(v) => editField(current.id, (f) => (f.targetWaitMinutes = v ?? 0))}
                />
              </label>
              <label>
                {F.serviceMinutes}
                <NumberInput
                  value={current.defaultServiceMinutes}
                  onChange={(v) => editField(current.id, (f) => (f.defaultServiceMinutes = v ?? 0))}
                />
              </label>
            </div>

            <fieldset>
              <legend>{F.sessions}</legend>
              {current.sessions.map((s, i) => (
                <div className="session" key={i} data-session={i}>
                  <input
                    className="hhmm"
                    inputMode="numeric"
                    placeholder="HH:MM"
                    maxLength={5}
                    aria-label={`Buổi ${i + 1} từ`}
                    value={s.from}
                    onChange={(e) =>
                      editField(current.id, (f) => (f.sessions[i]!.from = e.target.value))
                    }
                  />
                  <span>–</span>
                  <input
                    className="hhmm"
                    inputMode="numeric"
                    placeholder="HH:MM"
                    maxLength={5}
                    aria-label={`Buổi ${i + 1} đến`}
                    value={s.to}
                    onChange={(e) =>
                      editField(current.id, (f) => (f.sessions[i]!.to = e.target.value))
                    }
                  />
                  <button
                    type="button"
                    onClick={() => editField(current.id, (f) => f.sessions.splice(i, 1))}
                  >
                    {M.config.remove}
                  </button>
                </div>
              ))}
              <button
                type="button"
                onClick={() =>
                  editField(current.id, (f) => f.sessions.push({ from: '13:30', to: '17:00' }))
                }
              >
                {F.addSession}
              </button>
            </fieldset>

            <OnlineFieldset
              field={current}
              onChange={(change) => editField(current.id, (f) => change(f.online))}
            />
            <IdCardFieldset
              field={current}
              onChange={(change) => editField(current.id, (f) => change(f.idCard))}
            />

            <fieldset>
              <legend>{M.counters.title}</legend>
              <div className="checks">
                {[...config.counters]
                  .sort((a, b) => a.number - b.number)
                  .map((counter) => (
                    <label key={counter.id} className="check">
                      <input
                        type="checkbox"
                        checked={counter.fieldIds.includes(current.id)}
                        onChange={(e) =>
                          editor.edit((c) => {
                            const k = c.counters.find((x) => x.id === counter.id)!;
                            k.fieldIds = e.target.checked
                              ? [...k.fieldIds, current.id]
                              : k.fieldIds.filter((x) => x !== current.id);
                          })
                        }
                      />
                      {counter.name}
                    </label>
                  ))}
              </div>
            </fieldset>

            <div className="buttons">
              <button
                type="button"
                className="danger"
                onClick={() => {
                  editor.edit((c) => {
                    c.fields = c.fields.filter((f) => f.id !== current.id);
                    for (const k of c.counters)
                      k.fieldIds = k.fieldIds.filter((x) => x !== current.id);
                  });
                  setSelected(null);
                }}
              >
                {M.config.remove}
              </button>
              <button type="button" onClick={() => setSelected(null)}>
                {M.config.close}
              </button>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
