import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SETTINGS, kioskSettingsSchema, type KioskSettings } from '../shared/settings.ts';

const pinHashSchema = z.strictObject({ salt: z.string().min(1), hash: z.string().min(1) });
const fileSchema = z.strictObject({
  version: z.literal(1),
  settings: kioskSettingsSchema,
  pin: pinHashSchema.nullable(),
});

type PinHash = z.infer<typeof pinHashSchema>;

export interface SettingsStore {
  readonly file: string;
  settings(): KioskSettings;
  pinSet(): boolean;
  /** Whether `pin` matches; true for any PIN while none is set (first start). */
  checkPin(pin: string): boolean;
  /** Validates and writes the settings (and a new PIN, if given) atomically. */
  save(settings: KioskSettings, newPin?: string): void;
}

const hashPin = (pin: string, salt: string): string => scryptSync(pin, salt, 32).toString('base64');

/**
 * The kiosk's settings as one JSON file in a folder (the user-data folder in Electron):
 * hub URL, device token, public URL, printer, and the PIN as a salted scrypt hash. A missing
 * file gives the defaults; an unreadable one is kept aside as `settings.json.bad` so an
 * installer can see what was wrong, and the defaults are used.
 */
export function createSettingsStore(
  dir: string,
  log: (message: string) => void = () => undefined,
): SettingsStore {
  const file = join(dir, 'settings.json');
  let current: { settings: KioskSettings; pin: PinHash | null } = {
    settings: DEFAULT_SETTINGS,
    pin: null,
  };

  if (existsSync(file)) {
    try {
      current = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (err) {
      log(`settings file ${file} is unreadable (${(err as Error).message}); using defaults`);
      renameSync(file, `${file}.bad`);
    }
  }

  return {
    file,
    settings: () => current.settings,
    pinSet: () => current.pin !== null,
    checkPin(pin) {
      if (!current.pin) return true;
      const expected = Buffer.from(current.pin.hash, 'base64');
      const actual = Buffer.from(hashPin(pin, current.pin.salt), 'base64');
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
    save(settings, newPin) {
      const parsed = kioskSettingsSchema.parse(settings);
      let pin = current.pin;
      if (newPin !== undefined) {
        const salt = randomBytes(16).toString('base64');
        pin = { salt, hash: hashPin(newPin, salt) };
      }
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
