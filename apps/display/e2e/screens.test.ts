// The citizen screens with a busy centre's data, checked for fit and saved as screenshots.
// Screenshots go to .tmp/screenshots; `pnpm --filter @luot/display screenshots` writes the
// ones committed under docs/screenshots.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  launchChromium,
  openPage,
  startTestHub,
  testConfig,
  type TestHub,
} from '@luot/hub/testing';
import { act, clerkAt, followRealTime, kiosk, text } from './support.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = resolve(ROOT, process.env.LUOT_SHOTS_DIR ?? '.tmp/screenshots');

const FIELDS = [
  ['ho-tich', 'Tư pháp – Hộ tịch', ''],
  ['dat-dai', 'Đất đai', 'A'],
  ['kinh-doanh', 'Đăng ký kinh doanh', 'B'],
  ['xay-dung', 'Xây dựng', 'C'],
  ['lao-dong', 'Lao động – Thương binh và Xã hội', 'D'],
  ['giao-thong', 'Giao thông vận tải', 'E'],
] as const;

/** Which fields each of the 12 counters serves. */
const SERVES = [
  ['ho-tich'],
  ['ho-tich'],
  ['dat-dai'],
  ['dat-dai'],
  ['dat-dai', 'xay-dung'],
  ['kinh-doanh'],
  ['kinh-doanh'],
  ['xay-dung'],
  ['lao-dong'],
  ['giao-thong'],
  ['lao-dong', 'giao-thong'],
  ['ho-tich', 'dat-dai', 'kinh-doanh', 'xay-dung', 'lao-dong', 'giao-thong'],
];

function centreConfig() {
  return testConfig(12, {
    site: {
      name: 'Trung tâm Phục vụ Hành chính công tỉnh Bắc Ninh',
      timeZone: 'Asia/Ho_Chi_Minh',
      notice:
        'Quý khách vui lòng giữ phiếu và theo dõi màn hình. Khi được mời, xin mang theo giấy tờ đến đúng quầy. Trung tâm làm việc từ thứ Hai đến thứ Sáu, sáng 7:30–11:30, chiều 13:30–17:00.',
    },
    fields: FIELDS.map(([id, name, prefix]) => ({
      id,
      name,
      numbering: prefix ? { prefix, start: 1, digits: 3 } : { start: 1001, digits: 4 },
      sessions: [{ from: '07:30', to: '17:00' }],
    })),
    counters: SERVES.map((fieldIds, i) => ({
      id: `c${i + 1}`,
      number: i + 1,
      name: `Quầy ${i + 1}`,
      fieldIds: [...fieldIds],
    })),
  });
}

let t: TestHub;
let browser: Browser;
let clock: ReturnType<typeof followRealTime>;
const paths = new Map<string, string>();
const clerks = new Map<number, Awaited<ReturnType<typeof clerkAt>>>();
beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  t = await startTestHub({ serveApps: true, counters: 12, config: centreConfig() });
  clock = followRealTime(t);
  browser = await launchChromium();

  // A busy morning: tickets in every field, most counters calling or serving.
  const k = await kiosk(t);
  const waitingPerField = [14, 23, 8, 5, 11, 3];
  for (const [i, [fieldId]] of FIELDS.entries())
    for (let n = 0; n < waitingPerField[i]! + 4; n++) {
      const issued = await k.issue(fieldId);
      paths.set(issued.label, issued.path);
    }
  for (let n = 1; n <= 10; n++) {
    const clerk = await clerkAt(t, n);
    clerks.set(n, clerk);
    if (n === 6) {
      await act(clerk, 'counter:pause', { reason: 'Họp giao ban' });
      continue;
    }
    if (n === 10) continue; // open, nothing called yet
    await act(clerk, 'counter:callNext', {});
    if (n % 3 !== 0) await act(clerk, 'counter:start', {});
  }
  // Counters 11 and 12 stay closed. The morning goes on: those calls are minutes old now.
  clock.skip(7 * 60_000);
});
afterAll(async () => {
  clock?.stop();
  await browser?.close();
  await t?.close();
});

/** Every element whose text is cut off or spills out of its tile. */
function overflowing(page: Page, selector: string) {
  return page.$$eval(selector, (els) =>
    els
      .filter((e) => {
        const box = (e.closest('.tile') ?? document.body).getBoundingClientRect();
        const r = e.getBoundingClientRect();
        const outside =
          r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
        return outside || e.scrollWidth > e.clientWidth + 1;
      })
      .map((e) => `${e.className}: ${e.textContent}`),
  );
}

it('lobby board at 1920×1080 with 12 counters', async () => {
  const { page, errors } = await openPage(
    browser,
    `${t.url}/display/lobby?token=${t.tokens.display}`,
    { width: 1920, height: 1080 },
  );
  await page.waitForSelector('[data-counter="c12"]');
  await page.evaluate(() => document.fonts.ready);
  expect(await page.$$eval('.tile', (els) => els.length)).toBe(12);
  expect(await text(page, '[data-counter="c6"] .tile__state')).toBe('Tạm dừng');
  expect(await text(page, '[data-counter="c11"] .tile__state')).toBe('Đóng');
  expect(await text(page, '[data-testid="waiting-dat-dai"]')).toBe('24');
  // Ticket numbers and counter numbers fit their tiles; the page does not scroll.
  expect(await overflowing(page, '.tile__ticket, .tile__counter-number, .tile__state')).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
    1080,
  );
  // Ticket numbers are at least 90 px tall (~6 cm on a 55″ TV: readable from 10 m).
  const heights = await page.$$eval('.tile__ticket', (els) =>
    els.map((e) => parseFloat(getComputedStyle(e).fontSize)),
  );
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(90);

  // A call makes counter 9's ticket the newest: it blinks and tops the latest calls.
  await act(clerks.get(9)!, 'counter:noShow', {});
  await act(clerks.get(9)!, 'counter:callNext', {});
  await expect.poll(() => page.getAttribute('[data-counter="c9"]', 'data-fresh')).toBe('true');
  expect(await text(page, '[data-testid="latest-calls"] li:first-child .calls__counter')).toBe(
    'Quầy 9',
  );
  await page.screenshot({ path: join(OUT, 'lobby-board.png') });
  expect(errors).toEqual([]);
});

it('phone ticket page at 390×844', async () => {
  const { page, errors } = await openPage(browser, `${t.url}${paths.get('1010')}`, {
    width: 390,
    height: 844,
  });
  await page.waitForSelector('[data-testid="phone-ahead"]');
  await page.evaluate(() => document.fonts.ready);
  expect(await text(page, '[data-testid="phone-label"]')).toBe('1010');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: join(OUT, 'phone-ticket.png') });

  // The same page when the citizen is called: the counter, large.
  const { page: called } = await openPage(browser, `${t.url}${paths.get('1003')}`, {
    width: 390,
    height: 844,
  });
  await called.waitForSelector('[data-testid="phone-ahead"]');
  await act(clerks.get(1)!, 'counter:callNext', {});
  await expect.poll(() => text(called, '[data-testid="phone-counter"]')).toBe('Quầy số 1');
  await called.evaluate(() => document.fonts.ready);
  expect(await called.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    390,
  );
  await called.screenshot({ path: join(OUT, 'phone-ticket-called.png') });
  expect(errors).toEqual([]);
});

it('counter sign', async () => {
  const { page, errors } = await openPage(
    browser,
    `${t.url}/display/sign?token=${t.tokens.sign2}`,
    { width: 1280, height: 720 },
  );
  await page.waitForSelector('[data-testid="ticket-c2"]');
  await page.evaluate(() => document.fonts.ready);
  expect(await overflowing(page, '.tile__ticket, .tile__counter-number')).toEqual([]);
  await page.screenshot({ path: join(OUT, 'counter-sign.png') });
  expect(errors).toEqual([]);
});
