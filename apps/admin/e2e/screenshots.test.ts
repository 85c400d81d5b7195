// Screenshots of the dashboard and a report for docs/screenshots/, taken against a real hub
// with a simulated fortnight. Run with LUOT_SCREENSHOTS=1 (they are skipped otherwise, so the
// suite does not rewrite committed images).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  launchChromium,
  MONDAY_9AM,
  openPage,
  request,
  startTestHub,
  type TestHub,
} from '@luot/hub/testing';
import { centreConfig, simulate } from './seed.ts';

const OUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const enabled = process.env.LUOT_SCREENSHOTS === '1';
const DAY = 24 * 60 * 60_000;
const PAST_WEEKDAYS = [-14, -13, -12, -11, -10, -7, -6, -5, -4, -3];

let t: TestHub;
let browser: Browser;

beforeAll(async () => {
  if (!enabled) return;
  mkdirSync(OUT, { recursive: true });
  t = await startTestHub({
    counters: 8,
    serveApps: true,
    config: centreConfig(),
    now: MONDAY_9AM - 14 * DAY,
  });
  simulate(t, {
    days: [...PAST_WEEKDAYS, 0],
    until: 9 * 60 + 40,
    perDay: 170,
    closedToday: ['c6'],
  });
  // Today: one counter paused, the kiosk's printer running low on paper, the lobby screen online.
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  await request(kiosk, 'device:report', {
    printer: { online: true, paper: 'near-end', coverOpen: false },
  });
  await t.connectReady(t.tokens.display!);
  const current = t.hub.queue.live.counters.c7!;
  if (current.currentTicketId) {
    const ticket = t.hub.queue.live.tickets[current.currentTicketId]!;
    if (ticket.status === 'called')
      t.hub.queue.execute({ type: 'start', counterId: 'c7', clerkId: 'cb7' }, { actor: 'seed' });
    t.hub.queue.execute({ type: 'finish', counterId: 'c7', clerkId: 'cb7' }, { actor: 'seed' });
  }
  t.hub.queue.execute(
    { type: 'pause', counterId: 'c7', clerkId: 'cb7', reason: 'Họp giao ban' },
    { actor: 'seed' },
  );
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, username: string) {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
}

it.skipIf(!enabled)('dashboard', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/`, { width: 1366, height: 768 });
  await signIn(page, 'giamsat');
  await page.waitForSelector('[data-testid=dashboard]');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${OUT}dashboard.png`, fullPage: true });
  expect(errors).toEqual([]);
});

it.skipIf(!enabled)('report with its charts', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/bao-cao`, {
    width: 1366,
    height: 768,
  });
  await signIn(page, 'giamsat');
  await page.waitForSelector('[data-testid=report]');
  await page.fill('input[type=date] >> nth=0', '2026-11-09');
  await page.click('button[type=submit]');
  await page.waitForTimeout(1000);
  await page.waitForSelector('[data-testid=report]');
  await page.screenshot({ path: `${OUT}report.png`, fullPage: true });
  expect(errors).toEqual([]);
});

it.skipIf(!enabled)('a refused configuration and a paired device', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/linh-vuc`, {
    width: 1366,
    height: 768,
  });
  await signIn(page, 'admin');
  await page.click('tr[data-field=ho-tich]');
  await page.fill('input[aria-label="Buổi 1 đến"]', '14:00');
  await page.click('[data-testid=save-config]');
  await page.waitForSelector('[data-testid=config-issues]');
  await page.screenshot({ path: `${OUT}admin-fields-refused.png` });

  await page.click('nav >> text=Thiết bị');
  await page.fill('form[aria-label="Ghép nối thiết bị"] input >> nth=0', 'man-hinh-quay-3');
  await page.fill('form[aria-label="Ghép nối thiết bị"] input >> nth=1', 'Màn hình trên quầy 3');
  await page.selectOption('form[aria-label="Ghép nối thiết bị"] select >> nth=1', 'c3');
  await page.click('form[aria-label="Ghép nối thiết bị"] button[type=submit]');
  await page.waitForSelector('[data-testid=paired-device] .qr svg');
  await page.screenshot({ path: `${OUT}admin-device-paired.png` });
  // The refused save is a 400 answer, which Chromium logs; nothing else may fail.
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
});

it.skipIf(!enabled)('open sessions', async () => {
  const browsers = [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  ];
  const people: [string, string | undefined][] = [
    ['cb1', 'c1'],
    ['cb2', 'c2'],
    ['cb3', 'c3'],
    ['cb4', 'c4'],
    ['giamsat', undefined],
  ];
  for (const [i, [username, counterId]] of people.entries()) {
    await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': browsers[i % 3]! },
      body: JSON.stringify({ username, password: 'mat-khau-thu', counterId, bearer: true }),
    });
    t.clock.advance(3 * 60_000);
  }
  const { page, errors } = await openPage(browser, `${t.url}/admin/phien-dang-nhap`, {
    width: 1366,
    height: 768,
  });
  await signIn(page, 'admin');
  await page.waitForSelector('tr[data-user=cb4]');
  await page.focus('tr[data-user=cb1] button');
  await page.keyboard.press('Shift+Tab');
  await page.screenshot({ path: `${OUT}sessions.png` });
  expect(errors).toEqual([]);
});
