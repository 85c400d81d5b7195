import { z } from 'zod';
import type { MessageKind } from '../store.ts';

/** Where the providers are, unless a site says otherwise (tests and the demo: the fake). */
export const ESMS_BASE_URL = 'https://rest.esms.vn';
export const ZNS_BASE_URL = 'https://business.openapi.zalo.me';

const url = z.url({ protocol: /^https?$/ });
const secret = z.string().max(500);

/**
 * A site's message settings, kept in the store per site (never in `SiteConfig`, which devices
 * receive). Secrets (eSMS keys, the ZNS access token) are written by the admin app and never
 * sent back to it (`publicSettings`).
 */
export const messageSettingsSchema = z
  .strictObject({
    push: z.strictObject({ enabled: z.boolean().default(false) }).prefault({}),
    sms: z
      .strictObject({
        enabled: z.boolean().default(false),
        baseUrl: url.default(ESMS_BASE_URL),
        apiKey: secret.default(''),
        secretKey: secret.default(''),
        brandname: z.string().max(30).default(''),
        /** eSMS's SmsType: 2 customer care with a brandname, 8 fixed number. */
        smsType: z.enum(['2', '8']).default('2'),
      })
      .prefault({}),
    zns: z
      .strictObject({
        enabled: z.boolean().default(false),
        baseUrl: url.default(ZNS_BASE_URL),
        accessToken: secret.default(''),
        /** The approved template of each kind of message (its id at Zalo). */
        templates: z
          .strictObject({
            code: z.string().max(40).default(''),
            near: z.string().max(40).default(''),
            called: z.string().max(40).default(''),
            'not-served': z.string().max(40).default(''),
            reminder: z.string().max(40).default(''),
          })
          .prefault({}),
      })
      .prefault({}),
    /** Which provider reaches a phone for ticket and booking messages, and for one-time codes. */
    phoneChannel: z.enum(['sms', 'zns']).default('sms'),
    codeChannel: z.enum(['sms', 'zns']).default('sms'),
    /** Which messages are sent. */
    kinds: z
      .strictObject({
        near: z.boolean().default(true),
        called: z.boolean().default(true),
        'not-served': z.boolean().default(true),
        reminder: z.boolean().default(true),
      })
      .prefault({}),
  })
  .prefault({});

export type MessageSettings = z.infer<typeof messageSettingsSchema>;

/** A stored value as settings (defaults for what is missing; defaults for a damaged row). */
export function parseSettings(stored: unknown): MessageSettings {
  const parsed = messageSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : messageSettingsSchema.parse({});
}

/** What the admin app is sent: every secret replaced by whether one is stored ("đã lưu"). */
export function publicSettings(s: MessageSettings) {
  const { apiKey, secretKey, ...sms } = s.sms;
  const { accessToken, ...zns } = s.zns;
  return {
    ...s,
    sms: { ...sms, apiKeySaved: apiKey !== '', secretKeySaved: secretKey !== '' },
    zns: { ...zns, accessTokenSaved: accessToken !== '' },
  };
}
export type PublicMessageSettings = ReturnType<typeof publicSettings>;

/**
 * A change from the admin app: the settings without their secrets, and secrets only when typed
 * (absent or empty: the stored one stays).
 */
export const settingsUpdateSchema = z.strictObject({
  push: z.strictObject({ enabled: z.boolean() }),
  sms: z.strictObject({
    enabled: z.boolean(),
    baseUrl: url,
    apiKey: secret.optional(),
    secretKey: secret.optional(),
    brandname: z.string().max(30),
    smsType: z.enum(['2', '8']),
  }),
  zns: z.strictObject({
    enabled: z.boolean(),
    baseUrl: url,
    accessToken: secret.optional(),
    templates: z.strictObject({
      code: z.string().max(40),
      near: z.string().max(40),
      called: z.string().max(40),
      'not-served': z.string().max(40),
      reminder: z.string().max(40),
    }),
  }),
  phoneChannel: z.enum(['sms', 'zns']),
  codeChannel: z.enum(['sms', 'zns']),
  kinds: z.strictObject({
    near: z.boolean(),
    called: z.boolean(),
    'not-served': z.boolean(),
    reminder: z.boolean(),
  }),
});
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

/** The stored settings with a change applied: a secret typed replaces, one left empty stays. */
export function applyUpdate(current: MessageSettings, update: SettingsUpdate): MessageSettings {
  const keep = (typed: string | undefined, stored: string) => (typed ? typed : stored);
  return messageSettingsSchema.parse({
    ...update,
    sms: {
      ...update.sms,
      apiKey: keep(update.sms.apiKey, current.sms.apiKey),
      secretKey: keep(update.sms.secretKey, current.sms.secretKey),
    },
    zns: { ...update.zns, accessToken: keep(update.zns.accessToken, current.zns.accessToken) },
  });
}

/** Whether a kind of message is sent at this site. */
export function kindOn(s: MessageSettings, kind: MessageKind): boolean {
  return kind === 'code' || s.kinds[kind];
}
