// The supervisor's actions on the live dashboard, in Chromium against a real hub (the built
// admin app served by the hub, real sockets, a real SQLite file).
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
  await page.waitForSelector('[data-testid=dashboard]');
}

/** Opens a counter row's menu and one of its actions. */
async function counterAction(page: Page, counterId: string, action: string) {
  await page.click(`[data-testid=counter-actions-${counterId}] summary`);
  await page.click(`[data-testid=counter-actions-${counterId}] >> text=${action}`);
  await page.waitForSelector('[data-testid=supervise-dialog]');
}

/** Fills the open dialog's reason (and target) and confirms. */
async function confirm(page: Page, reason: string, target?: string) {
  if (target) await page.selectOption('[data-testid=move-target]', target);
  await page.fill('[data-testid=supervise-reason]', reason);
  await page.click('[data-testid=supervise-confirm]');
}

const dialogOpen = (page: Page) => page.isVisible('[data-testid=supervise-dialog]');
const row = (page: Page, label: string) =>
  page.locator(`.waiting-table tr[data-ticket="${label}"]`);

describe('supervisor actions on the dashboard', () => {
  it('releases a counter left with a called ticket so another clerk can open it; moves and cancels tickets; shows a refusal', async () => {
    t = await startTestHub({ serveApps: true, hub: { sweepIntervalMs: 3_600_000 } });
    const hub = t;
    const { socket: kiosk } = await hub.connectReady(hub.tokens.kiosk!);
    for (const fieldId of ['ho-tich', 'ho-tich', 'dat-dai']) {
      hub.clock.advance(3_000);
      const res = await request(kiosk, 'ticket:issue', { fieldId });
      expect(res.ok).toBe(true);
    }
    const { socket: cb1 } = await hub.connectReady((await hub.login('cb1', 'c1')).token);
    expect((await request(cb1, 'counter:callNext', {})).ok).toBe(true);
    // The clerk leaves; another clerk cannot take the counter.
    cb1.close();
    await expect(hub.login('cb2', 'c1')).rejects.toThrow(/COUNTER_BUSY/);

    const { page, errors } = await openPage(browser, `${hub.url}/admin/`);
    await signIn(page, 'giamsat');
    const c1 = page.locator('tr[data-counter=c1]');
    await expect.poll(() => c1.textContent()).toContain('1001');

    // The row's menu closes with Esc and with a click elsewhere.
    const menu = page.locator('[data-testid=counter-actions-c1]');
    await menu.locator('summary').click();
    expect(await menu.getAttribute('open')).not.toBeNull();
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('open')).toBeNull();
    await menu.locator('summary').click();
    await page.click('h1');
    expect(await menu.getAttribute('open')).toBeNull();

    // Closing a counter that holds a ticket is refused, in Vietnamese; the dialog stays open.
    await counterAction(page, 'c1', 'Đóng quầy');
    await confirm(page, 'Hết ca làm việc');
    await expect
      .poll(() => page.textContent('[data-testid=supervise-error]'))
      .toBe('Quầy 1 đang phục vụ số 1001; hãy giải phóng quầy trước.');
    expect(await dialogOpen(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialogOpen(page)).toBe(false);
    // Opened again, it starts clean.
    await counterAction(page, 'c1', 'Đóng quầy');
    expect(await page.isVisible('[data-testid=supervise-error]')).toBe(false);
    await page.click('text=Quay lại');

    // Release: 1001 goes back to waiting, first in line; the counter closes.
    await counterAction(page, 'c1', 'Giải phóng quầy');
    expect(await page.textContent('[data-testid=supervise-dialog]')).toContain(
      'Số 1001 đang được gọi ở Quầy 1 sẽ trở lại hàng chờ',
    );
    await confirm(page, 'Cán bộ vắng đột xuất');
    await expect.poll(() => dialogOpen(page)).toBe(false);
    await expect
      .poll(() => page.textContent('[data-testid=supervise-notice]'))
      .toBe('Đã giải phóng Quầy 1.');
    await expect.poll(() => c1.getAttribute('data-status')).toBe('closed');
    await expect
      .poll(() => page.locator('.waiting-table tbody tr').first().getAttribute('data-ticket'))
      .toBe('1001');

    // Another clerk opens the counter and is given 1001 again.
    const { socket: cb2 } = await hub.connectReady((await hub.login('cb2', 'c1')).token);
    const again = await request(cb2, 'counter:callNext', {});
    expect(again.ok && again.data.label).toBe('1001');
    await expect.poll(() => c1.textContent()).toContain('Cán bộ 2');

    // Move 1002 to Đất đai: it keeps its place (taken before A001).
    await row(page, '1002').locator('text=Chuyển số').click();
    await page.waitForSelector('[data-testid=supervise-dialog]');
    const targets = await page.locator('[data-testid=move-target] option').allTextContents();
    expect(targets).toContain('Đất đai');
    expect(targets).not.toContain('Tư pháp – Hộ tịch');
    await confirm(page, 'Công dân chọn nhầm lĩnh vực', 'field:dat-dai');
    await expect.poll(() => dialogOpen(page)).toBe(false);
    await expect.poll(() => row(page, '1002').textContent()).toContain('Đất đai');
    expect(
      hub.hub.queue.live.tickets[
        Object.values(hub.hub.queue.live.tickets).find((x) => x.label === '1002')!.id
      ]?.fieldId,
    ).toBe('dat-dai');

    // Cancel A001: it leaves the list.
    await row(page, 'A001').locator('text=Huỷ số').click();
    await page.waitForSelector('[data-testid=supervise-dialog]');
    // A reason is required.
    await page.click('[data-testid=supervise-confirm]');
    expect(await dialogOpen(page)).toBe(true);
    await confirm(page, 'Công dân ra về');
    await expect.poll(() => row(page, 'A001').count()).toBe(0);
    const a001 = Object.values(hub.hub.queue.live.tickets).find((x) => x.label === 'A001');
    expect(a001?.status).toBe('cancelled');

    // Each action is in the audit trail with its reason (read by an admin).
    const admin = await hub.login('admin');
    const audit = (await (
      await fetch(`${hub.url}/api/admin/audit?limit=20`, {
        headers: { authorization: `Bearer ${admin.token}` },
      })
    ).json()) as { data: { action: string; detail: { reason?: string } }[] };
    const ours = audit.data.filter((e) => !e.action.startsWith('auth.'));
    expect(ours.map((e) => [e.action, e.detail.reason])).toEqual([
      ['ticket.cancel', 'Công dân ra về'],
      ['ticket.move', 'Công dân chọn nhầm lĩnh vực'],
      ['counter.release', 'Cán bộ vắng đột xuất'],
    ]);
    expect(errors).toEqual([]);
  });
});

// The screenshot for the README: run with LUOT_SHOTS_DIR=/path (skipped otherwise).
const shots = process.env.LUOT_SHOTS_DIR;
describe.skipIf(!shots)('screenshot', () => {
  it('the dashboard with the release dialog open', async () => {
    mkdirSync(shots!, { recursive: true });
    t = await startTestHub({
      counters: 8,
      serveApps: true,
      config: centreConfig(),
      now: MONDAY_9AM,
    });
    simulate(t, { days: [0], until: 9 * 60 + 20, perDay: 170, closedToday: ['c6'] });
    const current = t.hub.queue.live.counters.c3!;
    expect(current.currentTicketId).not.toBeNull();
    const { page } = await openPage(browser, `${t.url}/admin/`, { width: 1440, height: 1000 });
    await signIn(page, 'giamsat');
    await counterAction(page, 'c3', 'Giải phóng quầy');
    await page.fill('[data-testid=supervise-reason]', 'Cán bộ vắng đột xuất, quầy còn giữ số');
    await page.screenshot({ path: `${shots}/supervise-dashboard-actions.png` });
    await page.click('text=Quay lại');
    await page.click('.waiting-table tbody tr >> nth=0 >> text=Chuyển số');
    await page.selectOption('[data-testid=move-target]', { index: 1 });
    await page.fill('[data-testid=supervise-reason]', 'Công dân chọn nhầm lĩnh vực');
    await page.screenshot({ path: `${shots}/supervise-move-dialog.png` });
  }, 240_000);
});
