import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import {
  BRIDGE_CHANNELS,
  type KioskConfig,
  type OpenSettingsResult,
  type PrintOutcome,
  type QuitResult,
  type SaveSettingsResult,
} from '../shared/bridge.ts';
import { kioskSettingsSchema, pinSchema } from '../shared/settings.ts';
import type { createPinGuard } from './pin-guard.ts';
import type { PrintRouter } from './print-router.ts';
import { needsSetup, type SettingsStore } from './settings-store.ts';
import type { StatusPoller } from './status-poller.ts';

/** The ticket as the renderer sends it; checked here, since the main process renders it. */
export const ticketDataSchema = z.strictObject({
  centreName: z.string().max(200),
  header: z.string().max(200).optional(),
  fieldName: z.string().max(120),
  label: z.string().min(1).max(12),
  priorityName: z.string().max(120).nullable(),
  origin: z.enum(['booking', 'remote']).optional(),
  slotAt: z.number().int().nonnegative().optional(),
  issuedAt: z.number().int().nonnegative(),
  timeZone: z.string().max(64),
  ahead: z.number().int().nonnegative(),
  estimatedWaitMinutes: z.number().nonnegative().nullable(),
  // Empty: no QR code (a reception desk's reprint, whose phone link the hub does not keep).
  qrUrl: z.union([
    z.literal(''),
    z
      .string()
      .regex(/^https?:\/\//)
      .max(500),
  ]),
  /** A reception desk's reprint: when (printed "IN LẠI" with the time). */
  reprintedAt: z.number().int().nonnegative().optional(),
  footer: z.string().max(300),
});

const saveRequestSchema = z.strictObject({
  pin: z.string().max(8),
  settings: kioskSettingsSchema,
  newPin: pinSchema.optional(),
});

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle'>;
  store: SettingsStore;
  router: PrintRouter;
  poller: StatusPoller;
  pinGuard: ReturnType<typeof createPinGuard>;
  /** Whether an IPC message comes from the kiosk window's app page (not some other frame). */
  fromApp: (event: IpcMainInvokeEvent) => boolean;
  /** The OS's printer names, for the settings screen. */
  osPrinters: () => Promise<string[]>;
  /** Called after settings were saved: reconnect, reload the screen. */
  onSaved: () => void;
  /** Ends the app, after a right PIN. */
  onQuit: () => void;
  log?: (message: string) => void;
}

/**
 * Answers the bridge's channels. Every handler checks its arguments and resolves with a
 * plain result; only a message from outside the app page is refused with an error.
 */
export function registerIpcHandlers(deps: IpcDeps): void {
  const { ipcMain, store, router, poller, pinGuard, fromApp } = deps;
  const log = deps.log ?? (() => undefined);
  /** Registers a handler that only the app page may call. */
  const handle = (channel: string, fn: (...args: unknown[]) => unknown): void =>
    ipcMain.handle(channel, (event, ...args) => {
      if (!fromApp(event)) {
        log(`refused ${channel} from a frame outside the app`);
        throw new Error('Not allowed');
      }
      return fn(...args);
    });

  handle(BRIDGE_CHANNELS.config, (): KioskConfig => {
    const s = store.settings();
    return {
      hubUrl: s.hubUrl,
      deviceToken: s.deviceToken,
      publicUrl: s.publicUrl || s.hubUrl,
      paper: s.printer.paper,
      needsSetup: needsSetup(store),
    };
  });

  handle(BRIDGE_CHANNELS.printTicket, async (ticket: unknown): Promise<PrintOutcome> => {
    const parsed = ticketDataSchema.safeParse(ticket);
    if (!parsed.success)
      return { ok: false, printed: 'no', message: `Invalid ticket: ${parsed.error.message}` };
    const outcome = await router.print(parsed.data);
    if (!outcome.ok) {
      log(`print failed (${outcome.printed} printed): ${outcome.message}`);
      void poller.refresh();
    }
    return outcome;
  });

  handle(BRIDGE_CHANNELS.printerStatus, () => {
    return poller.refresh();
  });

  /**
   * Checks a PIN through the lock-out. A damaged settings file refuses every PIN without
   * counting it; an empty PIN (the screen asking whether one is set) is not a guess either.
   */
  const checkPin = (pin: unknown): 'ok' | 'wrong-pin' | 'locked' | 'damaged' => {
    if (store.damaged()) return 'damaged';
    if (pin === '' && store.pinSet()) return 'wrong-pin';
    return pinGuard.attempt(() => typeof pin === 'string' && store.checkPin(pin));
  };

  handle(BRIDGE_CHANNELS.openSettings, async (pin: unknown): Promise<OpenSettingsResult> => {
    const result = checkPin(pin);
    if (result !== 'ok') return { ok: false, reason: result };
    const osPrinters = await deps.osPrinters().catch(() => []);
    return { ok: true, settings: store.settings(), pinSet: store.pinSet(), osPrinters };
  });

  handle(BRIDGE_CHANNELS.saveSettings, (request: unknown): SaveSettingsResult => {
    const parsed = saveRequestSchema.safeParse(request);
    if (!parsed.success) return { ok: false, reason: 'invalid', message: parsed.error.message };
    const { pin, settings, newPin } = parsed.data;
    const result = checkPin(pin);
    if (result !== 'ok') return { ok: false, reason: result };
    if (!store.pinSet() && newPin === undefined)
      return { ok: false, reason: 'invalid', message: 'A PIN must be set' };
    store.save(settings, newPin);
    log('settings saved');
    deps.onSaved();
    return { ok: true };
  });

  handle(BRIDGE_CHANNELS.quit, (pin: unknown): QuitResult => {
    const result = checkPin(pin);
    if (result !== 'ok') return { ok: false, reason: result };
    log('quit from the settings');
    // After the answer has gone back to the screen.
    setImmediate(deps.onQuit);
    return { ok: true };
  });
}
