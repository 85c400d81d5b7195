// The admin app in Chromium against a real hub (built app served by the hub, real sockets).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fieldAvailability } from '@luot/domain';
import { connectHub, createQueueMirror, type MirrorView } from '@luot/hub-client';
import {
  launchChromium,
  openPage,
  request,
  startTestHub,
  testConfig,
  type TestHub,
} from '@luot/hub/testing';

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

async function signIn(page: Page, username: string, password = 'mat-khau-thu') {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

/** A socket of a paired device following the queue as the kiosk app does. */
function follow(hub: TestHub, token: string) {
  const socket = hub.connect(token);
  let view: MirrorView | null = null;
  createQueueMirror(socket, (v) => (view = v));
  return { socket, view: () => view };
}

describe('sign-in and roles', () => {
  it('refuses a wrong password, and shows a supervisor no administration (the hub refuses it too)', async () => {
    t = await startTestHub({ serveApps: true });
    const { page, errors } = await openPage(browser, `${t.url}/admin/`);
    await signIn(page, 'giamsat', 'sai-mat-khau');
    await expect.poll(() => page.textContent('[role=alert]')).toMatch(/Sai tên đăng nhập/);
    await signIn(page, 'giamsat');
    await page.waitForSelector('[data-testid=dashboard]');
    const nav = await page.textContent('nav');
    expect(nav).toContain('Báo cáo');
    expect(nav).not.toContain('Lĩnh vực');
    expect(nav).not.toContain('Thiết bị');
    await page.goto(`${t.url}/admin/thiet-bi`);
    await expect.poll(() => page.textContent('main')).toContain('chỉ dành cho quản trị viên');
    // The hub itself refuses the supervisor's session (its cookie) on the admin API.
    const status = await page.evaluate(async () => (await fetch('/api/admin/devices')).status);
    expect(status).toBe(403);

    // An admin disables the supervisor: the open dashboard loses its socket and signs out.
    await page.goto(`${t.url}/admin/`);
    await page.waitForSelector('[data-testid=dashboard]');
    const admin = await t.login('admin');
    const disabled = await fetch(`${t.url}/api/admin/users/giamsat/disabled`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disabled.status).toBe(200);
    await expect
      .poll(() => page.textContent('main'), { timeout: 10_000 })
      .toContain('Phiên đăng nhập đã hết hạn');
    expect(await page.isVisible('input[name=username]')).toBe(true);
    expect(errors.filter((e) => !/401|status of 40/.test(e))).toEqual([]);
  });
});

describe('the session lives in an HttpOnly cookie', () => {
  it('keeps no token where a script can read it, and a reload resumes the session', async () => {
    t = await startTestHub({ serveApps: true });
    const { page, errors } = await openPage(browser, `${t.url}/admin/`);
    await signIn(page, 'admin');
    await page.waitForSelector('[data-testid=dashboard]');

    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'luot_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session!.value).toMatch(/^ses_/);
    expect(await page.evaluate(() => document.cookie)).not.toContain('luot_session');
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toContain('ses_');
    expect(stored).not.toContain(session!.value);

    await page.reload();
    await page.waitForSelector('[data-testid=dashboard]');
    expect(await page.isVisible('input[name=username]')).toBe(false);

    await page.click('text=Đăng xuất');
    await page.waitForSelector('input[name=username]');
    expect((await page.context().cookies()).some((c) => c.name === 'luot_session')).toBe(false);
    await page.reload();
    await page.waitForSelector('input[name=username]');
    expect(errors.filter((e) => !/401|status of 40/.test(e))).toEqual([]);
  });
});

describe('sessions', () => {
  it('an admin ends a clerk’s session from “Phiên đăng nhập” with the keyboard: the counter’s socket drops', async () => {
    t = await startTestHub({ serveApps: true, hub: { sweepIntervalMs: 3_600_000 } });
    const hub = t;
    const clerk = await hub.login('cb1', 'c1');
    const { socket } = await hub.connectReady(clerk.token);
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));

    const { page, errors } = await openPage(browser, `${hub.url}/admin/`);
    await signIn(page, 'admin');
    await page.click('nav >> text=Phiên đăng nhập');
    await page.waitForSelector('tr[data-user=cb1]');
    const row = await page.textContent('tr[data-user=cb1]');
    expect(row).toContain('Cán bộ 1');
    expect(row).toContain('Quầy 1');
    expect(row).toContain('127.0.0.1');
    expect(await page.textContent('tr[data-user=admin]')).toContain('Phiên này');

    // Keyboard only: focus the revoke button, Enter, accept the confirmation.
    page.once('dialog', (d) => void d.accept());
    await page.focus('tr[data-user=cb1] button');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.textContent('[role=status]'))
      .toContain('Đã kết thúc phiên đăng nhập của Cán bộ 1.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    await dropped;
    // The list is read again after the answer: the row goes once that read is back.
    await expect.poll(() => page.isVisible('tr[data-user=cb1]')).toBe(false);
    const refused = await fetch(`${hub.url}/api/session`, {
      headers: { authorization: `Bearer ${clerk.token}` },
    });
    expect(refused.status).toBe(401);

    await page.click('nav >> text=Nhật ký thay đổi');
    await expect
      .poll(() => page.textContent('[data-testid=audit]'))
      .toContain('Kết thúc phiên đăng nhập: cb1');
    expect(errors).toEqual([]);
  });

  it('a person changes their own password: their other session is refused, this one stays', async () => {
    t = await startTestHub({ serveApps: true });
    const other = await t.login('admin');
    const { page, errors } = await openPage(browser, `${t.url}/admin/`);
    await signIn(page, 'admin');
    await page.click('text=Đổi mật khẩu');
    await page.fill('input[autocomplete=current-password]', 'mat-khau-thu');
    const fresh = page.locator('input[autocomplete=new-password]');
    await fresh.nth(0).fill('mat-khau-moi-1');
    await fresh.nth(1).fill('mat-khau-moi-1');
    await page.click('form >> button[type=submit]');
    await expect.poll(() => page.textContent('[role=status]')).toContain('Đã đổi mật khẩu');
    const refused = await fetch(`${t.url}/api/session`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(refused.status).toBe(401);
    expect(await page.evaluate(async () => (await fetch('/api/session')).status)).toBe(200);
    expect(errors).toEqual([]);
  });
});

describe('administration applies live', () => {
  it('an admin closes a field’s session; a connected kiosk sees the field closed at once', async () => {
    t = await startTestHub({ serveApps: true });
    const hub = t;
    const kiosk = follow(hub, hub.tokens.kiosk!);
    await expect.poll(() => kiosk.view()).not.toBeNull();
    expect(fieldAvailability(kiosk.view()!.state, 'ho-tich', hub.clock.now())).toBe('open');

    const { page } = await openPage(browser, `${hub.url}/admin/`);
    await signIn(page, 'admin');
    await page.click('nav >> text=Lĩnh vực');
    await page.click('tr[data-field=ho-tich]');
    await page.waitForSelector('[data-testid=field-editor]');

    // First an overlap: refused, with the reason in Vietnamese, and nothing changes.
    await page.fill('input[aria-label="Buổi 1 đến"]', '14:00');
    await page.click('[data-testid=save-config]');
    await expect
      .poll(() => page.textContent('[data-testid=config-issues]'))
      .toContain('Lĩnh vực "Tư pháp – Hộ tịch" có các buổi lấy số chồng lên nhau.');
    expect(hub.hub.queue.live.config.fields[0]!.sessions[0]!.to).toBe('11:30');

    // Then the morning session ends at 08:30; it is 09:00 on the hub's clock.
    await page.fill('input[aria-label="Buổi 1 đến"]', '08:30');
    await page.click('[data-testid=save-config]');
    await expect.poll(() => page.textContent('[role=status]')).toContain('Đã lưu');

    await expect
      .poll(() => fieldAvailability(kiosk.view()!.state, 'ho-tich', hub.clock.now()))
      .toBe('OUTSIDE_HOURS');
    expect(fieldAvailability(kiosk.view()!.state, 'dat-dai', hub.clock.now())).toBe('open');
    const refused = await request(kiosk.socket, 'ticket:issue', { fieldId: 'ho-tich' });
    expect(!refused.ok && refused.error.code).toBe('OUTSIDE_HOURS');
    expect((await request(kiosk.socket, 'ticket:issue', { fieldId: 'dat-dai' })).ok).toBe(true);

    // The audit log names who changed what.
    await page.click('nav >> text=Nhật ký thay đổi');
    await expect
      .poll(() => page.textContent('[data-testid=audit] tbody tr:first-child'))
      .toMatch(
        /admin.*Sửa cấu hình.*Lĩnh vực «Tư pháp – Hộ tịch»: Giờ lấy số 07:30–11:30, 13:30–17:00 → 07:30–08:30, 13:30–17:00/,
      );
  });

  it('an admin pairs a device (token and QR code) and revokes one: its socket drops and is refused', async () => {
    t = await startTestHub({ serveApps: true });
    const hub = t;
    const display = follow(hub, hub.tokens.display!);
    await expect.poll(() => display.view()).not.toBeNull();

    const { page } = await openPage(browser, `${hub.url}/admin/`);
    await signIn(page, 'admin');
    await page.click('nav >> text=Thiết bị');
    await page.fill('form[aria-label="Ghép nối thiết bị"] input >> nth=0', 'sanh-2');
    await page.fill('form[aria-label="Ghép nối thiết bị"] input >> nth=1', 'Màn hình sảnh 2');
    await page.click('form[aria-label="Ghép nối thiết bị"] button[type=submit]');
    await page.waitForSelector('[data-testid=paired-device] .qr svg');
    const token = (await page.textContent('[data-testid=device-token]'))!;
    expect(token).toMatch(/^dev_/);
    expect(await page.textContent('[data-testid=paired-device]')).toContain(
      '/display/lobby?token=',
    );
    const fresh = await hub.connectReady(token);
    expect(fresh.snapshot.you).toMatchObject({ role: 'display', deviceId: 'sanh-2' });

    page.on('dialog', (dialog) => void dialog.accept());
    await page.click('tr[data-device=display] button.danger');
    await expect.poll(() => display.socket.connected).toBe(false);
    await expect
      .poll(() => page.getAttribute('tr[data-device=display]', 'data-revoked'))
      .toBe('true');
    const retry = connectHub(hub.url, hub.tokens.display!);
    const err = await new Promise<Error & { data?: { code: string } }>((resolve) =>
      retry.once('connect_error', resolve),
    );
    retry.disconnect();
    expect(err.data?.code).toBe('UNAUTHENTICATED');
    // The other devices are untouched.
    expect(fresh.socket.connected).toBe(true);
  });
});

describe('live dashboard', () => {
  it('shows a ticket’s wait rising on the hub’s clock and turning to the alarm colour past the target', async () => {
    const config = testConfig(3);
    config.fields[0]!.targetWaitMinutes = 2; // ho-tich
    t = await startTestHub({ serveApps: true, config });
    const hub = t;
    const { socket: kiosk } = await hub.connectReady(hub.tokens.kiosk!);
    expect((await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' })).ok).toBe(true);

    const { page, errors } = await openPage(browser, `${hub.url}/admin/`);
    await signIn(page, 'giamsat');
    const row = 'tr[data-field=ho-tich]';
    const wait = '[data-testid=longest-ho-tich] .wait-value';
    await expect.poll(() => page.textContent(wait)).toMatch(/^\d giây$/);
    expect(await page.getAttribute(row, 'data-level')).toBe('ok');

    // The browser's clock runs on; only the hub's clock says how long the citizen waited. The
    // page re-reads the hub's time every few seconds (GET /api/clock), so it follows the jump.
    hub.clock.advance(60_000);
    await expect
      .poll(() => page.textContent(wait), { timeout: 15_000 })
      .toMatch(/^1 phút( \d giây)?$/);
    expect(await page.getAttribute(row, 'data-level')).toBe('ok');
    expect(await page.textContent('[data-testid=hub-clock]')).toMatch(/^09:01:/);

    hub.clock.advance(40_000); // 1:40 of a 2-minute target
    await expect.poll(() => page.getAttribute(row, 'data-level'), { timeout: 15_000 }).toBe('warn');

    hub.clock.advance(50_000); // 2:30: past the target
    await expect
      .poll(() => page.getAttribute(row, 'data-level'), { timeout: 15_000 })
      .toBe('alarm');
    expect(await page.textContent(wait)).toMatch(/^2 phút 3\d giây$/);
    const background = await page.$eval(`${row} td`, (td) => getComputedStyle(td).backgroundColor);
    expect(background).toBe('rgb(253, 228, 228)');
    const colour = await page.$eval(wait, (el) => getComputedStyle(el.parentElement!).color);
    expect(colour).toBe('rgb(193, 18, 31)');
    expect(errors).toEqual([]);
  });
});
