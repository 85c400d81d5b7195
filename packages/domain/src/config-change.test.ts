import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isSiteAddress, phoneBaseUrl } from './addresses.ts';
import { siteConfigSchema, type SiteConfig } from './config.ts';
import { configChangeRefusal } from './config-change.ts';
import { firstReprint } from './numbering.ts';
import { at, attempt, clone, cmd, fixtureConfig, run } from './test-support.ts';

/** The fixture's configuration changed by `patch` and validated again. */
function changed(base: SiteConfig, patch: (c: SiteConfig) => void): SiteConfig {
  const next = clone(base);
  patch(next);
  return siteConfigSchema.parse(next);
}

const issue = (fieldId: string, n: number, priority: string | null = null) =>
  Array.from({ length: n }, () => cmd.issue(fieldId, priority));

describe('a configuration change that would print a number again today', () => {
  // Đất đai prints 1001…; Hộ tịch A001…; Kinh doanh B001….
  const day = run(issue('dat-dai', 15), '08:00').state; // 1001–1015

  it('is refused when another field would start inside the numbers already handed out', () => {
    const config = changed(day.config, (c) => {
      // Hộ tịch drops its prefix and starts at 1011, past Đất đai's…  and Đất đai moves on.
      const hoTich = c.fields.find((f) => f.id === 'ho-tich')!;
      hoTich.numbering = { prefix: '', start: 1011, digits: 4 };
      hoTich.dailyLimit = 50;
      c.fields.find((f) => f.id === 'dat-dai')!.numbering.start = 2001;
    });
    expect(firstReprint(day, config)).toEqual({
      fieldId: 'ho-tich',
      fieldName: 'Hộ tịch',
      label: '1011',
    });
    const d = attempt(day, { type: 'updateConfig', config }, '09:00');
    expect(d.ok).toBe(false);
    if (!d.ok)
      expect(d.error).toEqual({
        code: 'INVALID_CONFIG',
        detail: 'field "Hộ tịch" would print 1011 again, already issued today',
      });
  });

  it('is accepted when the other field starts after the last number handed out', () => {
    const config = changed(day.config, (c) => {
      const hoTich = c.fields.find((f) => f.id === 'ho-tich')!;
      hoTich.numbering = { prefix: '', start: 1016, digits: 4 };
      hoTich.dailyLimit = 50;
      c.fields.find((f) => f.id === 'dat-dai')!.numbering.start = 2001;
    });
    expect(firstReprint(day, config)).toBeNull();
    expect(attempt(day, { type: 'updateConfig', config }, '09:00').ok).toBe(true);
  });

  it('keeps a field on its own numbers: lastNumber is per field, so a lower start is harmless', () => {
    const config = changed(day.config, (c) => {
      c.fields.find((f) => f.id === 'dat-dai')!.numbering.start = 1;
    });
    // Đất đai's next number stays 1016 (its last + 1), so 0001… are never printed today.
    expect(firstReprint(day, config)).toBeNull();
  });

  it('is refused for a prefix change that would print A001 again', () => {
    const state = run(issue('ho-tich', 3), '08:00').state; // A001–A003
    const config = changed(state.config, (c) => {
      // Hộ tịch moves to C; Kinh doanh takes the A that Hộ tịch printed this morning.
      c.fields.find((f) => f.id === 'ho-tich')!.numbering.prefix = 'C';
      c.fields.find((f) => f.id === 'kinh-doanh')!.numbering.prefix = 'A';
    });
    expect(configChangeRefusal(state, config, at('09:00'))).toBe(
      'field "Đăng ký kinh doanh" would print A001 again, already issued today',
    );
  });

  it('counts "01011" and "1011" as the same number (they are read out alike)', () => {
    const config = changed(day.config, (c) => {
      const hoTich = c.fields.find((f) => f.id === 'ho-tich')!;
      hoTich.numbering = { prefix: '', start: 1010, digits: 5 };
      hoTich.dailyLimit = 50;
      c.fields.find((f) => f.id === 'dat-dai')!.numbering.start = 2001;
    });
    expect(firstReprint(day, config)?.label).toBe('1010');
  });

  it('looks only at numbers a field can still print: a daily limit already used up prints none', () => {
    const soldOut = run(issue('ho-tich', 1), '08:30', day).state; // A001
    const config = changed(day.config, (c) => {
      const hoTich = c.fields.find((f) => f.id === 'ho-tich')!;
      hoTich.numbering = { prefix: '', start: 1011, digits: 4 };
      hoTich.dailyLimit = 1; // used up by A001
      c.fields.find((f) => f.id === 'dat-dai')!.numbering.start = 2001;
    });
    expect(firstReprint(soldOut, config)).toBeNull();
    const oneMore = changed(
      config,
      (c) => (c.fields.find((f) => f.id === 'ho-tich')!.dailyLimit = 2),
    );
    expect(firstReprint(soldOut, oneMore)?.label).toBe('1011');
  });
});

describe('other changes refused while today is under way', () => {
  it('refuses removing a priority class that a waiting ticket carries, and allows it once served', () => {
    const state = run([cmd.issue('dat-dai', 'cao-tuoi')], '08:00').state;
    const without = changed(state.config, (c) => {
      c.priorityClasses = c.priorityClasses.filter((p) => p.id !== 'cao-tuoi');
    });
    expect(configChangeRefusal(state, without, at('09:00'))).toBe(
      'priority class "Người cao tuổi" is carried by tickets waiting today',
    );
    const served = run(
      [cmd.open('quay-1'), cmd.callNext('quay-1'), cmd.start('quay-1'), cmd.finish('quay-1')],
      '08:10',
      state,
    ).state;
    expect(configChangeRefusal(served, without, at('09:00'))).toBeNull();
  });

  it('refuses a time zone that puts the site on another service day, and allows one that does not', () => {
    const state = run(issue('dat-dai', 1), '08:00').state;
    // 23:30 in Hà Nội is already tomorrow in Tokyo.
    const tokyo = changed(state.config, (c) => (c.site.timeZone = 'Asia/Tokyo'));
    expect(configChangeRefusal(state, tokyo, at('23:30'))).toBe(
      'time zone Asia/Tokyo would move the service day from 2025-03-10 to 2025-03-11',
    );
    expect(configChangeRefusal(state, tokyo, at('09:00'))).toBeNull();
    const bangkok = changed(state.config, (c) => (c.site.timeZone = 'Asia/Bangkok'));
    expect(configChangeRefusal(state, bangkok, at('23:30'))).toBeNull();
  });
});

describe('site addresses', () => {
  it('takes an http(s) origin and refuses paths, credentials, queries and other schemes', () => {
    for (const good of [
      'http://192.168.1.10:8080',
      'https://hang-doi.example.vn/',
      'http://hub.local',
    ])
      expect(isSiteAddress(good), good).toBe(true);
    for (const bad of [
      'ftp://hub.local',
      'http://hub.local/admin',
      'http://user:pw@hub.local',
      'http://hub.local/?a=1',
      'http://hub.local?',
      'http://hub.local:99999',
      'http://hub.local#x',
      'http://-hub.local',
      'hub.local:8080',
      'javascript:alert(1)',
      '',
    ])
      expect(isSiteAddress(bad), bad).toBe(false);
  });

  it('stores the origin, and the phone address falls back to the hub address', () => {
    const config = fixtureConfig((c) => {
      c.site.addresses = { hub: 'http://192.168.1.10:8080/' };
    });
    expect(config.site.addresses).toEqual({ hub: 'http://192.168.1.10:8080', public: null });
    const upper = fixtureConfig((c) => {
      c.site.addresses = { hub: 'HTTP://Hub.Local:8080', public: 'https://[fd00::1]/' };
    });
    expect(upper.site.addresses).toEqual({
      hub: 'http://hub.local:8080',
      public: 'https://[fd00::1]',
    });
    expect(phoneBaseUrl(config)).toBe('http://192.168.1.10:8080');
    const withPublic = changed(config, (c) => (c.site.addresses.public = 'https://so.example.vn'));
    expect(phoneBaseUrl(withPublic)).toBe('https://so.example.vn');
    expect(phoneBaseUrl(fixtureConfig())).toBeNull();
  });

  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', 'localhost', '[::1]', '127.1.2.3'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['192.168.1.10', 'hub.local']) expect(isLoopbackHost(h)).toBe(false);
  });
});
