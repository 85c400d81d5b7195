// The calendar end to end: an admin adds a holiday for today on the "Lịch làm việc" page of a
// real hub; the kiosk (built renderer, bridge stubbed) and the lobby board close the fields at
// once and say when issuing reopens, and the hub issues nothing.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, request, startTestHub, type TestHub } from '@luot/hub/testing';
import { openKiosk, startPrinterRig, type PrinterRig } from './kiosk-harness.ts';

/** Where screenshots go when asked for (`LUOT_SHOTS_DIR`); unset: none. */
const SHOTS = process.env.LUOT_SHOTS_DIR;

let hub: TestHub;
let rig: PrinterRig;
let browser: Browser;

beforeAll(async () => {
  // Monday 23/11/2026, 09:00: both fields issue.
  hub = await startTestHub({ serveApps: true });
  rig = await startPrinterRig();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
  await hub?.close();
});

describe('a holiday added for today', () => {
  it('closes the kiosk tiles and the board’s fields with "Nghỉ lễ … — Mở lại thứ Năm 07:30"', async () => {
    const { page: kiosk, errors } = await openKiosk(browser, rig, {
      hubUrl: hub.url,
      token: hub.tokens.kiosk!,
    });
    await kiosk.waitForSelector('[data-field="ho-tich"][data-state="open"]');
    const board = await openPage(browser, `${hub.url}/display/lobby?token=${hub.tokens.display}`, {
      width: 1920,
      height: 1080,
    });
    await board.page.waitForSelector('[data-testid="waiting-ho-tich"]');
    expect(await board.page.locator('[data-testid="reopening-ho-tich"]').count()).toBe(0);

    // The admin adds Monday to Wednesday as a holiday and saves.
    const admin = await openPage(browser, `${hub.url}/admin/lich-lam-viec`);
    await admin.page.fill('input[name=username]', 'admin');
    await admin.page.fill('input[name=password]', 'mat-khau-thu');
    await admin.page.click('button[type=submit]');
    await admin.page.waitForSelector('[data-testid=calendar-page]');
    await admin.page.fill('input[name=holiday-from]', '2026-11-23');
    await admin.page.fill('input[name=holiday-to]', '2026-11-25');
    await admin.page.fill('input[name=holiday-name]', 'Quốc khánh');
    await admin.page.click('[data-testid=add-holiday]');
    await admin.page.click('[data-testid=save-config]');
    await expect.poll(() => admin.page.textContent('[role=status]')).toContain('Đã lưu');

    // No counter is open and no field issues today: the kiosk and the board give way to the
    // day-off screen, which says when issuing reopens.
    const line = 'Nghỉ lễ Quốc khánh — Mở lại thứ Năm 07:30';
    await expect.poll(() => kiosk.getByTestId('end-of-day-reopening').textContent()).toBe(line);
    expect(await kiosk.locator('.end-of-day-title').textContent()).toBe(
      'Hôm nay không cấp số thứ tự',
    );
    // The end-of-day text speaks of numbers not served; nobody holds one on a day off.
    expect(await kiosk.locator('.end-of-day-message').count()).toBe(0);
    await expect
      .poll(() => board.page.getByTestId('end-of-day-reopening').textContent())
      .toBe(line);

    // A clerk opens a counter (to serve appointments, say): the fields are back, each closed
    // with the reopening.
    const clerk = await hub.login('cb1', 'c1');
    const { socket: clerkSocket } = await hub.connectReady(clerk.token);
    const tile = kiosk.locator('[data-field="ho-tich"]');
    await expect.poll(() => tile.getAttribute('data-state')).toBe('closed');
    expect(await tile.getByTestId('reopening').textContent()).toBe(line);
    expect(await kiosk.locator('[data-field="dat-dai"]').getAttribute('data-state')).toBe('closed');
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await kiosk.screenshot({ path: `${SHOTS}/calendar-kiosk-closed.png` });
    }
    await tile.click();
    expect(await kiosk.getByTestId('closed-dialog').textContent()).toContain(`${line}.`);
    expect(await kiosk.getByTestId('take-number').count()).toBe(0);

    // The board says it under each field.
    await expect.poll(() => board.page.textContent('[data-testid="reopening-ho-tich"]')).toBe(line);
    if (SHOTS) await board.page.screenshot({ path: `${SHOTS}/calendar-board-closed.png` });
    clerkSocket.close();

    // And the hub, asked directly, issues nothing.
    const { socket } = await hub.connectReady(hub.tokens.kiosk!);
    const refused = await request(socket, 'ticket:issue', { fieldId: 'ho-tich' });
    expect(!refused.ok && refused.error.code).toBe('OUTSIDE_HOURS');
    expect(Object.values(hub.hub.queue.live.tickets)).toEqual([]);
    socket.close();
    expect(errors).toEqual([]);
    expect(board.errors).toEqual([]);
  });
});
