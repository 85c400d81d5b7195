import type { DeviceStatus } from '@luot/protocol';

/** How a device shows on the dashboard; `never` is a device paired but not connected yet. */
export type DeviceLevel = 'ok' | 'warn' | 'alarm' | 'never';

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/**
 * Devices by kind, then by name as people count: "Màn hình 2" before "Màn hình 10" (numeric
 * collation), Vietnamese letters in Vietnamese order.
 */
export function sortDevices(devices: readonly DeviceStatus[]): DeviceStatus[] {
  return [...devices].sort(
    (a, b) => collator.compare(a.kind, b.kind) || collator.compare(a.name, b.name),
  );
}

/** A printer's trouble, by kind; null when it prints. */
export type PrinterProblem = 'offline' | 'paperOut' | 'coverOpen' | 'error' | 'paperNearEnd';

export function printerProblemOf(d: DeviceStatus): PrinterProblem | null {
  const p = d.printer;
  if (!p) return null;
  if (!p.online) return 'offline';
  if (p.paper === 'out') return 'paperOut';
  if (p.coverOpen) return 'coverOpen';
  if (p.error) return 'error';
  if (p.paper === 'near-end') return 'paperNearEnd';
  return null;
}

/**
 * A device's level: a device that was never connected is not an alarm (it is being set up, or
 * waits in a cupboard) but `never`, shown neutral; one that was connected and is gone is an
 * alarm, as is a printer that cannot print; paper near its end is a warning.
 */
export function deviceLevel(d: DeviceStatus): DeviceLevel {
  if (!d.online && d.lastSeenAt === null) return 'never';
  const problem = printerProblemOf(d);
  if (!d.online || (problem && problem !== 'paperNearEnd')) return 'alarm';
  return problem ? 'warn' : 'ok';
}
