import { useEffect, useState } from 'react';
import type { CatalogueEntry, ProvinceOverview } from '@luot/protocol';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';

const C = M.catalogue;

/** The province's catalogue of fields (code + name); only a province administrator saves it. */
export function CataloguePage({ api }: { api: Api }) {
  const [entries, setEntries] = useState<CatalogueEntry[] | null>(null);
  const [canManage, setCanManage] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void api.get<CatalogueEntry[]>('/api/province/catalogue').then((res) => {
      if (res.ok) setEntries(res.data);
      else setMessage({ ok: false, text: res.error.message });
    });
    void api.get<ProvinceOverview>('/api/province/overview').then((res) => {
      if (res.ok) setCanManage(res.data.canManage);
    });
  }, [api]);

  if (!entries)
    return message ? (
      <p className="error" role="alert">
        {message.text}
      </p>
    ) : (
      <p className="muted">{C.loading}</p>
    );

  const edit = (i: number, change: Partial<CatalogueEntry>) =>
    setEntries(entries.map((e, k) => (k === i ? { ...e, ...change } : e)));

  async function save() {
    setBusy(true);
    const res = await api.put<CatalogueEntry[]>('/api/province/catalogue', entries);
    setBusy(false);
    if (res.ok) {
      setEntries(res.data);
      setMessage({ ok: true, text: C.saved });
    } else setMessage({ ok: false, text: res.error.message });
  }

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{C.title}</h1>
        {canManage && (
          <button type="button" onClick={() => setEntries([...entries, { code: '', name: '' }])}>
            {C.add}
          </button>
        )}
      </header>
      <p className="muted">{canManage ? C.help : `${C.help} ${C.readOnly}`}</p>
      <section className="panel table-scroll">
        {entries.length === 0 ? (
          <p className="muted">{C.empty}</p>
        ) : (
          <table className="data list" data-testid="catalogue">
            <thead>
              <tr>
                <th>{C.code}</th>
                <th>{C.name}</th>
                {canManage && <th />}
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={i}>
                  <td>
                    <input
                      aria-label={C.code}
                      value={e.code}
                      readOnly={!canManage}
                      maxLength={10}
                      size={8}
                      onChange={(ev) => edit(i, { code: ev.target.value.toUpperCase() })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={C.name}
                      value={e.name}
                      readOnly={!canManage}
                      maxLength={120}
                      onChange={(ev) => edit(i, { name: ev.target.value })}
                    />
                  </td>
                  {canManage && (
                    <td>
                      <button
                        type="button"
                        onClick={() => setEntries(entries.filter((_, k) => k !== i))}
                      >
                        {C.remove}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {canManage && (
        <div className="buttons">
          <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
            {busy ? C.saving : C.save}
          </button>
        </div>
      )}
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
