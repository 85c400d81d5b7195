// Dossier codes (issue 16), in Chromium against a real hub: the site's setting on
// /admin/trung-tam (what a clerk must record, the code's format refused when unsafe, a code to
// try), saved and applied to the hub's live configuration; then the report page counts the
// outcomes clerks recorded and downloads the ratings per dossier. Screenshots to
// /work/briefs/out/shots when that folder exists.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';

const SHOTS = existsSync('/work/briefs/out/shots') ? '/work/briefs/out/shots' : null;
const CODE = '000.00.01.H29-261123-0001';
let browser: Browser;
let t: TestHub;

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub({ serveApps: true });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page) {
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
}

function submit(command: Parameters<TestHub['hub']['queue']['submit']>[0]) {
  const result = t.hub.queue.submit(command, { actor: 'test' });
  if (!result.ok) throw new Error(`${command.type}: ${result.error.code}`);
}

it('an admin requires dossier codes, an unsafe pattern is refused, and the report counts outcomes', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/`, {
    width: 1366,
    height: 1400,
  });
  await signIn(page);
  await page.click('nav >> text=Trung tâm và địa chỉ');
  const section = page.locator('[data-testid=dossier-section]');
  await section.waitFor();
  expect(await section.getByLabel('Cán bộ phải ghi').inputValue()).toBe('off');
  await section
    .getByLabel('Cán bộ phải ghi')
    .selectOption({ label: 'Bắt buộc kết quả và mã hồ sơ' });

  // A pattern that could take exponential time is refused on the page (and by the hub).
  const pattern = section.getByLabel('Định dạng mã hồ sơ (biểu thức chính quy)');
  const defaultPattern = await pattern.inputValue();
  await pattern.fill('(\\d+)+-X');
  await expect.poll(() => section.getByRole('alert').textContent()).toContain('(a+)+');
  await section.getByRole('button', { name: 'Dùng định dạng mặc định' }).click();
  expect(await pattern.inputValue()).toBe(defaultPattern);
  await section.getByLabel('Thử một mã').fill('000.00.01-231115');
  await expect
    .poll(() => section.locator('[data-testid=dossier-sample-result]').textContent())
    .toBe('✗ Không đúng định dạng.');
  await section.getByLabel('Thử một mã').fill(CODE);
  await expect
    .poll(() => section.locator('[data-testid=dossier-sample-result]').textContent())
    .toBe('✓ Đúng định dạng.');
  await page.click('[data-testid=save-config]');
  await expect.poll(() => page.textContent('[role=status]')).toContain('Đã lưu');
  expect(t.hub.queue.live.config.dossier).toMatchObject({ required: 'codes', maxCodes: 5 });
  if (SHOTS) await section.screenshot({ path: `${SHOTS}/dossier-admin-site.png` });

  // A clerk's visit finished with a code and an outcome; it shows in the report.
  const by = { counterId: 'c1', clerkId: 'cb1' };
  submit({ type: 'issue', fieldId: 'ho-tich', priorityClassId: null });
  submit({ type: 'openCounter', ...by });
  submit({ type: 'callNext', ...by });
  submit({ type: 'start', ...by });
  t.clock.advance(5 * 60_000);
  submit({
    type: 'finish',
    ...by,
    dossier: { codes: [CODE], outcome: 'received', reason: null },
  });
  await page.click('nav >> text=Báo cáo');
  const table = page.locator('[data-testid=dossier-table]');
  await table.waitFor();
  expect(await table.locator('tfoot [data-cell=received]').textContent()).toBe('1');
  expect(await table.locator('tfoot [data-cell=refused]').textContent()).toBe('0');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    table.getByRole('button', { name: 'CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^danh-gia-theo-ho-so-.*\.csv$/);
  if (SHOTS) await table.screenshot({ path: `${SHOTS}/dossier-admin-report.png` });
  expect(errors).toEqual([]);
});
