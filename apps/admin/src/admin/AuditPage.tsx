import { useCallback, useEffect, useState } from 'react';
import type { SiteConfig } from '@luot/domain';
import type { AuditEntry } from '@luot/protocol';
import { formatDateVi, formatTimeVi } from '@luot/ui';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { sizeVi } from '../messages-media.ts';
import { MW } from '../messages-webhooks.ts';
import { describeChange } from './audit-config.ts';

const A = M.audit;
const PAGE = 50;

/** What an audit entry changed, in words. */
export function describeEntry(entry: AuditEntry): string {
  const action = A.actions[entry.action] ?? entry.action;
  if (entry.action === 'config.update')
    return `${action} — ${(entry.detail.changes ?? []).map(describeChange).join('; ')}`;
  if (entry.action.startsWith('auth.')) return describeSignIn(entry, action);
  // A lobby board file: its name and size (its id says nothing to a person).
  if (entry.action.startsWith('media.')) {
    const { name, bytes } = entry.detail;
    return `${action}: "${name ?? entry.target ?? ''}"${bytes ? ` (${sizeVi(bytes)})` : ''}`;
  }
  // A webhook subscription added, deleted or a delivery sent again: where it sends.
  if (entry.action.startsWith('webhook.'))
    return `${MW.audit[entry.action] ?? action}: ${entry.detail.url ?? entry.target ?? ''}`;
  const extra = entry.detail.name ? ` "${entry.detail.name}"` : '';
  // A supervisor's action on the floor: where the ticket went, and why.
  const to = entry.detail.to ? ` → ${entry.detail.to}` : '';
  const reason = entry.detail.reason ? ` — ${A.reason}: ${entry.detail.reason}` : '';
  // A reprint at a desk: the printer or kiosk it went to.
  const printed = entry.detail.printedOn ? ` — ${A.printedOn}: ${entry.detail.printedOn}` : '';
  return `${action}: ${entry.target ?? ''}${extra}${to}${reason}${printed}`;
}

/** A sign-in entry: the account tried (if it exists), the address, a lock's length. */
function describeSignIn(entry: AuditEntry, action: string): string {
  const d = entry.detail;
  const who =
    entry.action === 'auth.hash-busy' ||
    (entry.action === 'auth.locked-out' && d.scope === 'address')
      ? null
      : (entry.target ?? A.auth.unknownUser);
  const parts = [who, d.address ? A.auth.from(d.address) : null];
  if (entry.action === 'auth.locked-out' && d.minutes !== undefined)
    parts.push(
      d.scope === 'address' ? A.auth.lockedAddress(d.minutes) : A.auth.lockedAccount(d.minutes),
    );
  if (d.suppressed) parts.push(A.auth.suppressed(d.suppressed));
  return `${action}: ${parts.filter((p) => p !== null).join(', ')}`;
}

/** Who did it: a person's username, or the address a sign-in came from. */
export function describeActor(actor: string): string {
  return actor.startsWith('address:') ? A.auth.actorAddress(actor.slice(8)) : actor;
}

/** The audit log: who changed what, and when, newest first. */
export function AuditPage({ api, config }: { api: Api; config: SiteConfig | null }) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const tz = config?.site.timeZone ?? 'Asia/Ho_Chi_Minh';

  const load = useCallback(
    async (before?: number) => {
      const res = await api.get<AuditEntry[]>(
        `/api/admin/audit?limit=${PAGE}${before ? `&before=${before}` : ''}`,
      );
      if (!res.ok) return;
      setEntries((old) => (before ? [...old, ...res.data] : res.data));
      setMore(res.data.length === PAGE);
    },
    [api],
  );
  useEffect(() => {
    void load();
  }, [load, config]);

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{A.title}</h1>
      </header>
      {entries.length === 0 ? (
        <p className="muted panel">{A.empty}</p>
      ) : (
        <table className="data panel" data-testid="audit">
          <thead>
            <tr>
              <th>{A.when}</th>
              <th>{A.who}</th>
              <th>{A.what}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td className="nowrap">
                  {formatTimeVi(e.at, tz, true)} {formatDateVi(e.at, tz)}
                </td>
                <td>{describeActor(e.actor)}</td>
                <td>
                  {e.action === 'config.update' ? (
                    <>
                      {A.actions[e.action]}
                      <ul className="audit-changes">
                        {(e.detail.changes ?? []).map((c, k) => (
                          <li key={k}>{describeChange(c)}</li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    describeEntry(e)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <button type="button" onClick={() => void load(entries[entries.length - 1]?.id)}>
          {A.more}
        </button>
      )}
    </div>
  );
}
