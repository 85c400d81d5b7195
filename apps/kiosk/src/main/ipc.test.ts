import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { sampleTicket, type PrinterStatus, type TicketData } from '@luot/printing';
import { BRIDGE_CHANNELS, type PrintOutcome } from '../shared/bridge.ts';
import { DEFAULT_SETTINGS, type KioskSettings } from '../shared/settings.ts';
import { registerIpcHandlers } from './ipc.ts';
import { createPinGuard } from './pin-guard.ts';
import { createSettingsStore, type SettingsStore } from './settings-store.ts';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

let dir: string;
let store: SettingsStore;
let handlers: Map<string, Handler>;
let printed: TicketData[];
let outcome: PrintOutcome;
let refreshes: number;
let saved: number;

const appEvent = { senderFrame: { url: 'app' } } as unknown as IpcMainInvokeEvent;
const foreignEvent = {
  senderFrame: { url: 'https://example.com/' },
} as unknown as IpcMainInvokeEvent;
const call = (channel: string, ...args: unknown[]) => handlers.get(channel)!(appEvent, ...args);

const configured: KioskSettings = {
  ...DEFAULT_SETTINGS,
  hubUrl: 'http://192.168.1.10:8080',
  deviceToken: 'dev_k1',
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-kiosk-ipc-'));
  store = createSettingsStore(dir);
  handlers = new Map();
  printed = [];
  outcome = { ok: true };
  refreshes = 0;
  saved = 0;
  const status: PrinterStatus = { online: true, paper: 'ok', coverOpen: false };
  registerIpcHandlers({
    ipcMain: { handle: (channel: string, h: Handler) => void handlers.set(channel, h) } as never,
    store,
    router: {
      print: async (t) => (printed.push(t), outcome),
      status: async () => status,
    },
    poller: {
      latest: status,
      refresh: async () => (refreshes++, status),
      start: () => undefined,
      stop: () => undefined,
    },
    pinGuard: createPinGuard(),
    fromApp: (event) => event.senderFrame?.url === 'app',
    osPrinters: async () => ['EPSON TM-T82'],
    onSaved: () => void saved++,
    onQuit: () => undefined,
  });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the bridge handlers', () => {
  it('answers on every channel of the map and nothing else', () => {
    const expected = Object.values(BRIDGE_CHANNELS).filter(
      (c) => c !== BRIDGE_CHANNELS.printerStatusChanged,
    );
    expect([...handlers.keys()].sort()).toEqual(expected.sort());
  });

  it('refuses messages from any page but the app', () => {
    for (const [, handler] of handlers) expect(() => handler(foreignEvent, '1234')).toThrow();
    expect(printed).toEqual([]);
  });

  it('asks for setup until hub, token and PIN are set; the public URL defaults to the hub', async () => {
    expect(await call(BRIDGE_CHANNELS.config)).toMatchObject({ needsSetup: true });
    expect(await call(BRIDGE_CHANNELS.openSettings, '')).toMatchObject({ ok: true, pinSet: false });
    expect(
      await call(BRIDGE_CHANNELS.saveSettings, { pin: '', settings: configured }),
    ).toMatchObject({ ok: false, reason: 'invalid' });
    expect(
      await call(BRIDGE_CHANNELS.saveSettings, { pin: '', settings: configured, newPin: '2468' }),
    ).toEqual({ ok: true });
    expect(saved).toBe(1);
    expect(await call(BRIDGE_CHANNELS.config)).toEqual({
      hubUrl: 'http://192.168.1.10:8080',
      deviceToken: 'dev_k1',
      publicUrl: 'http://192.168.1.10:8080',
      paper: '80mm',
      needsSetup: false,
    });
  });

  it('opens and saves settings only with the right PIN', async () => {
    store.save(configured, '2468');
    expect(await call(BRIDGE_CHANNELS.openSettings, '0000')).toEqual({
      ok: false,
      reason: 'wrong-pin',
    });
    expect(await call(BRIDGE_CHANNELS.openSettings, '2468')).toMatchObject({
      ok: true,
      settings: configured,
      osPrinters: ['EPSON TM-T82'],
    });
    const changed = { ...configured, publicUrl: 'http://luot.example.vn' };
    expect(
      await call(BRIDGE_CHANNELS.saveSettings, { pin: '1111', settings: changed }),
    ).toMatchObject({ ok: false, reason: 'wrong-pin' });
    expect(await call(BRIDGE_CHANNELS.saveSettings, { pin: '2468', settings: changed })).toEqual({
      ok: true,
    });
    expect(store.settings().publicUrl).toBe('http://luot.example.vn');
  });

  it('prints a valid ticket, and re-reads the printer after a failed print', async () => {
    expect(await call(BRIDGE_CHANNELS.printTicket, sampleTicket())).toEqual({ ok: true });
    expect(printed).toHaveLength(1);
    outcome = { ok: false, printed: 'maybe', message: 'reset' };
    expect(await call(BRIDGE_CHANNELS.printTicket, sampleTicket())).toEqual(outcome);
    expect(refreshes).toBe(1);
  });

  it('prints nothing for a malformed ticket', async () => {
    const bad = { ...sampleTicket(), qrUrl: 'javascript:alert(1)' };
    expect(await call(BRIDGE_CHANNELS.printTicket, bad)).toMatchObject({
      ok: false,
      printed: 'no',
    });
    expect(await call(BRIDGE_CHANNELS.printTicket, 'x')).toMatchObject({ ok: false });
    expect(printed).toEqual([]);
  });

  it('reads the printer status fresh on request', async () => {
    expect(await call(BRIDGE_CHANNELS.printerStatus)).toEqual({
      online: true,
      paper: 'ok',
      coverOpen: false,
    });
    expect(refreshes).toBe(1);
  });
});
