import { expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS, type KioskBridge } from '../shared/bridge.ts';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, ((...args: unknown[]) => void)[]>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      electron.invoked.push(args);
      return Promise.resolve('answer');
    },
    on: (channel: string, listener: (...args: unknown[]) => void) =>
      electron.listeners.set(channel, [...(electron.listeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      electron.listeners.set(
        channel,
        (electron.listeners.get(channel) ?? []).filter((l) => l !== listener),
      ),
  },
}));

await import('./index.ts');

it('exposes exactly the bridge as window.luot, each call on its channel', async () => {
  expect([...electron.exposed.keys()]).toEqual(['luot']);
  const bridge = electron.exposed.get('luot') as KioskBridge;
  expect(Object.keys(bridge).sort()).toEqual([
    'config',
    'onPrinterStatus',
    'openSettings',
    'printTicket',
    'printerStatus',
    'quit',
    'saveSettings',
  ]);
  await bridge.config();
  await bridge.printTicket({ label: '1001' } as never);
  await bridge.openSettings('2468');
  await bridge.quit('2468');
  expect(electron.invoked).toEqual([
    [BRIDGE_CHANNELS.config],
    [BRIDGE_CHANNELS.printTicket, { label: '1001' }],
    [BRIDGE_CHANNELS.openSettings, '2468'],
    [BRIDGE_CHANNELS.quit, '2468'],
  ]);
});

it('passes printer status pushes to the listener, without the IPC event, until unsubscribed', () => {
  const bridge = electron.exposed.get('luot') as KioskBridge;
  const seen: unknown[] = [];
  const off = bridge.onPrinterStatus((s) => seen.push(s));
  const fire = (status: unknown) => {
    for (const l of electron.listeners.get(BRIDGE_CHANNELS.printerStatusChanged) ?? [])
      l({ sender: 'ipc' }, status);
  };
  fire({ online: false, paper: 'out', coverOpen: false });
  off();
  fire({ online: true, paper: 'ok', coverOpen: false });
  expect(seen).toEqual([{ online: false, paper: 'out', coverOpen: false }]);
});
