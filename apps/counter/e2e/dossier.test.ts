import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  launchChromium,
  openPage,
  startTestHub,
  testConfig,
  type TestHub,
} from '@luot/hub/testing';
import { actionButton, currentLabel, issueTickets, signIn } from './helpers.ts';

const SHOTS = '/work/briefs/out/shots';
const CODE = '000.00.01.H29-231115-0001';
let t: TestHub;
let browser: Browser;

beforeAll(async () => {
  // The site requires an outcome, and a code for a dossier received or a result returned.
  t = await startTestHub({
    serveApps: true,
    config: testConfig(3, { dossier: { required: 'codes' } }),
  });
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The dossier of every finished event the hub stored today. */
function finishedDossiers() {
  return t.store
    .eventsOfDay(t.hub.queue.live.day)
    .map((s) => s.event)
    .filter((e) => e.type === 'ticket.finished')
    .map((e) => e.dossier);
}

it('a clerk finishes with a scanned dossier code and an outcome; a wrong code is refused on screen', async () => {
  await issueTickets(t, ['ho-tich']);
  const { page, errors } = await openPage(browser, `${t.url}/counter/`);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'Quầy 1', 'cb1');
  await actionButton(page, 'callNext').click();
  await expect.poll(() => currentLabel(page)).toBe('1001');
  await actionButton(page, 'start').click();
  await expect.poll(() => t.hub.queue.live.counters.c1?.currentTicketId).toBeTruthy();
  await expect
    .poll(() => page.locator('[data-testid=notice-text]').textContent())
    .toContain('Bắt đầu');

  await actionButton(page, 'finish').click();
  const dialog = page.locator('[data-testid=finish-dialog]');
  await expect.poll(() => dialog.count()).toBe(1);
  const input = dialog.locator('input[name=dossier-code]');
  await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);

  // A USB reader types a QR's look-up URL in a burst of keystrokes, then Enter.
  await page.keyboard.type(`https://dichvucong.gov.vn/tra-cuu?ma=${CODE}`, { delay: 2 });
  await page.keyboard.press('Enter');
  const codes = dialog.locator('[data-testid=dossier-codes] code');
  await expect.poll(() => codes.allTextContents()).toEqual([CODE]);
  expect(await input.inputValue()).toBe('');

  // A code of the wrong format is refused on screen and not added.
  await page.keyboard.type('000.00.01-231115', { delay: 2 });
  await page.keyboard.press('Enter');
  const alert = dialog.getByRole('alert');
  await expect
    .poll(() => alert.textContent())
    .toBe('Mã hồ sơ không đúng định dạng: 000.00.01-231115');
  expect(await codes.allTextContents()).toEqual([CODE]);
  await page.screenshot({ path: `${SHOTS}/dossier-counter-wrong-code.png` });

  // Without an outcome the site's rule refuses before anything is sent.
  await input.fill('');
  await dialog.getByRole('button', { name: 'Hoàn thành', exact: true }).click();
  await expect.poll(() => alert.textContent()).toBe('Vui lòng chọn kết quả của lượt phục vụ.');
  expect(finishedDossiers()).toEqual([]);
  expect(t.hub.queue.live.tickets[t.hub.queue.live.counters.c1!.currentTicketId!]?.status).toBe(
    'serving',
  );

  await dialog.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  await page.screenshot({ path: `${SHOTS}/dossier-counter-finish.png` });
  await dialog.getByRole('button', { name: 'Hoàn thành', exact: true }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await expect
    .poll(() => page.locator('[data-testid=notice-text]').textContent())
    .toBe('Đã hoàn thành số 1001.');

  // The hub stored the visit's code and outcome on the finished event, and on the visit.
  expect(finishedDossiers()).toEqual([{ codes: [CODE], outcome: 'received', reason: null }]);
  expect(errors).toEqual([]);
});

it('the shortcut opens the finish step; a refusal needs its reason', async () => {
  await issueTickets(t, ['ho-tich']);
  const { page, errors } = await openPage(browser, `${t.url}/counter/`);
  await signIn(page, 'Quầy 2', 'cb2');
  await actionButton(page, 'callNext').click();
  await expect.poll(() => currentLabel(page)).toBe('1002');
  await actionButton(page, 'start').click();
  await expect
    .poll(() => page.locator('[data-testid=notice-text]').textContent())
    .toContain('Bắt đầu');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('F4');
  const dialog = page.locator('[data-testid=finish-dialog]');
  await expect.poll(() => dialog.count()).toBe(1);
  await dialog.getByRole('button', { name: 'Từ chối tiếp nhận' }).click();
  await dialog.getByRole('button', { name: 'Hoàn thành', exact: true }).click();
  await expect
    .poll(() => dialog.getByRole('alert').textContent())
    .toBe('Cần ghi lý do từ chối tiếp nhận hồ sơ.');
  await dialog.getByLabel('Lý do từ chối').fill('Thiếu giấy tờ');
  await page.screenshot({ path: `${SHOTS}/dossier-counter-refused.png` });
  await dialog.getByRole('button', { name: 'Hoàn thành', exact: true }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  expect(finishedDossiers().at(-1)).toEqual({
    codes: [],
    outcome: 'refused',
    reason: 'Thiếu giấy tờ',
  });
  expect(errors).toEqual([]);
});
