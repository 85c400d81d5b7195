import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { actionButton, currentLabel, issueTickets, signIn, ticketByLabel } from './helpers.ts';

let t: TestHub;
let browser: Browser;

beforeAll(async () => {
  t = await startTestHub({ serveApps: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('offers no closed counter and forgets an old error when the transfer dialog opens again', async () => {
  await issueTickets(t, ['ho-tich']);
  // Counter 2 is open (its clerk signed in); counter 3 is closed: nobody would serve it.
  await t.login('cb2', 'c2');
  expect(t.hub.queue.live.counters.c2?.status).toBe('open');
  expect(t.hub.queue.live.counters.c3?.status ?? 'closed').toBe('closed');

  const { page, errors } = await openPage(browser, `${t.url}/counter/`);
  await signIn(page, 'Quầy 1', 'cb1');
  await actionButton(page, 'callNext').click();
  await expect.poll(() => currentLabel(page)).toBe('1001');

  await actionButton(page, 'transfer').click();
  const dialog = page.locator('[data-testid=transfer-dialog]');
  const closed = dialog.locator('input[value="counter:c3"]');
  const open = dialog.locator('input[value="counter:c2"]');
  expect(await closed.isDisabled()).toBe(true);
  expect(await dialog.locator('label:has(input[value="counter:c3"])').textContent()).toContain(
    'đang đóng',
  );
  expect(await open.isDisabled()).toBe(false);

  // A refused attempt (no reason) shows an error…
  await dialog.getByRole('button', { name: 'Chuyển', exact: true }).click();
  const error = dialog.getByRole('alert');
  await expect.poll(() => error.textContent()).toBe('Vui lòng nhập lý do chuyển.');
  // …which is gone when the dialog is closed and opened again.
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.count()).toBe(0);
  await actionButton(page, 'transfer').click();
  await expect.poll(() => dialog.count()).toBe(1);
  expect(await error.count()).toBe(0);

  // A new choice clears the error of the last attempt, too.
  await dialog.getByRole('button', { name: 'Chuyển', exact: true }).click();
  await expect.poll(() => error.count()).toBe(1);
  await open.check();
  expect(await error.count()).toBe(0);
  await dialog.getByLabel('Lý do chuyển').fill('Cần cán bộ chuyên môn');
  await dialog.getByRole('button', { name: 'Chuyển', exact: true }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  expect(ticketByLabel(t, '1001')).toMatchObject({ status: 'waiting', assignedCounterId: 'c2' });
  expect(errors).toEqual([]);
});
