// Issue 12, item 6, in Chromium against a real hub: every part of the configuration editable,
// the audit log in Vietnamese with old → new, the pairing QR at the configured address, and a
// change refused when it would print a number already issued today.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SiteConfig } from '@luot/domain';
import { launchChromium, openPage, request, startTestHub, type TestHub } from '@luot/hub/testing';

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

async function signInAdmin(
  hub: TestHub,
  path = '/admin/',
): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `${hub.url}${path}`);
  await opened.page.fill('input[name=username]', 'admin');
  await opened.page.fill('input[name=password]', 'mat-khau-thu');
  await opened.page.click('button[type=submit]');
  await opened.page.waitForSelector('nav >> text=Nhật ký thay đổi');
  return opened;
}

async function issue(
  hub: TestHub,
  fieldId: string,
  n: number,
  priorityClassId: string | null = null,
) {
  const { socket } = await hub.connectReady(hub.tokens.kiosk!);
  for (let i = 0; i < n; i++) {
    const res = await request(socket, 'ticket:issue', { fieldId, priorityClassId });
    if (!res.ok) throw new Error(res.error.message);
  }
  socket.disconnect();
}

/** Changes the configuration over HTTP as another admin would. */
async function putConfig(hub: TestHub, change: (c: SiteConfig) => void) {
  const { token } = await hub.login('admin');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const got = (await (await fetch(`${hub.url}/api/admin/config`, { headers })).json()) as {
    data: { config: SiteConfig; version: string };
  };
  const config = structuredClone(got.data.config);
  change(config);
  const res = await fetch(`${hub.url}/api/admin/config`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ config, baseVersion: got.data.version }),
  });
  if (res.status !== 200) throw new Error(`config refused: ${await res.text()}`);
}

const saveBar = (page: Page) => page.locator('.save-bar');

async function save(page: Page) {
  await page.click('[data-testid=save-config]');
}

describe('priority classes, the streak and the rating scale', () => {
  it('are edited and saved live; removing a class a waiting ticket carries is refused with the reason', async () => {
    t = await startTestHub({ serveApps: true });
    const hub = t;
    const { page, errors } = await signInAdmin(hub);
    await page.click('nav >> text=Ưu tiên và đánh giá');
    await page.waitForSelector('[data-testid=priority-classes]');

    // Rename one, add one, lower the streak, and make the scale five levels with a new label.
    await page.fill('input[aria-label="Tên hiển thị 1"]', 'Người cao tuổi (từ 75)');
    await page.click('text=Thêm đối tượng ưu tiên');
    await page.fill('input[aria-label="Tên hiển thị 2"]', 'Phụ nữ mang thai');
    await page.fill('input[aria-label="Mã 2"]', 'mang-thai');
    await page.getByLabel('Số lượt ưu tiên liên tiếp tối đa').fill('2');
    await page.getByLabel('Số mức').selectOption('5');
    await page.fill('input[aria-label="Nhãn mức 3"]', 'Tạm được');
    await save(page);
    await expect.poll(() => saveBar(page).textContent()).toContain('Đã lưu');
    const live = () => hub.hub.queue.live.config;
    expect(live().priorityClasses).toEqual([
      { id: 'cao-tuoi', name: 'Người cao tuổi (từ 75)' },
      { id: 'mang-thai', name: 'Phụ nữ mang thai' },
    ]);
    expect(live().priorityMaxStreak).toBe(2);
    expect(live().ratingScale.map((l) => `${l.score} ${l.label}`)).toEqual([
      '5 Rất hài lòng',
      '4 Hài lòng',
      '3 Tạm được',
      '2 Không hài lòng',
      '1 Rất không hài lòng',
    ]);

    // A citizen now waits with "Phụ nữ mang thai": that class cannot be removed today.
    await issue(hub, 'ho-tich', 1, 'mang-thai');
    await page.click('button[aria-label="Xóa đối tượng ưu tiên Phụ nữ mang thai"]');
    await save(page);
    await expect
      .poll(() => page.textContent('[data-testid=config-issues]'))
      .toContain('Đối tượng ưu tiên «Phụ nữ mang thai» đang có số chờ trong hôm nay; chưa thể xóa');
    expect(live().priorityClasses).toHaveLength(2);

    // The audit log says what changed from what to what, in Vietnamese.
    await page.click('nav >> text=Nhật ký thay đổi');
    const row = page.locator('[data-testid=audit] tbody tr[data-action="config.update"]').first();
    await expect.poll(() => row.textContent()).toContain('Sửa cấu hình');
    const lines = await row.locator('.audit-changes li').allTextContents();
    expect(lines).toEqual([
      'Đối tượng ưu tiên «Người cao tuổi (từ 75)»: Tên «Người cao tuổi» → «Người cao tuổi (từ 75)»',
      'Đối tượng ưu tiên «Phụ nữ mang thai»: thêm mới',
      'Thang đánh giá: 3 Rất hài lòng, 2 Hài lòng, 1 Không hài lòng → 5 Rất hài lòng, 4 Hài lòng, 3 Tạm được, 2 Không hài lòng, 1 Rất không hài lòng',
      'Số lượt ưu tiên liên tiếp tối đa: 3 → 2',
    ]);
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  });
});

describe('a change that would print a number already issued today', () => {
  it('is refused in the save bar with the field and the number, and a start past them is saved', async () => {
    t = await startTestHub({ serveApps: true });
    const hub = t;
    await issue(hub, 'ho-tich', 15); // 1001–1015
    // Hộ tịch moves on to 3001 (its own numbers never go back: lastNumber stays 1015).
    await putConfig(hub, (c) => (c.fields.find((f) => f.id === 'ho-tich')!.numbering.start = 3001));

    const { page } = await signInAdmin(hub);
    await page.click('nav >> text=Lĩnh vực');
    await page.click('tr[data-field=dat-dai]');
    const editor = page.locator('[data-testid=field-editor]');
    await editor.getByLabel('Tiền tố', { exact: true }).fill('');
    await editor.getByLabel('Số chữ số', { exact: true }).fill('4');
    await editor.getByLabel('Số bắt đầu', { exact: true }).fill('1011');
    await editor.getByLabel('Giới hạn số/ngày', { exact: true }).fill('100');
    await save(page);
    await expect
      .poll(() => page.textContent('[data-testid=config-issues]'))
      .toContain('Lĩnh vực «Đất đai» sẽ in lại số 1011 đã cấp hôm nay');
    expect(hub.hub.queue.live.config.fields.find((f) => f.id === 'dat-dai')!.numbering).toEqual({
      prefix: 'A',
      start: 1,
      digits: 3,
    });

    await editor.getByLabel('Số bắt đầu', { exact: true }).fill('1016');
    await save(page);
    await expect.poll(() => saveBar(page).textContent()).toContain('Đã lưu');
    await issue(hub, 'dat-dai', 1);
    const labels = Object.values(hub.hub.queue.live.tickets).map((x) => x.label);
    expect(labels.filter((l) => l === '1016')).toHaveLength(1);
  });
});

/** Decodes the QR code drawn in an element. */
async function scanQr(page: Page, selector: string): Promise<string | null> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('the hub’s address for QR codes', () => {
  it('warns while none is set on a loopback page, then pairs with a QR code of the configured address', async () => {
    t = await startTestHub({ serveApps: true });
    const hub = t;
    const { page, errors } = await signInAdmin(hub);
    await page.click('nav >> text=Thiết bị');
    await expect
      .poll(() => page.textContent('[data-testid=address-warning]'))
      .toContain('thiết bị khác không mở được địa chỉ trong mã QR');

    await page.click('nav >> text=Trung tâm và địa chỉ');
    // A path or a user name is refused, located, in Vietnamese.
    await page.fill('[data-testid=address-hub]', 'http://admin@192.168.1.10:8080/luot');
    await save(page);
    await expect
      .poll(() => page.textContent('[data-testid=config-issues]'))
      .toContain('Địa chỉ trong trung tâm: phải là địa chỉ http:// hoặc https://');
    await page.fill('[data-testid=address-hub]', 'http://192.168.1.10:8080/');
    await page.fill('[data-testid=address-public]', 'https://hang-doi.example.vn');
    // Another time zone is explained before it is saved.
    await page.selectOption('[data-testid=time-zone]', 'Asia/Tokyo');
    await expect
      .poll(() => page.textContent('[data-testid=time-zone-warning]'))
      .toContain('Đổi múi giờ từ Asia/Ho_Chi_Minh (UTC+7) sang Asia/Tokyo (UTC+9)');
    await page.selectOption('[data-testid=time-zone]', 'Asia/Ho_Chi_Minh');
    await save(page);
    await expect.poll(() => saveBar(page).textContent()).toContain('Đã lưu');
    expect(hub.hub.queue.live.config.site.addresses).toEqual({
      hub: 'http://192.168.1.10:8080',
      public: 'https://hang-doi.example.vn',
    });

    await page.click('nav >> text=Thiết bị');
    expect(await page.locator('[data-testid=address-warning]').count()).toBe(0);
    await page.fill('form[aria-label="Ghép nối thiết bị"] input >> nth=0', 'sanh-2');
    await page.fill('form[aria-label="Ghép nối thiết bị"] input >> nth=1', 'Màn hình sảnh 2');
    await page.click('form[aria-label="Ghép nối thiết bị"] button[type=submit]');
    await page.waitForSelector('[data-testid=paired-device] .qr svg');
    const token = (await page.textContent('[data-testid=device-token]'))!;
    const url = `http://192.168.1.10:8080/display/lobby?token=${encodeURIComponent(token)}`;
    expect(await page.textContent('[data-testid=setup-url]')).toBe(url);
    expect(await scanQr(page, '[data-testid=paired-device] .qr')).toBe(url);
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
