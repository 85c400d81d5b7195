import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max);
/** An http(s) address without a trailing slash, or empty while the kiosk is not set up. */
const httpUrl = text(300)
  .refine(
    (v) => v === '' || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v),
    'http:// or https:// address',
  )
  .transform((v) => v.replace(/\/+$/, ''));

/** Where the printer is: a network printer on raw TCP, a USB device file, or an OS driver. */
export const printerConnectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('tcp'),
    host: text(253).min(1),
    port: z.number().int().min(1).max(65535).default(9100),
  }),
  z.strictObject({ kind: z.literal('device'), path: text(200).min(1) }),
  z.strictObject({ kind: z.literal('os'), deviceName: text(200).min(1) }),
]);

export const printerSettingsSchema = z.strictObject({
  connection: printerConnectionSchema,
  /** raster (every diacritic, any printer) or text (printer fonts, Windows-1258); not used with an OS driver. */
  mode: z.enum(['raster', 'text']).default('raster'),
  paper: z.enum(['80mm', '58mm']).default('80mm'),
});

/** What an installer sets on a kiosk. The PIN is kept apart, as a hash, by the main process. */
export const kioskSettingsSchema = z.strictObject({
  /** The hub as this kiosk reaches it, e.g. http://192.168.1.10:8080. */
  hubUrl: httpUrl,
  /** The kiosk's device token from `luot device pair`. */
  deviceToken: text(200),
  /** The hub as citizens' phones reach it (printed in the QR code); the hub URL when empty. */
  publicUrl: httpUrl,
  printer: printerSettingsSchema,
});

export type PrinterConnection = z.infer<typeof printerConnectionSchema>;
export type PrinterSettings = z.infer<typeof printerSettingsSchema>;
export type KioskSettings = z.infer<typeof kioskSettingsSchema>;

/** A fresh kiosk: nothing set, a network printer at the usual port waiting for its address. */
export const DEFAULT_SETTINGS: KioskSettings = {
  hubUrl: '',
  deviceToken: '',
  publicUrl: '',
  printer: {
    connection: { kind: 'tcp', host: '127.0.0.1', port: 9100 },
    mode: 'raster',
    paper: '80mm',
  },
};

/** A PIN is 4 to 8 digits. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');
