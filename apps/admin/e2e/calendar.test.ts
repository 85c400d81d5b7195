// The "Lịch làm việc" page in Chromium against a real hub: working weekdays, holidays (the fixed
// Vietnamese ones filled in, Tết typed), special days, and a holiday in the past refused.
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';

/** Where screenshots go when asked for (`LUOT_SHOTS_DIR`); unset: none. */
const SHOTS = process.env.LUOT_SHOTS_DIR;

let browser: Browser;
let t: TestHub | null = null;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await t?.close();
  t = null;
});

async function openCalendar(hub: TestHub): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `${hub.url}/admin/lich-lam-viec`, {
    width: 1366,
    height: 900,
  });
  await opened.page.fill('input[name=username]', 'admin');
  await opened.page.fill('input[name=password]', 'mat-khau-thu');
  await opened.page.click('button[type=submit]');
  await opened.page.waitForSelector('[data-testid=calendar-page]');
  return opened;
}

describe('the calendar page', () => {
  it('refuses a holiday in the past with a Vietnamese reason, and saves nothing', async () => {
    // The hub's day is Monday 23/11/2026.
    t = await startTestHub({ serveApps: true });
    const { page, errors } = await openCalendar(t);
    await page.fill('input[name=holiday-from]', '2026-11-20');
    await page.fill('input[name=holiday-name]', 'Ngày đã qua');
    await page.click('[data-testid=add-holiday]');
    expect(await page.textContent('[data-testid=holidays]')).toContain('Thứ Sáu, 20/11/2026');
    await page.click('[data-testid=save-config]');
    await expect
      .poll(() => page.textContent('[data-testid=config-issues]'))
      .toContain(
        'Ngày lễ "Ngày đã qua" (20/11/2026) đã qua; chỉ thêm được ngày lễ từ hôm nay trở đi.',
      );
    expect(t.hub.queue.live.config.calendar.holidays).toEqual([]);

    // Unticking every weekday leaves no working day: refused with its reason too.
    await page.getByRole('button', { name: 'Hủy thay đổi' }).click();
    for (const d of [1, 2, 3, 4, 5]) await page.uncheck(`input[data-weekday="${d}"]`);
    await page.click('[data-testid=save-config]');
    await expect
      .poll(() => page.textContent('[data-testid=config-issues]'))
      .toContain('Lịch làm việc không còn ngày làm việc nào');
    expect(t.hub.queue.live.config.calendar.workingDays).toEqual([1, 2, 3, 4, 5]);
    expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it('sets Saturday mornings, fills the fixed Vietnamese holidays of 2027, takes Tết typed by hand and a special Saturday', async () => {
    t = await startTestHub({ serveApps: true });
    const { page, errors } = await openCalendar(t);
    // Saturdays, mornings only.
    await page.check('input[data-weekday="6"]');
    await page.click('[data-testid=own-hours-6]');
    await page.click('[data-testid=add-vietnam]');
    expect(await page.textContent('[data-testid=calendar-note]')).toContain(
      'Đã thêm 4 ngày lễ cố định năm 2027',
    );
    // Tết moves with the lunar calendar: the form is ready for its dates.
    expect(await page.inputValue('input[name=holiday-name]')).toBe('Tết Nguyên đán');
    await page.fill('input[name=holiday-from]', '2027-02-05');
    await page.fill('input[name=holiday-to]', '2027-02-11');
    await page.click('[data-testid=add-holiday]');
    await page.fill('input[name=special-date]', '2026-12-05');
    await page.fill('input[name=special-name]', 'Giải quyết hồ sơ đất đai');
    await page.getByTestId('special-form').getByRole('button', { name: 'Thêm buổi' }).click();
    await page.getByTestId('special-form').getByLabel('Đất đai', { exact: true }).check();
    await page.click('[data-testid=add-special]');
    await page.click('[data-testid=save-config]');
    await expect.poll(() => page.textContent('[role=status]')).toContain('Đã lưu');

    const calendar = t.hub.queue.live.config.calendar;
    expect(calendar.workingDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(calendar.weekdaySessions).toEqual([
      { weekday: 6, sessions: [{ from: '07:30', to: '11:30' }] },
    ]);
    expect(calendar.holidays.map((h) => [h.from, h.to ?? null, h.name])).toEqual([
      ['2027-01-01', null, 'Tết Dương lịch'],
      ['2027-04-30', null, 'Ngày Chiến thắng'],
      ['2027-05-01', null, 'Quốc tế Lao động'],
      ['2027-09-02', null, 'Quốc khánh'],
      ['2027-02-05', '2027-02-11', 'Tết Nguyên đán'],
    ]);
    expect(calendar.specialDays).toEqual([
      {
        date: '2026-12-05',
        name: 'Giải quyết hồ sơ đất đai',
        sessions: [{ from: '07:30', to: '11:30' }],
        fieldIds: ['dat-dai'],
      },
    ]);
    // Saturday 5/12 is now a working weekday and a special day at once: that is allowed.
    expect(await page.textContent('[data-testid=holidays]')).toContain(
      'Thứ Sáu, 05/02/2027 – Thứ Năm, 11/02/2027',
    );
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}/calendar-page.png`, fullPage: true });
    }
    expect(errors).toEqual([]);
  });
});
