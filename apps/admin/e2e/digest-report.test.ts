// The log's sealed days in the reports page (issue 17), in Chromium against a real hub whose
// clock is moved past two midnights: the panel lists each sealed day with the code the hub
// stored, a supervisor copies a code, and the report's CSV export carries the codes.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { digestCode } from '@luot/hub/chain';

/** 16:00 on Monday 2026-11-23, Asia/Ho_Chi_Minh; then past Tuesday's and Wednesday's midnights. */
const MONDAY_4PM = Date.parse('2026-11-23T09:00:00Z');
const TUESDAY_8AM = Date.parse('2026-11-24T01:00:00Z');
const WEDNESDAY_8AM = Date.parse('2026-11-25T01:00:00Z');
/** Screenshots for the README (docs/screenshots) when asked: LUOT_SHOTS_DIR. */
const SHOTS = process.env.LUOT_SHOTS_DIR;
const BRIEF_SHOTS = '/work/briefs/out/shots';

let browser: Browser;
let t: TestHub;
beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub({ serveApps: true, counters: 2, now: MONDAY_4PM });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

function submit(command: Parameters<TestHub['hub']['queue']['submit']>[0]) {
  const result = t.hub.queue.submit(command, { actor: 'test' });
  if (!result.ok) throw new Error(`${command.type}: ${result.error.code}`);
}

/** A day's service: `n` tickets issued, the first one served at counter 1. */
function serve(n: number) {
  const by = { counterId: 'c1', clerkId: 'cb1' };
  for (let i = 0; i < n; i++) submit({ type: 'issue', fieldId: 'ho-tich', priorityClassId: null });
  submit({ type: 'openCounter', ...by });
  submit({ type: 'callNext', ...by });
  submit({ type: 'start', ...by });
  t.clock.advance(5 * 60_000);
  submit({ type: 'finish', ...by });
}

async function signIn(page: Page) {
  await page.fill('input[name=username]', 'giamsat');
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
}

it('lists the sealed days with their codes, copies one, and exports them with the report', async () => {
  serve(5);
  t.clock.set(TUESDAY_8AM);
  await expect.poll(() => t.store.chainDigests('2026-11-23', '2026-11-23').length).toBe(1);
  serve(3);
  t.clock.set(WEDNESDAY_8AM);
  await expect.poll(() => t.store.chainDigests('2026-11-24', '2026-11-24').length).toBe(1);
  const sealed = t.store.chainDigests('2026-11-01', '2026-11-30');
  expect(sealed.map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24']);

  const { page, errors } = await openPage(browser, `${t.url}/admin/`, {
    width: 1366,
    height: 1000,
  });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
  await signIn(page);
  await page.click('nav >> text=Báo cáo');
  const panel = page.locator('[data-testid=digest-table]');
  await panel.waitFor();
  expect(await panel.locator('h2').textContent()).toBe('Mã kiểm chứng nhật ký');
  for (const d of sealed) {
    const row = panel.locator(`tr[data-day="${d.day}"]`);
    expect(await row.locator('[data-testid=digest-code]').textContent()).toBe(digestCode(d.digest));
  }
  // Tuesday's row counts the events its part of the chain adds after Monday's seal.
  const tuesday = sealed[1]!;
  expect(await panel.locator('tr[data-day="2026-11-24"] td.num').first().textContent()).toBe(
    String(tuesday.eventsSeq - sealed[0]!.eventsSeq),
  );

  // A supervisor copies Monday's code.
  const monday = panel.locator('tr[data-day="2026-11-23"]');
  await monday.getByRole('button', { name: 'Sao chép' }).click();
  await expect.poll(() => monday.getByRole('button').textContent()).toBe('Đã sao chép');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sealed[0]!.code);

  for (const dir of [SHOTS, BRIEF_SHOTS].filter(Boolean) as string[]) {
    mkdirSync(dir, { recursive: true });
    await panel.screenshot({ path: join(dir, 'chain-digest-report.png') });
  }

  // The report's CSV export carries the codes in its own section.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải CSV' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('Mã kiểm chứng nhật ký');
  for (const d of sealed) expect(csv).toContain(d.code);
  expect(errors).toEqual([]);
});
