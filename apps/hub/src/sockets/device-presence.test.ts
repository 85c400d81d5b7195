// One node without Redis: device presence in the node's memory, over a real (SQLite) store.
import type { DeviceStatus } from '@luot/protocol';
import { describe, expect, it } from 'vitest';
import { createProvinceStore, openDatabase } from '../db/index.ts';
import { DEFAULT_SITE_ID } from '../store.ts';
import { createDevicePresence } from './device-presence.ts';

function setup() {
  const sqlite = createProvinceStore(openDatabase(':memory:')).site(DEFAULT_SITE_ID);
  for (const id of ['kiosk-1', 'board-1'])
    sqlite.createDevice(
      {
        id,
        kind: id.startsWith('kiosk') ? 'kiosk' : 'display',
        name: id,
        counterId: null,
        speaks: false,
        tokenHash: `h-${id}`,
      },
      0,
    );
  const sent: DeviceStatus[] = [];
  let now = 1_000;
  const presence = createDevicePresence({
    store: {
      siteId: 'trung-tam',
      deviceById: async (id) => sqlite.deviceById(id),
      listDevices: async () => sqlite.listDevices(),
      touchDevice: async (id, at) => sqlite.touchDevice(id, at),
    },
    clock: { now: () => now++ },
    publish: (s) => sent.push(s),
  });
  return { sqlite, presence, sent };
}

describe('device presence on one node', () => {
  it('keeps a device online until its last socket closes, and tells the dashboards each change', async () => {
    const { presence, sent } = setup();
    await presence.connected('kiosk-1');
    await presence.connected('kiosk-1');
    await presence.report('kiosk-1', { online: true, paper: 'out', coverOpen: false });
    await presence.disconnected('kiosk-1');
    expect((await presence.list()).map((d) => [d.deviceId, d.online])).toEqual([
      ['board-1', false],
      ['kiosk-1', true],
    ]);
    await presence.disconnected('kiosk-1');
    expect(sent.map((s) => s.online)).toEqual([true, true, true, false]);
    expect((await presence.list()).find((d) => d.deviceId === 'kiosk-1')).toMatchObject({
      online: false,
      printer: { paper: 'out' },
    });
  });

  it('does not bring a revoked device back onto the dashboards', async () => {
    const { sqlite, presence, sent } = setup();
    await presence.connected('board-1');
    sqlite.revokeDevice('board-1', 2_000);
    await presence.disconnected('board-1');
    expect(sent.map((s) => s.online)).toEqual([true]);
    expect((await presence.list()).map((d) => d.deviceId)).toEqual(['kiosk-1']);
  });
});
