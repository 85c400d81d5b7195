// The ticket's QR code opens the phone page at the site's configured public address (issue 12,
// item 6), set in the admin app: the kiosk follows a change at once.
import jsQR from 'jsqr';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SiteConfig } from '@luot/domain';
import { launchChromium, startTestHub, testConfig, type TestHub } from '@luot/hub/testing';
import { bitmapToRgba, decodeRaster } from '@luot/printing';
import { openKiosk, startPrinterRig, type PrinterRig } from './kiosk-harness.ts';

let hub: TestHub;
let rig: PrinterRig;
let browser: Browser;

beforeAll(async () => {
  const config = testConfig(3);
  config.site.addresses = {
    hub: 'http://192.168.1.10:8080',
    public: 'https://hang-doi.example.vn',
  };
  hub = await startTestHub({ serveApps: true, config });
  rig = await startPrinterRig();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
  await hub?.close();
});

/** The address in the QR code of the last ticket the printer received. */
function lastPrintedQr(): string | null {
  const printed = decodeRaster(rig.emulator.tickets().at(-1)!);
  return jsQR(bitmapToRgba(printed), printed.width, printed.height)?.data ?? null;
}

it('prints the public address in the QR code, and follows the admin’s change at once', async () => {
  const { page, errors } = await openKiosk(browser, rig, {
    hubUrl: hub.url,
    token: hub.tokens.kiosk!,
  });
  await page.waitForSelector('.field-button[data-state="open"]');
  await page.click('[data-field="ho-tich"]');
  await page.getByTestId('take-number').click();
  await page.waitForSelector('[data-screen="printed"]');
  const url = lastPrintedQr();
  expect(url).toMatch(/^https:\/\/hang-doi\.example\.vn\/t\/[A-Za-z0-9_-]+$/);
  // The same token opens this ticket's phone page on the hub.
  const socket = hub.connect(url!.split('/t/')[1]!);
  const view = await new Promise<{ label: string }>((resolve) =>
    socket.once('ticket:view', resolve),
  );
  expect(view.label).toBe('1001');
  socket.disconnect();

  // An admin clears the public address: phones now use the hub address.
  const { token } = await hub.login('admin');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const got = (await (await fetch(`${hub.url}/api/admin/config`, { headers })).json()) as {
    data: { config: SiteConfig; version: string };
  };
  const next = structuredClone(got.data.config);
  next.site.addresses.public = null;
  const put = await fetch(`${hub.url}/api/admin/config`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ config: next, baseVersion: got.data.version }),
  });
  expect(put.status).toBe(200);
  await page.waitForSelector('[data-screen="printed"]', { state: 'detached', timeout: 15_000 });
  await page.click('[data-field="ho-tich"]');
  await page.getByTestId('take-number').click();
  await page.waitForSelector('[data-screen="printed"]');
  expect(lastPrintedQr()).toMatch(/^http:\/\/192\.168\.1\.10:8080\/t\/[A-Za-z0-9_-]+$/);
  expect(errors).toEqual([]);
});
