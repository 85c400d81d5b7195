// "Kế hoạch nhân sự" in Chromium against a real hub whose SQLite file holds a simulated week of
// history: the heat map shows the route's numbers, a what-if raises the counters needed in a busy
// hour, the Excel download is a workbook, the hub's refusals show, and a clerk cannot get in.
// Screenshots go to docs/screenshots/ with LUOT_SCREENSHOTS=1 (to LUOT_SHOTS_DIR when set).
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { StaffingCell, StaffingPlan } from '@luot/protocol';
import {
  launchChromium,
  MONDAY_9AM,
  openPage,
  startTestHub,
  type TestHub,
} from '@luot/hub/testing';
import { centreConfig, simulate } from './seed.ts';

const OUT =
  process.env.LUOT_SHOTS_DIR ??
  fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const SHOTS = process.env.LUOT_SCREENSHOTS === '1';
const DAY = 24 * 60 * 60_000;
// Today is Monday 2026-11-23; the eight full weeks before it end on Sunday 2026-11-22.
const PERIOD = 'from=2026-09-28&to=2026-11-22&targetShare=0.8&withinMinutes=15';
const number1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

let t: TestHub;
let browser: Browser;

beforeAll(async () => {
  t = await startTestHub({
    counters: 8,
    serveApps: true,
    config: centreConfig(),
    now: MONDAY_9AM - 7 * DAY,
  });
  // Last week, Monday to Friday, then this Monday morning.
  simulate(t, { days: [-7, -6, -5, -4, -3, 0], until: 8 * 60, perDay: 160 });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, username: string) {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
}

/** The route's own answer, asked with a supervisor's session. */
async function routePlan(query: string): Promise<StaffingPlan> {
  const { token } = await t.login('giamsat');
  const res = await fetch(`${t.url}/api/reports/staffing?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: StaffingPlan }).data;
}

/** What the map shows: each cell with data, by weekday-hour. */
async function shownCells(page: Page) {
  return page.$$eval('[data-testid=heatmap] td[data-needed]', (tds) =>
    tds.map((td) => ({
      key: `${td.getAttribute('data-weekday')}-${td.getAttribute('data-hour')}`,
      text: td.querySelector('.counts')?.textContent ?? '',
      changed: td.hasAttribute('data-changed'),
    })),
  );
}

const expected = (cells: StaffingCell[]) =>
  cells
    .filter((c) => c.arrivalsPerHour > 0 || c.needed > 0 || c.open > 0)
    .map((c) => ({
      key: `${c.weekday}-${c.hour}`,
      text: `${c.needed} / ${number1.format(c.open)}`,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
}

describe('Kế hoạch nhân sự', () => {
  it('shows the route’s plan, a what-if, the workbook and the hub’s refusals', async () => {
    const { page, errors } = await openPage(browser, `${t.url}/admin/ke-hoach-nhan-su`, {
      width: 1440,
      height: 900,
    });
    await signIn(page, 'giamsat');
    await page.waitForSelector('[data-testid=heatmap]');
    expect(await page.textContent('[data-testid=staffing-period]')).toContain(
      '28/09/2026 – 22/11/2026 · 80 % công dân được gọi trong 15 phút',
    );

    // The busiest field's map, cell by cell, reads as the route answers.
    const base = await routePlan(PERIOD);
    const busiest = [...base.fields].sort(
      (a, b) =>
        b.cells.reduce((s, c) => s + c.arrivalsPerHour, 0) -
        a.cells.reduce((s, c) => s + c.arrivalsPerHour, 0),
    )[0]!;
    await page.selectOption('select[name=field]', busiest.fieldId);
    await expect
      .poll(() => page.textContent('[data-testid=heatmap] caption'))
      .toContain(busiest.name);
    const shown = await shownCells(page);
    expect(
      shown.map(({ key, text }) => ({ key, text })).sort((a, b) => a.key.localeCompare(b.key)),
    ).toEqual(expected(busiest.cells));
    expect(shown.length).toBeGreaterThan(5);

    // The map is reached with the keyboard: Tab from the field chooser lands on a cell.
    await page.focus('select[name=field]');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => document.activeElement?.closest('[data-testid=heatmap]') !== null),
    ).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-needed'))).toBe(
      true,
    );
    await expect.poll(() => page.textContent('[data-testid=cell-detail]')).toContain('lượt/giờ');

    // The busiest hour, focused: its figures show beside the map.
    const peak = [...busiest.cells].sort((a, b) => b.arrivalsPerHour - a.arrivalsPerHour)[0]!;
    const peakCell = page.locator(
      `[data-testid=heatmap] td[data-weekday="${peak.weekday}"][data-hour="${peak.hour}"]`,
    );
    await peakCell.focus();
    const detail = page.locator('[data-testid=cell-detail]');
    await expect.poll(() => detail.textContent()).toContain(`${peak.hour}:00–${peak.hour + 1}:00`);
    expect(await detail.textContent()).toContain(
      `${number1.format(peak.arrivalsPerHour)} lượt/giờ`,
    );
    await shoot(page, 'staffing-planner');

    // What-if: 20 % more arrivals. The map now reads as the route's what-if answer, and the
    // busiest hour needs more counters than before.
    await page.getByLabel('Lượt đến +20 %').check();
    await page.waitForSelector('[data-testid=what-if-changes]');
    const more = await routePlan(`${PERIOD}&arrivalsFactor=1.2`);
    const moreField = more.fields.find((f) => f.fieldId === busiest.fieldId)!;
    await expect
      .poll(async () =>
        (await shownCells(page))
          .map(({ key, text }) => ({ key, text }))
          .sort((a, b) => a.key.localeCompare(b.key)),
      )
      .toEqual(expected(moreField.cells));
    // The busy hours (the top quarter of the field's cells by arrivals): at least one needs more
    // counters now (Erlang C moves in whole counters, so not every one does), marked as changed.
    const byArrivals = busiest.cells
      .filter((c) => c.arrivalsPerHour > 0)
      .sort((a, b) => b.arrivalsPerHour - a.arrivalsPerHour);
    const busy = byArrivals.slice(0, Math.max(1, Math.ceil(byArrivals.length / 4)));
    const after = (c: StaffingCell) =>
      moreField.cells.find((m) => m.weekday === c.weekday && m.hour === c.hour)!;
    const risen = busy.find((c) => after(c).needed > c.needed);
    expect(risen).toBeDefined();
    const risenCell = page.locator(
      `[data-testid=heatmap] td[data-weekday="${risen!.weekday}"][data-hour="${risen!.hour}"]`,
    );
    expect(await risenCell.getAttribute('data-changed')).toBe('true');
    expect(await risenCell.locator('.counts').textContent()).toBe(
      `${after(risen!).needed} / ${number1.format(after(risen!).open)}`,
    );
    expect(await risenCell.locator('.before').textContent()).toBe(
      `trước: ${risen!.needed} / ${number1.format(risen!.open)}`,
    );
    await risenCell.focus();
    await shoot(page, 'staffing-planner-what-if');

    // The workbook of the same query.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=staffing-download]'),
    ]);
    expect(download.suggestedFilename()).toBe('ke-hoach-nhan-su-2026-09-28-2026-11-22.xlsx');
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(bytes.toString('latin1')).toContain('xl/workbook.xml');

    // A period with no history says so.
    await page.getByLabel('Lượt đến +20 %').uncheck();
    await page.fill('input[name=from]', '2026-01-05');
    await page.fill('input[name=to]', '2026-01-11');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=staffing-empty]');
    expect(await page.textContent('[data-testid=staffing-empty]')).toContain(
      'Không có lượt đến nào trong khoảng thời gian này',
    );
    expect(await page.isDisabled('[data-testid=staffing-download]')).toBe(true);
    expect(await page.isVisible('[data-testid=heatmap]')).toBe(false);
    await shoot(page, 'staffing-planner-empty');

    // Too long a period: the hub's message, and no map.
    await page.fill('input[name=from]', '2024-01-01');
    await page.click('button[type=submit]');
    const refusal = page.locator('[data-testid=staffing-error]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/400 ngày/);
    expect(await page.isVisible('[data-testid=staffing-empty]')).toBe(false);
    await shoot(page, 'staffing-planner-too-long');
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
  });

  it('is not for clerks: the admin app refuses their sign-in and the hub their session', async () => {
    const { page } = await openPage(browser, `${t.url}/admin/ke-hoach-nhan-su`);
    await signIn(page, 'cb1');
    await expect
      .poll(() => page.textContent('[role=alert]'))
      .toContain('Tài khoản cán bộ một cửa đăng nhập tại màn hình quầy');
    expect(await page.isVisible('[data-testid=staffing]')).toBe(false);

    const { token } = await t.login('cb1', 'c1');
    for (const path of ['staffing', 'staffing.xlsx']) {
      const res = await fetch(`${t.url}/api/reports/${path}?${PERIOD}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(403);
    }
  });
});
