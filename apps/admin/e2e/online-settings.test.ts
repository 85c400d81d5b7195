// A field's "Trực tuyến" settings and the site's "Công dân trực tuyến" limits, in Chromium
// against a real hub: changed, saved, applied to the hub's live configuration, shown again
// after a reload. LUOT_SHOTS_DIR=dir keeps screenshots of both.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';

const SHOTS = process.env.LUOT_SHOTS_DIR;
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

async function openField(page: Page) {
  await page.click('nav >> text=Lĩnh vực');
  await page.click('tr[data-field=ho-tich]');
  await page.waitForSelector('[data-testid=online-settings]');
  return page.locator('[data-testid=online-settings]');
}

const BOOKING = [
  ['Độ dài mỗi khung giờ (phút)', '20'],
  ['Số người mỗi khung giờ', '3'],
  ['Đặt trước tối đa (ngày)', '5'],
  ['Xác nhận sớm nhất trước giờ hẹn (phút)', '10'],
  ['Giữ lịch sau giờ hẹn (phút)', '5'],
] as const;

it('an admin turns on remote numbers that must check in and bookings for a field, saves, reloads and sees them', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/`, {
    width: 1366,
    height: 1100,
  });
  await signIn(page);
  let online = await openField(page);
  expect(await online.locator('select[name=online-remote]').inputValue()).toBe('off');
  // Booking numbers show only once bookings are on.
  expect(await online.getByLabel(BOOKING[0][0]).count()).toBe(0);

  await online
    .locator('select[name=online-remote]')
    .selectOption({ label: 'Cho lấy số, phải xác nhận có mặt tại ki-ốt mới được gọi' });
  await online.getByLabel('Nhận đặt lịch hẹn theo khung giờ').check();
  for (const [label, value] of BOOKING) await online.getByLabel(label).fill(value);
  await page.click('[data-testid=save-config]');
  await expect.poll(() => page.textContent('[role=status]')).toContain('Đã lưu');
  expect(t.hub.queue.live.config.fields.find((f) => f.id === 'ho-tich')!.online).toEqual({
    remote: 'check-in',
    booking: {
      enabled: true,
      slotMinutes: 20,
      capacity: 3,
      daysAhead: 5,
      earlyMinutes: 10,
      graceMinutes: 5,
    },
  });

  await page.reload();
  online = await openField(page);
  expect(await online.locator('select[name=online-remote]').inputValue()).toBe('check-in');
  expect(await online.getByLabel('Nhận đặt lịch hẹn theo khung giờ').isChecked()).toBe(true);
  for (const [label, value] of BOOKING)
    expect(await online.getByLabel(label).inputValue()).toBe(value);
  expect(await page.textContent('tr[data-field=ho-tich] [data-testid=online-summary]')).toBe(
    'Lấy số (xác nhận) · Đặt lịch',
  );
  expect(await page.textContent('tr[data-field=dat-dai] [data-testid=online-summary]')).toBe('—');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/lobby-admin-field.png`, fullPage: true });

  // A slot of 2 minutes is refused, with the setting named in Vietnamese; nothing changes.
  await online.getByLabel(BOOKING[0][0]).fill('2');
  await page.click('[data-testid=save-config]');
  await expect
    .poll(() => page.textContent('[data-testid=config-issues]'))
    .toContain(
      'Lĩnh vực "Tư pháp – Hộ tịch" › Trực tuyến › Đặt lịch hẹn › Độ dài khung giờ (phút): phải từ 5 trở lên.',
    );
  expect(t.hub.queue.live.config.fields[0]!.online.booking.slotMinutes).toBe(20);
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
});

it("an admin sets the site's limits per phone and the bookings called in a row", async () => {
  const { page } = await openPage(browser, `${t.url}/admin/`, { width: 1366, height: 1400 });
  await signIn(page);
  const values = [
    ['Số lần lấy số mỗi ngày cho một số điện thoại', '3'],
    ['Số lịch hẹn chưa dùng tối đa cho một số điện thoại', '1'],
    ['Số lịch hẹn được gọi liên tiếp khi còn người lấy số tại chỗ chờ', '4'],
    ['Nhắn tin “sắp đến lượt” khi còn số người phía trước', '5'],
  ] as const;
  await page.click('nav >> text=Trung tâm và địa chỉ');
  const section = page.locator('[data-testid=citizens-section]');
  await section.waitFor();
  expect(await section.getByLabel(values[0][0]).inputValue()).toBe('2');
  for (const [label, value] of values) await section.getByLabel(label).fill(value);
  await page.click('[data-testid=save-config]');
  await expect.poll(() => page.textContent('[role=status]')).toContain('Đã lưu');
  expect(t.hub.queue.live.config.citizens).toEqual({
    numbersPerDay: 3,
    openBookings: 1,
    bookingMaxStreak: 4,
    nearTurnAhead: 5,
  });

  await page.reload();
  await page.click('nav >> text=Trung tâm và địa chỉ');
  await section.waitFor();
  for (const [label, value] of values)
    expect(await section.getByLabel(label).inputValue()).toBe(value);
  if (SHOTS) await section.screenshot({ path: `${SHOTS}/lobby-admin-site.png` });
});

it('shows the report split by origin, with the share of bookings that came', async () => {
  const MIN = 60_000;
  const start = t.clock.now();
  const run = (command: Parameters<TestHub['hub']['queue']['submit']>[0]) => {
    const result = t.hub.queue.submit(command, { actor: 'test' });
    if (!result.ok) throw new Error(`${command.type}: ${result.error.code}`);
  };
  const c1 = { counterId: 'c1', clerkId: 'cb1' };
  const issue = { type: 'issue', fieldId: 'ho-tich', priorityClassId: null } as const;
  run(issue);
  run({ ...issue, origin: 'booking', slotAt: start + 5 * MIN });
  t.clock.advance(2 * MIN);
  run({ ...issue, origin: 'remote' }); // ho-tich must check in (first test)
  run({ type: 'arrive', ticketId: Object.values(t.hub.queue.live.tickets).at(-1)!.id });
  run({ type: 'openCounter', ...c1 });
  for (let i = 0; i < 3; i++) {
    t.clock.advance(6 * MIN);
    run({ type: 'callNext', ...c1 });
    run({ type: 'start', ...c1 });
    t.clock.advance(4 * MIN);
    run({ type: 'finish', ...c1 });
  }
  const { page } = await openPage(browser, `${t.url}/admin/`, { width: 1366, height: 900 });
  await signIn(page);
  await page.click('nav >> text=Báo cáo');
  const table = page.locator('[data-testid=origin-table]');
  await table.waitFor();
  const cell = (key: string, name: string) =>
    table.locator(`tr[data-key="${key}"] [data-cell="${name}"]`).textContent();
  expect(await cell('ho-tich', 'booking-issued')).toBe('1');
  expect(await cell('ho-tich', 'remote-issued')).toBe('1');
  expect(await cell('ho-tich', 'walk-in-issued')).toBe('1');
  if (SHOTS) await table.screenshot({ path: `${SHOTS}/lobby-report-origins.png` });
});
