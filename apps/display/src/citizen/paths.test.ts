import { describe, expect, it } from 'vitest';
import { bookingPagePath, citizenRoute, startPath } from './paths.ts';

describe("the citizens' routes", () => {
  it('opens the page at / and /lay-so, and a booking at /b/<token>, on the public listener', () => {
    expect(citizenRoute('/')).toEqual({ kind: 'start' });
    expect(citizenRoute('/lay-so')).toEqual({ kind: 'start' });
    expect(citizenRoute('/b/bkg_abc')).toEqual({ kind: 'booking', token: 'bkg_abc' });
    expect(bookingPagePath('/b/bkg_abc', '/lay-so')).toBe('/b/bkg_abc');
    expect(startPath('/b/bkg_abc')).toBe('/lay-so');
  });

  it('the same under /display/ on the staff listener, and leaves the screens alone', () => {
    expect(citizenRoute('/display/lay-so')).toEqual({ kind: 'start' });
    expect(citizenRoute('/display/b/bkg_abc')).toEqual({ kind: 'booking', token: 'bkg_abc' });
    expect(bookingPagePath('/b/bkg_abc', '/display/lay-so')).toBe('/display/b/bkg_abc');
    expect(startPath('/display/b/bkg_abc')).toBe('/display/lay-so');
    for (const screen of ['/display/', '/display/lobby', '/display/sign', '/t/tkt_x'])
      expect(citizenRoute(screen), screen).toBeNull();
  });
});
