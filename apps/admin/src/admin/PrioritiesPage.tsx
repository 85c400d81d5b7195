import { useState } from 'react';
import type { SiteConfig } from '@luot/domain';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { NumberInput } from './inputs.tsx';
import { SaveBar } from './SaveBar.tsx';
import { useConfigEditor } from './use-config-editor.ts';

const P = M.priorities;

type Level = SiteConfig['ratingScale'][number];

/** The usual labels of a scale of 3, 4 or 5 levels, highest first. */
const DEFAULT_SCALES: Record<number, string[]> = {
  3: ['Rất hài lòng', 'Hài lòng', 'Không hài lòng'],
  4: ['Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Rất không hài lòng'],
  5: ['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng', 'Rất không hài lòng'],
};

/** A scale of `n` levels scored n…1: labels the admin already wrote for those scores are kept. */
export function scaleOf(n: number, current: Level[]): Level[] {
  const labels = DEFAULT_SCALES[n] ?? DEFAULT_SCALES[3]!;
  return labels.map((label, i) => {
    const score = n - i;
    return current.length === n ? { score, label: current[i]?.label ?? label } : { score, label };
  });
}

/** A new id for a priority class: "uu-tien-2", "uu-tien-3", … whichever is free. */
function newClassId(config: SiteConfig): string {
  let n = config.priorityClasses.length + 1;
  while (config.priorityClasses.some((p) => p.id === `uu-tien-${n}`)) n++;
  return `uu-tien-${n}`;
}

/** Priority classes (add, rename, remove), the priority streak, and the rating scale. */
export function PrioritiesPage({ api, liveConfig }: { api: Api; liveConfig: SiteConfig | null }) {
  const editor = useConfigEditor(api, liveConfig);
  // Ids can be chosen only for classes added in this edit: tickets and reports refer to them.
  const [created, setCreated] = useState<Set<string>>(new Set());
  const config = editor.draft;
  if (!config) return <p className="muted">{M.config.loading}</p>;
  const scale = [...config.ratingScale].sort((a, b) => b.score - a.score);

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{P.title}</h1>
      </header>
      <SaveBar editor={editor} />

      <section className="panel form-stack" aria-labelledby="priority-classes">
        <h2 id="priority-classes">{P.classes}</h2>
        <p className="muted">{P.classesHelp}</p>
        {config.priorityClasses.length === 0 ? (
          <p className="muted">{P.none}</p>
        ) : (
          <table className="data" data-testid="priority-classes">
            <thead>
              <tr>
                <th>{P.name}</th>
                <th>{P.id}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {config.priorityClasses.map((p, i) => (
                <tr key={i} data-priority={p.id}>
                  <td>
                    <input
                      aria-label={`${P.name} ${i + 1}`}
                      value={p.name}
                      onChange={(e) =>
                        editor.edit((c) => (c.priorityClasses[i]!.name = e.target.value))
                      }
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${P.id} ${i + 1}`}
                      value={p.id}
                      disabled={!created.has(p.id)}
                      onChange={(e) => {
                        const id = e.target.value;
                        editor.edit((c) => (c.priorityClasses[i]!.id = id));
                        setCreated((s) => new Set([...s].map((x) => (x === p.id ? id : x))));
                      }}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="danger"
                      aria-label={P.remove(p.name)}
                      onClick={() => editor.edit((c) => c.priorityClasses.splice(i, 1))}
                    >
                      {M.config.remove}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div>
          <button
            type="button"
            disabled={config.priorityClasses.length >= 10}
            onClick={() => {
              const id = newClassId(config);
              editor.edit((c) => c.priorityClasses.push({ id, name: P.newName }));
              setCreated((s) => new Set(s).add(id));
            }}
          >
            {P.add}
          </button>
        </div>
        <label>
          {P.streak}
          <NumberInput
            value={config.priorityMaxStreak}
            onChange={(v) => editor.edit((c) => (c.priorityMaxStreak = v ?? 0))}
          />
          <small className="muted">{P.streakHelp}</small>
        </label>
      </section>

      <section className="panel form-stack" aria-labelledby="rating-scale">
        <h2 id="rating-scale">{P.rating}</h2>
        <p className="muted">{P.ratingHelp}</p>
        <label>
          {P.levels}
          <select
            value={scale.length}
            onChange={(e) =>
              editor.edit((c) => (c.ratingScale = scaleOf(Number(e.target.value), scale)))
            }
          >
            {[3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {P.levelCount(n)}
              </option>
            ))}
          </select>
        </label>
        <ol className="rating-levels" data-testid="rating-scale">
          {scale.map((level) => (
            <li key={level.score}>
              <span className="rating-score">{level.score}</span>
              <input
                aria-label={`${P.label} ${P.score.toLowerCase()} ${level.score}`}
                value={level.label}
                onChange={(e) =>
                  editor.edit((c) => {
                    const l = c.ratingScale.find((x) => x.score === level.score);
                    if (l) l.label = e.target.value;
                  })
                }
              />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
