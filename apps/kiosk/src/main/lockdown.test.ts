import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { BRIDGE_CHANNELS } from '../shared/bridge.ts';
import { DEFAULT_SETTINGS, type KioskSettings } from '../shared/settings.ts';
import { registerIpcHandlers } from './ipc.ts';
import { createPinGuard } from './pin-guard.ts';
import { createSettingsStore, needsSetup } from './settings-store.ts';

// Item 8 of issue 11: the kiosk's settings stay shut across restarts and damaged files, and
// the only way out of the app is a quit from behind the PIN.

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
const appEvent = { senderFrame: { url: 'app' } } as unknown as IpcMainInvokeEvent;

const configured: KioskSettings = {
  ...DEFAULT_SETTINGS,
  hubUrl: 'http://192.168.1.10:8080',
  deviceToken: 'dev_k1',
};

let dir: string;
let now: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-kiosk-lock-'));
  now = Date.parse('2026-11-23T02:00:00Z');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The main process as index.ts wires it, started on the user-data folder; `quits` counts quits. */
function startKiosk(options: { reset?: boolean } = {}) {
  const logged: string[] = [];
  const log = (m: string) => void logged.push(m);
  const store = createSettingsStore(dir, log, { ...options, now: () => now });
  const handlers = new Map<string, Handler>();
  const kiosk = { quits: 0, store, logged };
  registerIpcHandlers({
    ipcMain: { handle: (channel: string, h: Handler) => void handlers.set(channel, h) } as never,
    store,
    router: { print: async () => ({ ok: true }), status: async () => ({}) as never },
    poller: {
      latest: null as never,
      refresh: async () => ({}) as never,
      start: () => undefined,
      stop: () => undefined,
    },
    pinGuard: createPinGuard({ file: join(dir, 'pin-lockout.json'), now: () => now, log }),
    fromApp: () => true,
    osPrinters: async () => [],
    onSaved: () => undefined,
    onQuit: () => void kiosk.quits++,
    log,
  });
  const call = (channel: string, ...args: unknown[]) => handlers.get(channel)!(appEvent, ...args);
  return {
    ...kiosk,
    call,
    get quitsNow() {
      return kiosk.quits;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the PIN lock-out', () => {
  it('survives a restart: five wrong PINs, a restart, and the right PIN is still refused', async () => {
    createSettingsStore(dir).save(configured, '2468');
    const first = startKiosk();
    for (let i = 0; i < 4; i++)
      expect(await first.call(BRIDGE_CHANNELS.openSettings, '0000')).toMatchObject({
        reason: 'wrong-pin',
      });

    // Pulling the plug after four wrong tries does not buy five more.
    const second = startKiosk();
    expect(await second.call(BRIDGE_CHANNELS.openSettings, '1111')).toMatchObject({
      reason: 'wrong-pin',
    });
    expect(await second.call(BRIDGE_CHANNELS.openSettings, '2468')).toEqual({
      ok: false,
      reason: 'locked',
    });

    const third = startKiosk();
    expect(await third.call(BRIDGE_CHANNELS.openSettings, '2468')).toEqual({
      ok: false,
      reason: 'locked',
    });
    expect(await third.call(BRIDGE_CHANNELS.quit, '2468')).toEqual({ ok: false, reason: 'locked' });
    expect(statSync(join(dir, 'pin-lockout.json')).mode & 0o077).toBe(0);

    now += 5 * 60_000 + 1;
    const fourth = startKiosk();
    expect(await fourth.call(BRIDGE_CHANNELS.openSettings, '2468')).toMatchObject({ ok: true });
  });

  it('counts a damaged lock-out file as a lock-out, and a clock set back shortens nothing past 5 minutes', async () => {
    createSettingsStore(dir).save(configured, '2468');
    writeFileSync(join(dir, 'pin-lockout.json'), '{"failures":');
    const kiosk = startKiosk();
    expect(await kiosk.call(BRIDGE_CHANNELS.openSettings, '2468')).toEqual({
      ok: false,
      reason: 'locked',
    });
    expect(kiosk.logged.join('\n')).toMatch(/lock-out file .* unreadable/);

    writeFileSync(
      join(dir, 'pin-lockout.json'),
      JSON.stringify({ failures: 0, lockedUntil: now + 10 * 365 * 86_400_000 }),
    );
    startKiosk();
    now += 5 * 60_000 + 1;
    expect(await startKiosk().call(BRIDGE_CHANNELS.openSettings, '2468')).toMatchObject({
      ok: true,
    });
  });
});

describe('a damaged settings file', () => {
  for (const [what, content] of [
    ['not JSON', '{ "version": 1, "settings": '],
    ['no PIN in it', JSON.stringify({ version: 1, settings: configured, pin: null })],
    ['a PIN of the wrong shape', JSON.stringify({ version: 1, settings: configured, pin: 'x' })],
    ['empty', ''],
  ] as const)
    it(`(${what}) never means "no PIN": settings, saving and quitting stay locked, across restarts`, async () => {
      createSettingsStore(dir).save(configured, '2468');
      writeFileSync(join(dir, 'settings.json'), content);
      for (let start = 0; start < 2; start++) {
        const kiosk = startKiosk();
        expect(kiosk.store.pinSet()).toBe(true);
        expect(needsSetup(kiosk.store)).toBe(true);
        for (const pin of ['', '2468', '0000'])
          expect(await kiosk.call(BRIDGE_CHANNELS.openSettings, pin)).toEqual({
            ok: false,
            reason: 'damaged',
          });
        expect(
          await kiosk.call(BRIDGE_CHANNELS.saveSettings, {
            pin: '',
            settings: configured,
            newPin: '1357',
          }),
        ).toEqual({ ok: false, reason: 'damaged' });
        expect(await kiosk.call(BRIDGE_CHANNELS.quit, '2468')).toEqual({
          ok: false,
          reason: 'damaged',
        });
        expect(() => kiosk.store.save(configured, '1357')).toThrow(/reset-settings/);
        await tick();
        expect(kiosk.quitsNow).toBe(0);
        // The damaged file stays where it is (and a copy for the installer to read).
        expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(content);
        expect(existsSync(join(dir, 'settings.json.bad'))).toBe(true);
      }
    });

  it('is set aside by --reset-settings, after which the kiosk starts as new', async () => {
    writeFileSync(join(dir, 'settings.json'), '{ broken');
    const kiosk = startKiosk({ reset: true });
    expect(kiosk.store.damaged()).toBe(false);
    expect(existsSync(join(dir, `settings.json.reset-${now}`))).toBe(true);
    expect(await kiosk.call(BRIDGE_CHANNELS.openSettings, '')).toMatchObject({
      ok: true,
      pinSet: false,
    });
    expect(
      await kiosk.call(BRIDGE_CHANNELS.saveSettings, {
        pin: '',
        settings: configured,
        newPin: '1357',
      }),
    ).toEqual({ ok: true });
    expect(await startKiosk().call(BRIDGE_CHANNELS.openSettings, '1357')).toMatchObject({
      ok: true,
    });
  });
});

describe('quitting the kiosk', () => {
  it('happens only from behind the PIN', async () => {
    createSettingsStore(dir).save(configured, '2468');
    const kiosk = startKiosk();
    expect(await kiosk.call(BRIDGE_CHANNELS.quit, '0000')).toEqual({
      ok: false,
      reason: 'wrong-pin',
    });
    expect(await kiosk.call(BRIDGE_CHANNELS.quit, undefined)).toEqual({
      ok: false,
      reason: 'wrong-pin',
    });
    await tick();
    expect(kiosk.quitsNow).toBe(0);
    expect(await kiosk.call(BRIDGE_CHANNELS.quit, '2468')).toEqual({ ok: true });
    await tick();
    expect(kiosk.quitsNow).toBe(1);
  });
});
