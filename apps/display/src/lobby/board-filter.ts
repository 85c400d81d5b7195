import type { CounterConfig, FieldConfig, SiteConfig } from '@luot/domain';

/**
 * Which part of the centre a lobby board shows, for centres with several halls or floors.
 * Null lists mean "all". Counters are named by id or number, fields by id.
 */
export interface BoardFilter {
  counters: string[] | null;
  fields: string[] | null;
}

/** Where a board keeps its filter, so a TV that restarts on a bare URL shows the same hall. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const STORAGE_KEY = 'luot.board.lobby';

function list(value: string | null): string[] | null {
  if (value === null) return null;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length > 0 ? items : null;
}

/**
 * Reads `?counters=c1,c2&fields=dat-dai` from the page address. When either parameter is
 * present the filter is stored and used from then on; without them the stored filter holds.
 * An empty value (`?counters=&fields=`) clears it, so the board shows everything again.
 */
export function readBoardFilter(search: string, storage: KeyValueStorage | null): BoardFilter {
  const params = new URLSearchParams(search);
  if (params.has('counters') || params.has('fields')) {
    const filter = { counters: list(params.get('counters')), fields: list(params.get('fields')) };
    storage?.setItem(STORAGE_KEY, JSON.stringify(filter));
    return filter;
  }
  try {
    const stored = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Partial<BoardFilter>;
    return {
      counters: Array.isArray(stored?.counters) ? stored.counters.map(String) : null,
      fields: Array.isArray(stored?.fields) ? stored.fields.map(String) : null,
    };
  } catch {
    return { counters: null, fields: null };
  }
}

/**
 * The counters a board shows, by number: those named in `counters` (all if none), and of
 * these, when `fields` is given, those serving at least one of the fields.
 */
export function boardCounters(config: SiteConfig, filter: BoardFilter): CounterConfig[] {
  const named = filter.counters ? new Set(filter.counters) : null;
  const fields = filter.fields ? new Set(filter.fields) : null;
  return config.counters
    .filter((c) => !named || named.has(c.id) || named.has(String(c.number)))
    .filter((c) => !fields || c.fieldIds.some((f) => fields.has(f)))
    .sort((a, b) => a.number - b.number);
}

/**
 * The fields whose waiting counts a board shows, in kiosk order: those named in `fields`,
 * or else every field served by the board's counters.
 */
export function boardFields(
  config: SiteConfig,
  filter: BoardFilter,
  counters: readonly CounterConfig[],
): FieldConfig[] {
  const wanted = filter.fields
    ? new Set(filter.fields)
    : new Set(counters.flatMap((c) => c.fieldIds));
  return config.fields
    .map((f, index) => ({ f, index }))
    .filter(({ f }) => wanted.has(f.id))
    .sort((a, b) => a.f.kioskOrder - b.f.kioskOrder || a.index - b.index)
    .map(({ f }) => f);
}
