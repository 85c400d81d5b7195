import type { DeviceStatus } from '@luot/protocol';
import type { Clock } from '../clock.ts';
import type { Store } from '../store.ts';

export type DevicePresence = ReturnType<typeof createDevicePresence>;

/**
 * Which paired devices are online and what their printers report, for the supervisors'
 * dashboards. `publish` sends each change to them.
 */
export function createDevicePresence(deps: {
  store: Store;
  clock: Clock;
  publish: (status: DeviceStatus) => void;
}) {
  const { store, clock, publish } = deps;
  const statuses = new Map<string, DeviceStatus>();
  /** Open connections per device; a device with two tabs stays online until both close. */
  const connections = new Map<string, number>();

  async function update(deviceId: string, patch: Partial<DeviceStatus>): Promise<void> {
    const row = await store.deviceById(deviceId);
    // A revoked device's last disconnect must not bring it back onto the dashboards.
    if (!row || row.revokedAt !== null) return;
    const current: DeviceStatus = statuses.get(deviceId) ?? {
      deviceId,
      kind: row.kind,
      name: row.name,
      online: false,
      lastSeenAt: row.lastSeenAt,
      printer: null,
    };
    const next = { ...current, ...patch };
    statuses.set(deviceId, next);
    publish(next);
  }

  return {
    /** A device's socket connected. */
    async connected(deviceId: string): Promise<void> {
      connections.set(deviceId, (connections.get(deviceId) ?? 0) + 1);
      await store.touchDevice(deviceId, clock.now());
      await update(deviceId, { online: true, lastSeenAt: clock.now() });
    },
    /** A device's socket disconnected; it is offline when it was its last. */
    async disconnected(deviceId: string): Promise<void> {
      const left = (connections.get(deviceId) ?? 1) - 1;
      if (left > 0) {
        connections.set(deviceId, left);
        return;
      }
      connections.delete(deviceId);
      await update(deviceId, { online: false, lastSeenAt: clock.now() });
    },
    /** A device reported its printer. */
    report(deviceId: string, printer: DeviceStatus['printer']): Promise<void> {
      return update(deviceId, { printer, online: true, lastSeenAt: clock.now() });
    },
    /** Every paired device that is not revoked, with what is known of it. */
    async list(): Promise<DeviceStatus[]> {
      return (await store.listDevices())
        .filter((d) => d.revokedAt === null)
        .map(
          (d) =>
            statuses.get(d.id) ?? {
              deviceId: d.id,
              kind: d.kind,
              name: d.name,
              online: false,
              lastSeenAt: d.lastSeenAt,
              printer: null,
            },
        );
    },
  };
}
