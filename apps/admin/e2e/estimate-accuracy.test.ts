// The accuracy of promised waits (issue 17) in Chromium against a real hub: the panel of the
// reports page (per field, and the field × hour table coloured by mean absolute error) and the
// dashboard's panel for today, empty before any ticket is measured. Screenshots for the README:
// docs/screenshots/estimate-accuracy.png and estimate-accuracy-dashboard.png.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Ack, Report } from '@luot/protocol';
import {
  launchChromium,
  MONDAY_9AM,
  openPage,
  startTestHub,
  testConfig,
  type TestHub,
} from '@luot/hub/testing';
import { maeLevel } from '../src/reports/accuracy-levels.ts';
import { MA } from '../src/messages-accuracy.ts';

const MIN = 60_000;
const DOCS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const SHOTS = process.env.LUOT_SHOTS_DIR ?? '/work/briefs/out/shots';
const DAY = '2026-11-23';
/** 07:30 on Monday 2026-11-23, when the sessions open. */
const START = MONDAY_9AM - 90 * MIN;

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

async function signIn(page: Page, username: string) {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
}

async function shot(page: Page, name: string, docs: string | null) {
  mkdirSync(SHOTS, { recursive: true });
  const panel = page.locator('[data-testid=estimate-accuracy]');
  await panel.screenshot({ path: `${SHOTS}/accuracy-${name}.png` });
  await page.screenshot({ path: `${SHOTS}/accuracy-${name}-page.png`, fullPage: true });
  if (docs) {
    mkdirSync(DOCS, { recursive: true });
    await panel.screenshot({ path: `${DOCS}${docs}` });
  }
}

function runner(hub: TestHub) {
  return (command: Parameters<TestHub['hub']['queue']['submit']>[0]) =>
    hub.hub.queue.submit(command, { actor: 'test' });
}

/**
 * A morning from 07:30 to 11:20: a number every 4 minutes (every 2 from 08:00 to 09:00, the
 * rush), two of three in Hộ tịch; counter 1 serves a citizen every 6 minutes, counter 2 every 9,
 * so a queue builds in the rush and drains after it.
 */
function morning(hub: TestHub) {
  const run = runner(hub);
  const start = START;
  const counters = [
    { by: { counterId: 'c1', clerkId: 'cb1' }, every: 6, busy: false },
    { by: { counterId: 'c2', clerkId: 'cb2' }, every: 9, busy: false },
  ];
  let issued = 0;
  hub.clock.set(start);
  for (const c of counters) expect(run({ type: 'openCounter', ...c.by }).ok).toBe(true);
  for (let m = 0; m <= 230; m++) {
    hub.clock.set(start + m * MIN);
    if (m % (m >= 30 && m < 90 ? 2 : 4) === 0) {
      const fieldId = issued++ % 3 === 2 ? 'dat-dai' : 'ho-tich';
      expect(run({ type: 'issue', fieldId, priorityClassId: null }).ok).toBe(true);
    }
    for (const c of counters) {
      if (m % c.every !== 0) continue;
      if (c.busy) expect(run({ type: 'finish', ...c.by }).ok).toBe(true);
      c.busy = run({ type: 'callNext', ...c.by }).ok;
      if (c.busy) expect(run({ type: 'start', ...c.by }).ok).toBe(true);
    }
  }
}

async function apiReport(hub: TestHub): Promise<Report> {
  const { token } = await hub.login('giamsat');
  const res = await fetch(`${hub.url}/api/reports?from=${DAY}&to=${DAY}&groupBy=field`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as Ack<Report>;
  if (!body.ok) throw new Error(JSON.stringify(body));
  return body.data;
}

const percentVi = (share: number | null) =>
  share === null
    ? '—'
    : new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(share);

describe('the reports page', () => {
  it('shows the accuracy per field and a field × hour table coloured by mean error', async () => {
    t = await startTestHub({ serveApps: true, config: testConfig(2), counters: 2, now: START });
    const hub = t;
    morning(hub);
    const { estimateAccuracy: a } = await apiReport(hub);
    expect(a.total.tickets).toBeGreaterThan(30);
    expect(new Set(a.byFieldHour.map((c) => c.hour)).size).toBeGreaterThanOrEqual(4);

    const { page, errors } = await openPage(browser, `${hub.url}/admin/bao-cao`, {
      width: 1366,
      height: 900,
    });
    await signIn(page, 'giamsat');
    const panel = page.locator('[data-testid=estimate-accuracy]');
    await panel.waitFor();
    expect(await panel.locator('h2').textContent()).toBe(MA.title);
    // Per field and in total: the report's figures, as a supervisor reads them.
    for (const f of [
      ...a.byField.map((x) => ({ key: x.fieldId, a: x.accuracy })),
      { key: 'total', a: a.total },
    ]) {
      const row = panel.locator(`tr[data-key="${f.key}"]`).first();
      expect(await row.locator('[data-cell=tickets]').textContent()).toBe(String(f.a.tickets));
      expect(await row.locator('[data-cell=mae]').textContent()).toBe(MA.minutes(f.a.maeMinutes));
      expect(await row.locator('[data-cell=within5]').textContent()).toBe(
        percentVi(f.a.within5MinShare),
      );
      expect(await row.locator('[data-cell=within20]').textContent()).toBe(
        percentVi(f.a.within20PctShare),
      );
    }
    // Each field × hour cell: its mean error, coloured by its level.
    const grid = panel.locator('[data-testid=accuracy-grid]');
    for (const c of a.byFieldHour) {
      const cell = grid.locator(`tr[data-key="${c.fieldId}"] td[data-hour="${c.hour}"]`);
      expect(await cell.textContent()).toBe(MA.minutes(c.accuracy.maeMinutes));
      expect(await cell.getAttribute('class')).toContain(`mae-${maeLevel(c.accuracy.maeMinutes!)}`);
    }
    // The rush (08:00–09:00) is where the promises missed most: not all cells look alike.
    const levels = new Set(a.byFieldHour.map((c) => maeLevel(c.accuracy.maeMinutes!)));
    expect(levels.size).toBeGreaterThan(1);
    await shot(page, 'report', 'estimate-accuracy.png');
    expect(errors).toEqual([]);
  });
});

describe('the dashboard', () => {
  it('says no ticket is measured yet, then shows today per field', async () => {
    t = await startTestHub({ serveApps: true, config: testConfig(2), counters: 2, now: START });
    const hub = t;
    const { page, errors } = await openPage(browser, `${hub.url}/admin/`, {
      width: 1366,
      height: 900,
    });
    await signIn(page, 'giamsat');
    await page.waitForSelector('[data-testid=dashboard]');
    const panel = page.locator('[data-testid=estimate-accuracy]');
    await page.locator('[data-testid=accuracy-empty]').waitFor();
    expect(await panel.locator('h2').textContent()).toBe(MA.todayTitle);
    await shot(page, 'dashboard-empty', null);

    await page.context().close();

    // Four hours on the hub's clock later (the first session has long been idle: sign in again).
    morning(hub);
    const { estimateAccuracy: a } = await apiReport(hub);
    const later = await openPage(browser, `${hub.url}/admin/`, { width: 1366, height: 900 });
    await signIn(later.page, 'giamsat');
    await later.page.waitForSelector('[data-testid=dashboard]');
    const panel2 = later.page.locator('[data-testid=estimate-accuracy]');
    const total = panel2.locator('tr[data-key=total]');
    await total.waitFor();
    expect(await total.locator('[data-cell=tickets]').textContent()).toBe(String(a.total.tickets));
    expect(await total.locator('[data-cell=mae]').textContent()).toBe(
      MA.minutes(a.total.maeMinutes),
    );
    // The dashboard keeps to the fields: no field × hour table there.
    expect(await panel2.locator('[data-testid=accuracy-grid]').count()).toBe(0);
    await shot(later.page, 'dashboard', 'estimate-accuracy-dashboard.png');
    expect([...errors, ...later.errors]).toEqual([]);
  });
});
