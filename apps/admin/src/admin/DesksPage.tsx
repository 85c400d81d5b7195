import { useEffect, useState } from 'react';
import type { DeskConfig, SiteConfig } from '@luot/domain';
import type { AdminDevice } from '@luot/protocol';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { NumberInput } from './inputs.tsx';
import { SaveBar } from './SaveBar.tsx';
import { useConfigEditor } from './use-config-editor.ts';

const D = M.desks;

function newDesk(config: SiteConfig): DeskConfig {
  let n = config.desks.length + 1;
  while (config.desks.some((d) => d.id === `ban-${n}`)) n++;
  return { id: `ban-${n}`, name: `Bàn hướng dẫn ${n}`, printer: null, kioskId: null };
}

/**
 * Reception desks, where guides ("hướng dẫn") sign in and issue numbers: each prints on its own
 * network printer (ESC/POS over TCP, printed by the hub) or on a paired kiosk nearby. The hub
 * checks every value when saving (unique ids, a host name or IP address, port 1–65535).
 */
export function DesksPage({ api, liveConfig }: { api: Api; liveConfig: SiteConfig | null }) {
  const editor = useConfigEditor(api, liveConfig);
  const [kiosks, setKiosks] = useState<AdminDevice[]>([]);
  const [created, setCreated] = useState<Set<string>>(new Set());
  useEffect(() => {
    void api.get<AdminDevice[]>('/api/admin/devices').then((res) => {
      if (res.ok) setKiosks(res.data.filter((d) => d.kind === 'kiosk' && d.revokedAt === null));
    });
  }, [api]);
  const config = editor.draft;
  if (!config) return <p className="muted">{M.config.loading}</p>;
  const editDesk = (index: number, change: (d: DeskConfig) => void) =>
    editor.edit((cfg) => {
      const d = cfg.desks[index];
      if (d) change(d);
    });

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{D.title}</h1>
        <button
          type="button"
          onClick={() => {
            const d = newDesk(config);
            editor.edit((cfg) => cfg.desks.push(d));
            setCreated((s) => new Set(s).add(d.id));
          }}
        >
          {D.add}
        </button>
      </header>
      <p className="muted">{D.help}</p>
      <SaveBar editor={editor} />
      {config.desks.length === 0 ? <p className="muted">{D.none}</p> : null}
      {config.desks.map((desk, i) => (
        <section className="panel editor" key={i} aria-label={desk.name} data-desk={desk.id}>
          <div className="form-grid">
            <label>
              {D.name}
              <input
                value={desk.name}
                onChange={(e) => editDesk(i, (d) => (d.name = e.target.value))}
              />
            </label>
            <label>
              {D.id}
              <input
                value={desk.id}
                disabled={!created.has(desk.id)}
                onChange={(e) => {
                  const id = e.target.value;
                  setCreated((s) => new Set([...s].map((x) => (x === desk.id ? id : x))));
                  editDesk(i, (d) => (d.id = id));
                }}
              />
            </label>
            <label>
              {D.printsOn}
              <select
                value={desk.printer ? 'printer' : desk.kioskId ? 'kiosk' : 'none'}
                onChange={(e) =>
                  editDesk(i, (d) => {
                    d.printer =
                      e.target.value === 'printer' ? { host: '', port: 9100, paper: '80mm' } : null;
                    d.kioskId = e.target.value === 'kiosk' ? (kiosks[0]?.id ?? '') : null;
                  })
                }
              >
                <option value="printer">{D.printer}</option>
                <option value="kiosk">{D.kiosk}</option>
                <option value="none">{D.nowhere}</option>
              </select>
            </label>
            {desk.printer ? (
              <>
                <label>
                  {D.host}
                  <input
                    value={desk.printer.host}
                    placeholder="192.168.1.50"
                    onChange={(e) =>
                      editDesk(i, (d) => d.printer && (d.printer.host = e.target.value.trim()))
                    }
                  />
                </label>
                <label>
                  {D.port}
                  <NumberInput
                    value={desk.printer.port}
                    onChange={(v) => editDesk(i, (d) => d.printer && (d.printer.port = v ?? 0))}
                  />
                </label>
                <label>
                  {D.paper}
                  <select
                    value={desk.printer.paper}
                    onChange={(e) =>
                      editDesk(
                        i,
                        (d) =>
                          d.printer &&
                          (d.printer.paper = e.target.value === '58mm' ? '58mm' : '80mm'),
                      )
                    }
                  >
                    <option value="80mm">80 mm</option>
                    <option value="58mm">58 mm</option>
                  </select>
                </label>
              </>
            ) : null}
            {desk.kioskId !== null ? (
              <label>
                {D.kiosk}
                <select
                  value={desk.kioskId}
                  onChange={(e) => editDesk(i, (d) => (d.kioskId = e.target.value))}
                >
                  <option value="">{D.chooseKiosk}</option>
                  {kiosks.map((k) => (
                    <option key={k.id} value={k.id}>
                      {k.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          <div className="buttons">
            <button
              type="button"
              className="danger"
              onClick={() => editor.edit((cfg) => void cfg.desks.splice(i, 1))}
            >
              {M.config.remove}
            </button>
          </div>
        </section>
      ))}
    </div>
  );
}
