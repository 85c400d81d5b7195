import { describe, expect, it } from 'vitest';
import { rememberedSiteName, rememberSiteName, screenPhase } from './screen-phase.ts';

describe('what a screen without a queue shows', () => {
  it('says unpaired when the hub refuses it, offline when it cannot reach the hub', () => {
    expect(screenPhase('refused', false)).toBe('unpaired');
    expect(screenPhase('offline', false)).toBe('offline');
    expect(screenPhase('connecting', false)).toBe('loading');
    expect(screenPhase('online', false)).toBe('loading');
  });

  it('keeps the queue it has on a lost connection (under the banner)', () => {
    for (const status of ['online', 'offline', 'refused', 'connecting'] as const)
      expect(screenPhase(status, true)).toBe('live');
  });

  it("remembers the centre's name for the offline screen", () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    } as Storage;
    expect(rememberedSiteName(storage)).toBeNull();
    rememberSiteName(storage, 'Bộ phận Một cửa xã Thử Nghiệm');
    expect(rememberedSiteName(storage)).toBe('Bộ phận Một cửa xã Thử Nghiệm');
    expect(rememberedSiteName(null)).toBeNull();
  });
});
