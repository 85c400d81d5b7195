import { useEffect, useState } from 'react';
import type { CatalogueEntry } from '@luot/protocol';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';

const C = M.catalogue;

/** The province catalogue, for a site admin picking codes; empty when the hub has none. */
export function useCatalogue(api: Api): CatalogueEntry[] {
  const [entries, setEntries] = useState<CatalogueEntry[]>([]);
  useEffect(() => {
    void api.get<CatalogueEntry[]>('/api/province/catalogue').then((res) => {
      if (res.ok) setEntries(res.data);
    });
  }, [api]);
  return entries;
}

/** Picks a field's catalogue code (or none); a code the catalogue no longer lists stays shown. */
export function CatalogueCodeSelect({
  catalogue,
  value,
  onChange,
}: {
  catalogue: readonly CatalogueEntry[];
  value: string | undefined;
  onChange: (code: string | undefined) => void;
}) {
  const listed = value === undefined || catalogue.some((e) => e.code === value);
  return (
    <label>
      {C.fieldCode}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{C.noCode}</option>
        {!listed && <option value={value}>{value}</option>}
        {catalogue.map((e) => (
          <option key={e.code} value={e.code}>
            {e.code} — {e.name}
          </option>
        ))}
      </select>
    </label>
  );
}
