import type { PrinterStatus, TicketData } from '@luot/printing/types';
import type { KioskSettings } from './settings.ts';

export type { PrinterStatus, TicketData };

/** Every IPC channel between the kiosk's renderer and its main process, in one place. */
export const BRIDGE_CHANNELS = {
  config: 'luot:config',
  printTicket: 'luot:print-ticket',
  printerStatus: 'luot:printer-status',
  printerStatusChanged: 'luot:printer-status-changed',
  openSettings: 'luot:settings-open',
  saveSettings: 'luot:settings-save',
  quit: 'luot:quit',
} as const;

export type BridgeChannel = (typeof BRIDGE_CHANNELS)[keyof typeof BRIDGE_CHANNELS];

/** What the renderer needs to start: where the hub is, who we are, and the paper. */
export interface KioskConfig {
  hubUrl: string;
  deviceToken: string;
  /** Base of the QR code's address (the hub as phones reach it). */
  publicUrl: string;
  paper: '80mm' | '58mm';
  /** True until hub, token and PIN are set: the renderer opens the settings screen. */
  needsSetup: boolean;
}

/**
 * How a print ended. On failure, `printed` says whether paper can have come out: `no` when
 * not one byte reached the printer (refused connection, missing device, driver refused the
 * job), `maybe` when the job broke part way, since a printer may print what it got.
 */
export type PrintOutcome = { ok: true } | { ok: false; printed: 'no' | 'maybe'; message: string };

/** Why the settings stay shut: a wrong PIN, too many of them, or a damaged settings file. */
export type PinRefusal = 'wrong-pin' | 'locked' | 'damaged';

export type OpenSettingsResult =
  | { ok: true; settings: KioskSettings; pinSet: boolean; osPrinters: string[] }
  | { ok: false; reason: PinRefusal };

export interface SaveSettingsRequest {
  pin: string;
  settings: KioskSettings;
  /** A new PIN; required while none is set. */
  newPin?: string;
}

export type SaveSettingsResult =
  { ok: true } | { ok: false; reason: PinRefusal | 'invalid'; message?: string };

export type QuitResult = { ok: true } | { ok: false; reason: PinRefusal };

/** The narrow API the preload script exposes to the renderer as `window.luot`. */
export interface KioskBridge {
  config(): Promise<KioskConfig>;
  /** Renders and prints one ticket in the main process (raster, text or OS driver). */
  printTicket(ticket: TicketData): Promise<PrintOutcome>;
  /** Reads the printer's status now. */
  printerStatus(): Promise<PrinterStatus>;
  /** Status changes found by the main process's polling; returns an unsubscribe function. */
  onPrinterStatus(listener: (status: PrinterStatus) => void): () => void;
  openSettings(pin: string): Promise<OpenSettingsResult>;
  /** Saves the settings (checked again against the PIN) and restarts the kiosk screen. */
  saveSettings(request: SaveSettingsRequest): Promise<SaveSettingsResult>;
  /** Ends the kiosk app (checked again against the PIN): the only way out of it. */
  quit(pin: string): Promise<QuitResult>;
}
