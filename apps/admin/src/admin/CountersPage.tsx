import { useState } from 'react';
import { callingRuleSchema, type CounterConfig, type SiteConfig } from '@luot/domain';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { NumberInput } from './inputs.tsx';
import { SaveBar } from './SaveBar.tsx';
import { useConfigEditor } from './use-config-editor.ts';

const C = M.counters;

function newCounter(config: SiteConfig): CounterConfig {
  const number = Math.max(0, ...config.counters.map((c) => c.number)) + 1;
  let id = `quay-${String(number).padStart(2, '0')}`;
  while (config.counters.some((c) => c.id === id)) id += '-moi';
  return {
    id,
    number,
    name: `Quầy ${number}`,
    fieldIds: config.fields[0] ? [config.fields[0].id] : [],
    rule: 'priority-then-longest-wait',
  };
}

/** Counters: number, name, the fields served (in order) and the calling rule. */
export function CountersPage({ api, liveConfig }: { api: Api; liveConfig: SiteConfig | null }) {
  const editor = useConfigEditor(api, liveConfig);
  const [selected, setSelected] = useState<string | null>(null);
  const [created, setCreated] = useState<Set<string>>(new Set());
  const config = editor.draft;
  if (!config) return <p className="muted">{M.config.loading}</p>;
  const counters = [...config.counters].sort((a, b) => a.number - b.number);
  const current = config.counters.find((c) => c.id === selected) ?? null;
  const fieldName = (id: string) => config.fields.find((f) => f.id === id)?.name ?? id;
  const editCounter = (id: string, change: (c: CounterConfig) => void) =>
    editor.edit((cfg) => {
      const c = cfg.counters.find((x) => x.id === id);
      if (c) change(c);
    });

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{C.title}</h1>
        <button
          type="button"
          onClick={() => {
            const c = newCounter(config);
            editor.edit((cfg) => cfg.counters.push(c));
            setCreated((s) => new Set(s).add(c.id));
            setSelected(c.id);
          }}
        >
          {C.add}
        </button>
      </header>
      <SaveBar editor={editor} />
      <div className="split">
        <div className="table-scroll">
          <table className="data list">
            <thead>
              <tr>
                <th className="num">{C.number}</th>
                <th>{C.name}</th>
                <th>{C.fields}</th>
                <th>{C.rule}</th>
              </tr>
            </thead>
            <tbody>
              {counters.map((c) => (
                <tr
                  key={c.id}
                  data-counter={c.id}
                  aria-selected={c.id === selected}
                  onClick={() => setSelected(c.id)}
                >
                  <td className="num">{c.number}</td>
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(c.id)}>
                      {c.name}
                    </button>
                  </td>
                  <td>{c.fieldIds.map(fieldName).join(', ')}</td>
                  <td>{C.rules[c.rule]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {current && (
          <section className="panel editor" aria-label={current.name}>
            <h2>{current.name}</h2>
            <div className="form-grid">
              <label>
                {C.number}
                <NumberInput
                  value={current.number}
                  onChange={(v) => editCounter(current.id, (c) => (c.number = v ?? 0))}
                />
              </label>
              <label>
                {C.name}
                <input
                  value={current.name}
                  onChange={(e) => editCounter(current.id, (c) => (c.name = e.target.value))}
                />
              </label>
              <label>
                {C.id}
                <input
                  value={current.id}
                  disabled={!created.has(current.id)}
                  onChange={(e) => {
                    const id = e.target.value;
                    editCounter(current.id, (c) => (c.id = id));
                    setCreated((s) => new Set([...s].map((x) => (x === current.id ? id : x))));
                    setSelected(id);
                  }}
                />
              </label>
              <label>
                {C.rule}
                <select
                  value={current.rule}
                  onChange={(e) =>
                    editCounter(
                      current.id,
                      (c) => (c.rule = callingRuleSchema.parse(e.target.value)),
                    )
                  }
                >
                  {callingRuleSchema.options.map((r) => (
                    <option key={r} value={r}>
                      {C.rules[r]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <fieldset>
              <legend>{C.fields}</legend>
              <div className="checks">
                {config.fields.map((f) => (
                  <label key={f.id} className="check">
                    <input
                      type="checkbox"
                      checked={current.fieldIds.includes(f.id)}
                      onChange={(e) =>
                        editCounter(current.id, (c) => {
                          c.fieldIds = e.target.checked
                            ? [...c.fieldIds, f.id]
                            : c.fieldIds.filter((x) => x !== f.id);
                        })
                      }
                    />
                    {f.name}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="buttons">
              <button
                type="button"
                className="danger"
                onClick={() => {
                  editor.edit(
                    (cfg) => (cfg.counters = cfg.counters.filter((c) => c.id !== current.id)),
                  );
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
