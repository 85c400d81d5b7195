import { useEffect, useState } from 'react';
import { formatDateTime } from '@luot/domain';
import type { ChainDigestRow } from '@luot/protocol';
import type { Api } from '../api.ts';
import { MDG } from '../messages-digest.ts';
import { fullDay } from './format.ts';

/**
 * The log's sealed days of the report's period (issue 17): day, code (a button copies it),
 * events of the day and how far the chain's digest reaches. The same codes are in the exports.
 */
export function DigestTable({
  api,
  from,
  to,
  timeZone,
  onError,
}: {
  api: Api;
  from: string;
  to: string;
  timeZone: string;
  onError: (message: string) => void;
}) {
  const [rows, setRows] = useState<ChainDigestRow[] | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    void api.get<ChainDigestRow[]>(`/api/reports/digests?from=${from}&to=${to}`).then((res) => {
      if (stale) return;
      if (res.ok) setRows(res.data);
      else onError(res.error.message);
    });
    return () => {
      stale = true;
    };
  }, [api, from, to]);

  async function copy(code: string, cell: HTMLElement | null) {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(code);
    } catch {
      // No clipboard outside a secure context (a hub on http:// in the LAN): select the code, so
      // Ctrl+C copies it.
      if (cell) window.getSelection()?.selectAllChildren(cell);
      onError(MDG.copyFailed);
    }
  }

  if (!rows) return null;
  return (
    <section className="panel table-scroll" data-testid="digest-table">
      <h2>{MDG.title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{MDG.none}</p>
      ) : (
        <table className="data report-table">
          <thead>
            <tr>
              <th>{MDG.day}</th>
              <th>{MDG.code}</th>
              <th className="num">{MDG.events}</th>
              <th className="num">{MDG.eventsSeq}</th>
              <th className="num">{MDG.auditId}</th>
              <th>{MDG.madeAt}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.day} data-day={d.day}>
                <th scope="row">{fullDay(d.day)}</th>
                <td>
                  <code className="digest-code" id={`digest-${d.day}`} data-testid="digest-code">
                    {d.code}
                  </code>{' '}
                  <button
                    type="button"
                    className="small"
                    title={d.digest}
                    onClick={() => void copy(d.code, document.getElementById(`digest-${d.day}`))}
                  >
                    {copied === d.code ? MDG.copied : MDG.copy}
                  </button>
                </td>
                <td className="num">{d.events ?? MDG.unknown}</td>
                <td className="num">{d.eventsSeq}</td>
                <td className="num">{d.auditId}</td>
                <td>{formatDateTime(d.madeAt, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{MDG.help}</p>
    </section>
  );
}
