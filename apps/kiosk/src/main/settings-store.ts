import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SETTINGS, kioskSettingsSchema, type KioskSettings } from '../shared/settings.ts';

const pinHashSchema = z.strictObject({ salt: z.string().min(1), hash: z.string().min(1) });
// A saved file always has a PIN (saving without one is refused): a file without one is damaged.
const fileSchema = z.strictObject({
  version: z.literal(1),
  settings: kioskSettingsSchema,
  pin: pinHashSchema,
});

type PinHash = z.infer<typeof pinHashSchema>;

export interface SettingsStore {
  readonly file: string;
  settings(): KioskSettings;
  pinSet(): boolean;
  /**
   * Whether the settings file could not be read: the settings stay locked (every PIN is
   * refused, nothing can be saved) until an operator resets them (`--reset-settings`).
   */
  damaged(): boolean;
  /** Whether `pin` matches; true for any PIN while none is set (first start), false while damaged. */
  checkPin(pin: string): boolean;
  /** Validates and writes the settings (and a new PIN, if given) atomically. */
  save(settings: KioskSettings, newPin?: string): void;
}

const hashPin = (pin: string, salt: string): string => scryptSync(pin, salt, 32).toString('base64');

/**
 * The kiosk's settings as one JSON file in a folder (the user-data folder in Electron):
 * hub URL, device token, public URL, printer, and the PIN as a salted scrypt hash. A missing
 * file is a first start: the defaults, and any PIN opens the settings to set one. A file that
 * cannot be read or parsed is never taken for a first start (that would mean "no PIN"): the
 * kiosk stays locked, a copy is kept as `settings.json.bad` for the installer to look at, and
 * only `reset` (the `--reset-settings` start option, which needs the machine's own account)
 * sets the damaged file aside and starts afresh.
 */
export function createSettingsStore(
  dir: string,
  log: (message: string) => void = () => undefined,
  options: { reset?: boolean; now?: () => number } = {},
): SettingsStore {
  const file = join(dir, 'settings.json');
  let current: { settings: KioskSettings; pin: PinHash | null } = {
    settings: DEFAULT_SETTINGS,
    pin: null,
  };
  let damaged = false;

  if (existsSync(file)) {
    if (options.reset) {
      const aside = `${file}.reset-${(options.now ?? Date.now)()}`;
      renameSync(file, aside);
      log(`settings reset at the operator's request; the old file is ${aside}`);
    } else {
      try {
        current = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      } catch (err) {
        damaged = true;
        log(
          `settings file ${file} is unreadable (${(err as Error).message}); the settings stay locked until the kiosk is started with --reset-settings`,
        );
        try {
          copyFileSync(file, `${file}.bad`);
        } catch {
          // Unreadable even to copy: the log line says enough.
        }
      }
    }
  }

  return {
    file,
    settings: () => current.settings,
    pinSet: () => damaged || current.pin !== null,
    damaged: () => damaged,
    checkPin(pin) {
      if (damaged) return false;
      if (!current.pin) return true;
      const expected = Buffer.from(current.pin.hash, 'base64');
      const actual = Buffer.from(hashPin(pin, current.pin.salt), 'base64');
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
    save(settings, newPin) {
      if (damaged) throw new Error('the settings file is damaged; start with --reset-settings');
      const parsed = kioskSettingsSchema.parse(settings);
      let pin = current.pin;
      if (newPin !== undefined) {
        const salt = randomBytes(16).toString('base64');
        pin = { salt, hash: hashPin(newPin, salt) };
      }
      if (!pin) throw new Error('a PIN must be set');
      const next = { settings: parsed, pin };
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: 1, ...next }, null, 2), { mode: 0o600 });
      renameSync(tmp, file);
      current = next;
    },
  };
}

/** Whether the kiosk can start serving: a hub, a device token and a PIN. */
export function needsSetup(store: SettingsStore): boolean {
  const s = store.settings();
  return !s.hubUrl || !s.deviceToken || !store.pinSet();
}
