import { siteConfigSchema, type SiteConfig } from '@luot/domain';

/** A small site's configuration for the pg tests: one field, two counters. */
export function siteConfig(name: string): SiteConfig {
  return siteConfigSchema.parse({
    site: { name, timeZone: 'Asia/Ho_Chi_Minh' },
    fields: [
      {
        id: 'ho-tich',
        name: 'Tư pháp – Hộ tịch',
        numbering: { start: 1, digits: 3 },
        sessions: [{ from: '07:30', to: '17:00' }],
      },
    ],
    counters: [
      { id: 'c1', number: 1, name: 'Quầy 1', fieldIds: ['ho-tich'] },
      { id: 'c2', number: 2, name: 'Quầy 2', fieldIds: ['ho-tich'] },
    ],
  });
}
