import type { DeviceStatus } from '@luot/protocol';
import type { Clock } from '../clock.ts';
import type { Store } from '../store.ts';

export type DevicePresence = ReturnType<typeof createDevicePresence>;

/**
 * Where device connections and statuses are counted: one node's memory
 * (`createMemoryPresenceBook`, the default), or Redis for several nodes
 * (`shared-state/presence-book.ts`), where a device is online while any live node holds a
 * socket for it. Keyed by site and device.
 */
export interface PresenceBook {
  /** One more socket of this device on this node. */
  connected(siteId: string, deviceId: string): Promise<void>;
  /** One socket fewer on this node; resolves whether the device still has one on any node. */
  disconnected(siteId: string, deviceId: string): Promise<boolean>;
  /** Which of these devices have a socket on some (live) node. */
  online(siteId: string, deviceIds: readonly string[]): Promise<Set<string>>;
  /** The last status recorded for a device (by any node), or null. */
  status(siteId: string, deviceId: string): Promise<DeviceStatus | null>;
  /** Every status recorded at the site, by device id. */
  statuses(siteId: string): Promise<Map<string, DeviceStatus>>;
  setStatus(siteId: string, status: DeviceStatus): Promise<void>;
  /**
   * Hears devices of the site that went offline without a disconnect this node saw (the node
   * holding them stopped answering). Returns a function that stops listening.
   */
  onLost(siteId: string, listener: (deviceId: string) => void): () => void;
}

/** The presence of one node: its own connections, in memory. */
export function createMemoryPresenceBook(): PresenceBook & {
  /** This node's open connections, per site and device (what a shared book re-asserts). */
  local(): Map<string, Map<string, number>>;
} {
  const connections = new Map<string, Map<string, number>>();
  const statuses = new Map<string, Map<string, DeviceStatus>>();
  const of = <V>(map: Map<string, Map<string, V>>, siteId: string) => {
    let inner = map.get(siteId);
    if (!inner) map.set(siteId, (inner = new Map()));
    return inner;
  };
  return {
    async connected(siteId, deviceId) {
      const site = of(connections, siteId);
      site.set(deviceId, (site.get(deviceId) ?? 0) + 1);
    },
    async disconnected(siteId, deviceId) {
      const site = of(connections, siteId);
      const left = (site.get(deviceId) ?? 1) - 1;
      if (left > 0) site.set(deviceId, left);
      else site.delete(deviceId);
      return left > 0;
    },
    async online(siteId, deviceIds) {
      const site = of(connections, siteId);
      return new Set(deviceIds.filter((id) => (site.get(id) ?? 0) > 0));
    },
    async status(siteId, deviceId) {
      return of(statuses, siteId).get(deviceId) ?? null;
    },
    async statuses(siteId) {
      return new Map(of(statuses, siteId));
    },
    async setStatus(siteId, status) {
      of(statuses, siteId).set(status.deviceId, status);
    },
    onLost: () => () => undefined,
    local: () => connections,
  };
}

/**
 * Which paired devices of a site are online and what their printers report, for the
 * supervisors' dashboards. `publish` sends each change to them. A device with two tabs stays
 * online until both close; with a shared `book`, until its last socket on any node closes or
 * the node holding it stops.
 */
export function createDevicePresence(deps: {
  store: Pick<Store, 'siteId' | 'deviceById' | 'listDevices' | 'touchDevice'>;
  clock: Clock;
  publish: (status: DeviceStatus) => void;
  book?: PresenceBook;
}) {
  const { store, clock, publish } = deps;
  const book = deps.book ?? createMemoryPresenceBook();
  const siteId = store.siteId;

  async function update(deviceId: string, patch: Partial<DeviceStatus>): Promise<void> {
    const row = await store.deviceById(deviceId);
    // A revoked device's last disconnect must not bring it back onto the dashboards.
    if (!row || row.revokedAt !== null) return;
    const current: DeviceStatus = (await book.status(siteId, deviceId)) ?? {
      deviceId,
      kind: row.kind,
      name: row.name,
      online: false,
      lastSeenAt: row.lastSeenAt,
      printer: null,
    };
    const next = { ...current, ...patch };
    await book.setStatus(siteId, next);
    publish(next);
  }

  book.onLost(siteId, (deviceId) => {
    void update(deviceId, { online: false }).catch(() => undefined);
  });

  return {
    /** A device's socket connected. */
    async connected(deviceId: string): Promise<void> {
      await book.connected(siteId, deviceId);
      await store.touchDevice(deviceId, clock.now());
      await update(deviceId, { online: true, lastSeenAt: clock.now() });
    },
    /** A device's socket disconnected; it is offline when it was its last (on every node). */
    async disconnected(deviceId: string): Promise<void> {
      if (await book.disconnected(siteId, deviceId)) return;
      await update(deviceId, { online: false, lastSeenAt: clock.now() });
    },
    /** A device reported its printer. */
    report(deviceId: string, printer: DeviceStatus['printer']): Promise<void> {
      return update(deviceId, { printer, online: true, lastSeenAt: clock.now() });
    },
    /** Every paired device that is not revoked, with what is known of it. */
    async list(): Promise<DeviceStatus[]> {
      const devices = (await store.listDevices()).filter((d) => d.revokedAt === null);
      const [statuses, online] = await Promise.all([
        book.statuses(siteId),
        book.online(
          siteId,
          devices.map((d) => d.id),
        ),
      ]);
      return devices.map((d) => ({
        ...(statuses.get(d.id) ?? {
          deviceId: d.id,
          kind: d.kind,
          name: d.name,
          lastSeenAt: d.lastSeenAt,
          printer: null,
        }),
        online: online.has(d.id),
      }));
    },
  };
}
