// The citizens' page where a field requires the ID card (issue 15), at phone size in Chromium
// against a real hub: the 12-digit personal number is asked for, a wrong one and a minor are
// refused with the hub's Vietnamese reason, and the count is shared with the kiosk's numbers.
// Screenshots to LUOT_SHOTS_DIR when set.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADULT,
  cardConfig,
  codeReceived,
  launchChromium,
  request,
  startTestHub,
  type TestHub,
} from '@luot/hub/testing';
import { text } from './support.ts';

const SHOTS = process.env.LUOT_SHOTS_DIR;
let t: TestHub;
let browser: Browser;
beforeAll(async () => {
  t = await startTestHub({
    serveApps: true,
    counters: 2,
    // Both fields take numbers from phones; đất đai requires the card and an adult.
    config: cardConfig((c) => {
      for (const field of c.fields) field.online.remote = 'walk-in';
    }),
    hub: { publicListener: { port: 0, host: '127.0.0.1' } },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function phone() {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${t.publicUrl}/lay-so`);
  return { page, errors };
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/idhub-page-${name}.png`, fullPage: true });
}

let phones = 0;
async function signIn(page: Page) {
  t.clock.set(t.clock.now() + 61_000);
  const digits = String(32_345_000 + ++phones);
  await page.fill('#cz-phone', `09${digits}`);
  await page.tap('[data-testid=cz-send-code]');
  await page.waitForSelector('#cz-code');
  await page.fill('#cz-code', await codeReceived(t, `849${digits}`));
  await page.tap('[data-testid=cz-verify]');
  await page.waitForSelector('[data-testid=cz-holdings]');
}

const input = '[data-testid=cz-id-number-input]';

describe('a field that requires the ID card', () => {
  it('asks for the personal number, refuses a wrong one and a minor, issues to an adult', async () => {
    const { page, errors } = await phone();
    await page.waitForSelector('[data-field="dat-dai"]');
    await page.tap('[data-field="dat-dai"] [data-testid=cz-take]');
    await signIn(page);
    await page.waitForSelector('[data-testid=cz-take-step]');
    expect(await text(page, '[data-testid=cz-id-number] label')).toBe(
      'Số định danh cá nhân (CCCD)',
    );
    // Not 12 digits: said on the page, nothing sent.
    await page.fill(input, '0790850');
    await page.tap('[data-testid=cz-take-confirm]');
    expect(await text(page, '[data-testid=cz-id-number] [role=alert]')).toBe(
      'Số định danh cá nhân gồm đúng 12 chữ số.',
    );
    await shot(page, 'id-number-short');
    // 12 digits that are no personal number (province 123): the hub's reason.
    await page.fill(input, '123 456 789012');
    await page.tap('[data-testid=cz-take-confirm]');
    await expect
      .poll(() => text(page, '[data-testid=cz-problem]'))
      .toMatch(/^Số định danh cá nhân không hợp lệ/);
    // Born 2009: 17 this year, adults only.
    await page.fill(input, '001209001234');
    await page.tap('[data-testid=cz-take-confirm]');
    await expect
      .poll(() => text(page, '[data-testid=cz-problem]'))
      .toMatch(/^Lĩnh vực này chỉ cấp số cho công dân đủ tuổi thành niên/);
    await shot(page, 'id-number-minor');
    await page.fill(input, '079 085 001234');
    await page.tap('[data-testid=cz-take-confirm]');
    await page.waitForURL(/\/t\//);
    expect(errors).toEqual([]);
  });

  it('refuses online a person who took their numbers at the kiosk', async () => {
    // The same person's second number, at the kiosk (the first was taken online above).
    const kiosk = (await t.connectReady(t.tokens.kiosk!)).socket;
    const issued = await request(kiosk, 'ticket:issue', {
      fieldId: 'dat-dai',
      priorityClassId: null,
      idCard: ADULT,
    });
    expect(issued.ok).toBe(true);
    const { page, errors } = await phone();
    await page.waitForSelector('[data-field="dat-dai"]');
    await page.tap('[data-field="dat-dai"] [data-testid=cz-take]');
    await signIn(page);
    await page.fill(input, ADULT.number);
    await page.tap('[data-testid=cz-take-confirm]');
    await expect
      .poll(() => text(page, '[data-testid=cz-problem]'))
      .toContain('tại ki-ốt và trực tuyến');
    // Trying again cannot help: the button goes, the reason stays.
    expect(await page.locator('[data-testid=cz-take-confirm]').count()).toBe(0);
    await shot(page, 'id-number-limit');
    // Hộ tịch asks for no number.
    await page.goBack();
    await page.waitForSelector('[data-field="ho-tich"]');
    await page.tap('[data-field="ho-tich"] [data-testid=cz-take]');
    await page.waitForSelector('[data-testid=cz-take-step]');
    expect(await page.locator(input).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
