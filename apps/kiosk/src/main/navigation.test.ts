import { describe, expect, it } from 'vitest';
import { fakeWebContents } from './fake-web-contents.ts';
import { guardNavigation, isAppUrl } from './navigation.ts';

const fileApp = 'file:///opt/Luot%20Kiosk/resources/app.asar/out/renderer/index.html';

describe('isAppUrl', () => {
  it.each([
    [fileApp, true],
    [`${fileApp}#settings`, true],
    ['file:///opt/Luot%20Kiosk/resources/app.asar/out/renderer/assets/index.js', true],
    ['file:///etc/passwd', false],
    ['file:///opt/Luot%20Kiosk/resources/app.asar/out/main/index.js', false],
    ['http://192.168.1.10:8080/admin/', false],
    ['https://example.com/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAppUrl(url, fileApp)).toBe(allowed);
  });

  it('allows only the dev server origin in development', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:8080/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('guardNavigation', () => {
  it('cancels navigations and redirects away from the app, and denies new windows', () => {
    const contents = fakeWebContents();
    const blocked: string[] = [];
    guardNavigation(contents, fileApp, (url) => blocked.push(url));
    expect(contents.attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.attempt('will-redirect', 'http://10.0.0.1/')).toBe(true);
    expect(contents.attempt('will-navigate', `${fileApp}?reload=1`)).toBe(false);
    expect(contents.attempt('will-attach-webview', 'x')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(blocked).toEqual([
      'https://example.com/',
      'http://10.0.0.1/',
      'webview',
      'https://example.com/',
    ]);
  });
});
