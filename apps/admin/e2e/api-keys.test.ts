// Issue 16, API keys, in Chromium against a real hub: an administrator creates a key on the
// "Khóa API" page, sees its secret once (and copies it), the key works against the hub, the
// list shows its last use; revoked after a confirm, the same secret is refused at once.
// Screenshots go to LUOT_SHOTS_DIR when it is set.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  openPage,
  startApiKeyProbe,
  startTestHub,
  type TestHub,
} from '@luot/hub/testing';

const SHOTS = process.env.LUOT_SHOTS_DIR;
let browser: Browser;
let t: TestHub | null = null;
let probe: Awaited<ReturnType<typeof startApiKeyProbe>> | null = null;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await probe?.close();
  await t?.close();
  probe = null;
  t = null;
});

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `keys-${name}.png`), fullPage: true });
}

describe('the "Khóa API" page', () => {
  it('creates a key, shows its secret once, and revokes it so the hub refuses it', async () => {
    t = await startTestHub({ serveApps: true, counters: 2 });
    probe = await startApiKeyProbe(t.province, t.clock);
    const use = async (secret: string, permission = 'counters:act') =>
      (
        await fetch(`${probe!.url}/probe/${t!.siteIds[0]}/${permission}`, {
          headers: { authorization: `Bearer ${secret}` },
        })
      ).status;

    const { page, errors } = await openPage(browser, `${t.url}/admin/`);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: t.url,
    });
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'mat-khau-thu');
    await page.click('button[type=submit]');
    await page.click('nav >> text=Khóa API');
    await page.waitForURL('**/admin/khoa-api');
    await page.waitForSelector('text=Chưa có khóa API nào.');
    await shot(page, 'empty');

    // One site: no site to choose. Every permission has its line in Vietnamese.
    expect(await page.locator('form select').count()).toBe(0);
    await expect
      .poll(() => page.locator('form label.check').allInnerTexts())
      .toEqual([
        'Xem hàng đợi — Xem hàng đợi, từng số, các quầy và thiết bị',
        'Cấp số — Cấp số thứ tự cho người dân (như ki-ốt lấy số)',
        'Thao tác tại quầy — Gọi số, bắt đầu, kết thúc, vắng mặt, chuyển, gọi lại, tạm dừng tại quầy',
        'Giám sát — Thao tác của giám sát: huỷ số, chuyển số, đóng quầy',
        'Xem báo cáo — Xem báo cáo và tải tệp xuất báo cáo',
      ]);
    await page.fill('form input:not([type=checkbox])', 'Hệ thống một cửa của tỉnh');
    await page.check('input[name="counters:act"]');
    await shot(page, 'form');
    await page.click('form button[type=submit]');

    const box = page.getByTestId('api-key-secret');
    await box.waitFor();
    await expect.poll(() => box.innerText()).toContain('Khóa sẽ không được hiển thị lại');
    const secret = await page.getByTestId('api-key-secret-value').innerText();
    expect(secret).toMatch(/^luot_k_[A-Za-z0-9_-]{43}$/);
    await box.getByRole('button', { name: 'Sao chép' }).click();
    await box.getByText('Đã sao chép').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await shot(page, 'secret');

    const row = page.locator('tr[data-key="Hệ thống một cửa của tỉnh"]');
    await expect.poll(() => row.innerText()).toContain('Chưa dùng');
    expect(await row.innerText()).toContain('Xem hàng đợi');
    expect(await row.innerText()).toContain('Thao tác tại quầy');
    expect(await row.innerText()).toContain(`${secret.slice(0, 11)}…`);

    // The key works against the hub, for what it was given only.
    expect(await use(secret)).toBe(200);
    expect(await use(secret, 'reports:read')).toBe(403);

    // Once dismissed (or the page reloaded), the secret is nowhere on the page.
    await box.getByRole('button', { name: 'Tôi đã lưu khóa' }).click();
    await box.waitFor({ state: 'detached' });
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret.slice(11));
    await expect.poll(() => row.getByTestId('last-used').innerText()).not.toBe('Chưa dùng');

    // Revoke: a confirm first; dismissed, nothing changes.
    page.once('dialog', (d) => void d.dismiss());
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    expect(await use(secret)).toBe(200);
    page.once('dialog', (d) => {
      expect(d.message()).toContain('Hệ thống một cửa của tỉnh');
      void d.accept();
    });
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await row.getByText('Đã thu hồi', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: 'Thu hồi' }).count()).toBe(0);
    expect(await use(secret)).toBe(401);
    await shot(page, 'list');

    // The audit log says who created and revoked it.
    await page.click('nav >> text=Nhật ký thay đổi');
    await page.getByText('Thu hồi khóa API').first().waitFor();
    expect(await page.getByText('Tạo khóa API').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('lets an administrator of every site choose a site or every site', async () => {
    t = await startTestHub({ serveApps: true, counters: 1, sites: ['xa-a', 'xa-b'] });
    const { page, errors } = await openPage(browser, `${t.url}/admin/khoa-api`);
    await page.fill('input[name=username]', 'tinh');
    await page.fill('input[name=password]', 'mat-khau-thu');
    await page.click('button[type=submit]');
    const select = page.locator('form select');
    await select.waitFor();
    await expect.poll(() => select.locator('option').count()).toBe(3);
    expect(await select.locator('option').first().innerText()).toBe('Mọi điểm phục vụ');
    await page.fill('form input:not([type=checkbox])', 'Báo cáo toàn tỉnh');
    await select.selectOption({ label: 'Mọi điểm phục vụ' });
    await page.uncheck('input[name="queue:read"]');
    await page.check('input[name="reports:read"]');
    await page.click('form button[type=submit]');
    await page.getByTestId('api-key-secret').waitFor();
    const row = page.locator('tr[data-key="Báo cáo toàn tỉnh"]');
    await expect.poll(() => row.innerText()).toContain('Mọi điểm phục vụ');
    expect(await row.innerText()).toContain('Xem báo cáo');
    await shot(page, 'province');
    expect(errors).toEqual([]);
  });
});
