// The supervisor's figures in Chromium against a real hub: the dashboard's alarms (badge, one
// beep per new alarm, mute remembered), the device panel's order and never-connected devices,
// and the report's line for citizens not served.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  launchChromium,
  MONDAY_9AM,
  openPage,
  request,
  startTestHub,
  testConfig,
  type TestHub,
} from '@luot/hub/testing';

const MIN = 60_000;
const SHOTS = process.env.LUOT_SHOTS_DIR ?? join(tmpdir(), 'luot-shots');

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

/** Counts the tones the page starts (Web Audio oscillators), so a test hears the beeps. */
async function listenForBeeps(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { beeps: number };
    w.beeps = 0;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
      w.beeps++;
      return start.call(this, when);
    };
  });
  return () => page.evaluate(() => (window as unknown as { beeps: number }).beeps);
}

async function shot(page: Page, name: string) {
  if (process.env.LUOT_SHOTS !== '1') return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/figures-${name}.png`, fullPage: true });
}

describe('dashboard alarms', () => {
  it('shows a badge and beeps once when a called ticket is not started after N minutes', async () => {
    const config = testConfig(11);
    config.fields[1]!.targetWaitMinutes = 3; // dat-dai
    config.alerts = { calledNotStartedMinutes: 4 };
    t = await startTestHub({ counters: 11, serveApps: true, config });
    const hub = t;
    const { socket: kiosk } = await hub.connectReady(hub.tokens.kiosk!);
    expect((await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' })).ok).toBe(true);
    const clerk = await hub.login('cb1', 'c1');
    const { socket: counter } = await hub.connectReady(clerk.token);
    const called = await request(counter, 'counter:callNext', {});
    expect(called.ok).toBe(true);

    const { page, errors } = await openPage(browser, `${hub.url}/admin/`);
    await signIn(page, 'giamsat');
    await page.waitForSelector('[data-testid=dashboard]');
    const beeps = await listenForBeeps(page);
    const badge = page.locator('[data-testid=alarm-badge]');
    expect(await badge.getAttribute('data-level')).toBe('ok');
    expect(await badge.textContent()).toContain('Không có cảnh báo');

    // 3 minutes after the call: not yet past the 4-minute limit.
    hub.clock.advance(3 * MIN);
    await expect
      .poll(() => page.textContent('[data-testid=hub-clock]'), { timeout: 15_000 })
      .toMatch(/^09:03:/);
    expect(await badge.getAttribute('data-level')).toBe('ok');
    expect(await beeps()).toBe(0);

    hub.clock.advance(MIN + 20_000);
    await expect.poll(() => badge.getAttribute('data-level'), { timeout: 15_000 }).toBe('alarm');
    expect(await page.textContent('[data-testid=alarm-count]')).toBe('⚠ 1 cảnh báo');
    expect(await badge.locator('li').textContent()).toMatch(
      /^Quầy 1: số 1001 đã gọi 4 phút \d+ giây mà chưa bắt đầu phục vụ$/,
    );
    await expect.poll(beeps).toBe(2); // one alarm: one beep of two tones
    // The alarm lasts: no second beep while the seconds run on.
    await page.waitForTimeout(2500);
    expect(await beeps()).toBe(2);

    // A second alarm: a field's longest wait past its 3-minute target.
    expect((await request(kiosk, 'ticket:issue', { fieldId: 'dat-dai' })).ok).toBe(true);
    hub.clock.advance(3 * MIN + 10_000);
    await expect
      .poll(() => page.textContent('[data-testid=alarm-count]'), { timeout: 15_000 })
      .toBe('⚠ 2 cảnh báo');
    expect(await badge.locator('li[data-alarm=waitOverTarget]').textContent()).toMatch(
      /^Đất đai: có người chờ 3 phút \d+ giây, quá mục tiêu 3 phút$/,
    );
    await expect.poll(beeps).toBe(4);
    await shot(page, 'dashboard-alarm');

    // Muted, the choice survives a reload, and a new alarm stays silent.
    await page.click('[data-testid=alarm-mute]');
    expect(await page.getAttribute('[data-testid=alarm-mute]', 'aria-pressed')).toBe('true');
    await page.reload();
    await page.waitForSelector('[data-testid=dashboard]');
    expect(await page.getAttribute('[data-testid=alarm-mute]', 'aria-pressed')).toBe('true');
    const beepsAfterReload = await listenForBeeps(page);
    const second = await hub.login('cb2', 'c2');
    const { socket: counter2 } = await hub.connectReady(second.token);
    expect((await request(counter2, 'counter:callNext', {})).ok).toBe(true);
    hub.clock.advance(5 * MIN);
    // Counter 2 called the citizen waiting in Đất đai and has not started either: a new alarm.
    await expect
      .poll(() => badge.locator('li[data-alarm=calledNotStarted]').allTextContents(), {
        timeout: 15_000,
      })
      .toEqual([expect.stringMatching(/^Quầy 1: /), expect.stringMatching(/^Quầy 2: /)]);
    await page.waitForTimeout(1500);
    expect(await beepsAfterReload()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('lets an admin change N in the admin app, and the hub keeps it', async () => {
    t = await startTestHub({ serveApps: true });
    const hub = t;
    const { page, errors } = await openPage(browser, `${hub.url}/admin/noi-dung`);
    await signIn(page, 'admin');
    const section = page.locator('[data-testid=alerts-section]');
    const input = section.getByLabel('Báo khi số đã gọi chưa bắt đầu phục vụ sau (phút)');
    expect(await input.inputValue()).toBe('5');
    await input.fill('8');
    await page.click('[data-testid=save-config]');
    await expect.poll(() => page.textContent('[role=status]')).toContain('Đã lưu');
    await expect.poll(() => hub.hub.queue.live.config.alerts.calledNotStartedMinutes).toBe(8);
    expect(errors).toEqual([]);
  });
});

describe('device panel', () => {
  it('lists devices 1, 2, 10, 11 and shows one never connected as neutral, not an alarm', async () => {
    t = await startTestHub({ counters: 11, serveApps: true });
    const hub = t;
    // sign2 is on, sign10 was on and went away; the other signs were never connected.
    await hub.connectReady(hub.tokens.sign2!);
    const { socket: gone } = await hub.connectReady(hub.tokens.sign10!);
    gone.disconnect();
    const { page, errors } = await openPage(browser, `${hub.url}/admin/`);
    await signIn(page, 'giamsat');
    await page.waitForSelector('[data-testid=dashboard]');
    const signs = page.locator('li.device[data-device^=sign]');
    await expect.poll(() => signs.count()).toBe(11);
    const order = await signs.evaluateAll((els) => els.map((e) => e.getAttribute('data-device')));
    expect(order).toEqual(Array.from({ length: 11 }, (_, i) => `sign${i + 1}`));
    const level = (id: string) => page.getAttribute(`li.device[data-device=${id}]`, 'data-level');
    await expect.poll(() => level('sign2')).toBe('ok');
    await expect.poll(() => level('sign10')).toBe('alarm');
    expect(await level('sign1')).toBe('never');
    expect(await page.textContent('li.device[data-device=sign1]')).toContain(
      'Chưa kết nối lần nào',
    );
    // Neutral: not the alarm's red background.
    const bg = await page.$eval(
      'li.device[data-device=sign1]',
      (el) => getComputedStyle(el).backgroundColor,
    );
    expect(bg).not.toBe('rgb(253, 228, 228)');
    expect(errors).toEqual([]);
  });
});

describe('report', () => {
  it('counts the citizens not served and the on-time share over everyone who took a number', async () => {
    t = await startTestHub({ serveApps: true, now: MONDAY_9AM });
    const hub = t;
    const run = (command: Parameters<typeof hub.hub.queue.submit>[0]) => {
      const result = hub.hub.queue.submit(command, { actor: 'test' });
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result;
    };
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const issued = run({ type: 'issue', fieldId: 'ho-tich', priorityClassId: null });
      const e = issued.events[0]!;
      if (e.type === 'ticket.issued') ids.push(e.ticket.id);
    }
    const by = { counterId: 'c1', clerkId: 'cb1' };
    run({ type: 'openCounter', ...by });
    // 1001 and 1002 are served within the target; 1003 is cancelled; 1004 is never called.
    for (let i = 0; i < 2; i++) {
      hub.clock.advance(MIN);
      run({ type: 'callNext', ...by });
      run({ type: 'start', ...by });
      hub.clock.advance(8 * MIN + 6_000);
      run({ type: 'finish', ...by });
    }
    run({ type: 'cancel', ticketId: ids[2]!, reason: 'In hỏng' });
    // The next morning 1004 has expired.
    hub.clock.set(MONDAY_9AM + 24 * 60 * MIN);
    await expect.poll(() => hub.hub.queue.live.day, { timeout: 10_000 }).toBe('2026-11-24');

    const { page, errors } = await openPage(browser, `${hub.url}/admin/bao-cao`);
    await signIn(page, 'giamsat');
    await page.waitForSelector('[data-testid=report]');
    const tile = (id: string) => page.textContent(`[data-testid=${id}]`);
    expect(await tile('tile-not-served')).toBe('Không được phục vụ2hết hạn 1 · đã hủy 1');
    expect(await tile('tile-on-time')).toMatch(
      /^Đúng hạn \(trên số người lấy số\)50\s?%2\/4 người lấy số · trên số đã phục vụ: 100\s?%$/,
    );
    const total = page.locator('tfoot tr');
    expect(await total.locator('td.not-served').textContent()).toBe('2');
    // Service time in words, not "08:06".
    expect(await page.textContent('.tiles')).toContain('8 phút 6 giây');
    await shot(page, 'report');
    expect(errors).toEqual([]);
  });
});
