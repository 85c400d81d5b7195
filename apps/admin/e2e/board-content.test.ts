// Issue 15: "Nội dung màn hình" in real Chromium against a real hub: an admin uploads pictures
// and a video (file picker and drag and drop), sees a text file named .png refused, builds the
// lobby board's playlist (add, order with the buttons and the keyboard, seconds, remove), picks
// a layout and saves: the hub's live configuration holds it; a file in the playlist cannot be
// deleted; the audit log words it all. LUOT_SHOTS_DIR=dir keeps screenshots.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';

const SHOTS = process.env.LUOT_SHOTS_DIR;
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../hub/testing/fixtures/${name}`, import.meta.url));

let browser: Browser;
let t: TestHub;
beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub({ serveApps: true, counters: 2 });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page) {
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=board-layout]');
}

const names = (page: Page, list: 'playlist' | 'media-list') =>
  page.$$eval(`[data-testid=${list}] tbody tr .media-name`, (cells) =>
    cells.map((c) => c.firstChild?.textContent?.trim() ?? ''),
  );

/** Drops a file on the upload zone as a person dragging it from their desktop would. */
async function dropFile(page: Page, path: string, name: string, type: string) {
  const bytes = [...readFileSync(path)];
  const dataTransfer = await page.evaluateHandle(
    ({ bytes, name, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return dt;
    },
    { bytes, name, type },
  );
  await page.dispatchEvent('[data-testid=media-drop]', 'dragover', { dataTransfer });
  await page.dispatchEvent('[data-testid=media-drop]', 'drop', { dataTransfer });
}

it('an admin uploads, builds and saves the playlist and layout; the hub holds them; a file in use is not deleted', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/noi-dung-man-hinh`, {
    width: 1366,
    height: 1300,
  });
  page.on('dialog', (d) => void d.accept());
  await signIn(page);
  expect(await page.textContent('[data-testid=board-layout]')).toContain('Tắt');

  // The picker: two pictures and a video at once; a text file dressed as a PNG is refused.
  await page.setInputFiles('[data-testid=media-picker]', [
    fixture('slide.png'),
    fixture('clip.webm'),
    fixture('slide.jpg'),
  ]);
  await expect
    .poll(() => names(page, 'media-list'))
    .toEqual(['slide.jpg', 'clip.webm', 'slide.png']);
  await page.setInputFiles('[data-testid=media-picker]', {
    name: 'gia.png',
    mimeType: 'image/png',
    buffer: Buffer.from('Đây là văn bản, không phải ảnh.'),
  });
  await expect
    .poll(() => page.textContent('[data-testid=media-refusals]'))
    .toBe(
      '"gia.png": Tệp này không phải ảnh (PNG, JPEG, WebP) hay video (MP4, WebM) nên không tải lên được.',
    );
  // Drag and drop.
  await dropFile(page, fixture('slide.webp'), 'Giới thiệu.webp', 'image/webp');
  await expect.poll(() => names(page, 'media-list')).toHaveLength(4);
  expect((await names(page, 'media-list'))[0]).toBe('Giới thiệu.webp');
  // A picture's thumbnail is the picture, fetched from the hub; a video shows a sign.
  const png = page.locator('[data-testid=media-list] tr', { hasText: 'slide.png' }).locator('img');
  await expect.poll(() => png.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  expect(
    await page
      .locator('[data-testid=media-list] tr', { hasText: 'clip.webm' })
      .locator('.media-thumb--video')
      .count(),
  ).toBe(1);

  // The playlist: add four, remove one, order with buttons and keys, set a picture's seconds.
  for (const name of ['slide.png', 'clip.webm', 'slide.jpg', 'Giới thiệu.webp'])
    await page.getByRole('button', { name: `Thêm "${name}" vào danh sách phát` }).click();
  await page.getByRole('button', { name: 'Bỏ "Giới thiệu.webp" khỏi danh sách phát' }).click();
  expect(await names(page, 'playlist')).toEqual(['slide.png', 'clip.webm', 'slide.jpg']);
  await page.getByRole('button', { name: 'Chuyển "slide.png" xuống dưới' }).click();
  expect(await names(page, 'playlist')).toEqual(['clip.webm', 'slide.png', 'slide.jpg']);
  // With the keyboard: the focus follows the moved item, so it can be pressed on.
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  const press = async (key: string, order: string[], focus: string) => {
    await page.keyboard.press(key);
    await expect.poll(() => names(page, 'playlist')).toEqual(order);
    await expect.poll(focused).toBe(focus);
  };
  await page.getByRole('button', { name: 'Chuyển "slide.jpg" lên trên' }).focus();
  await press(
    'Alt+ArrowUp',
    ['clip.webm', 'slide.jpg', 'slide.png'],
    'Chuyển "slide.jpg" lên trên',
  );
  // At the top its ▲ is disabled: the focus moves to its ▼.
  await press(
    'Alt+ArrowUp',
    ['slide.jpg', 'clip.webm', 'slide.png'],
    'Chuyển "slide.jpg" xuống dưới',
  );
  await press(
    'Alt+ArrowDown',
    ['clip.webm', 'slide.jpg', 'slide.png'],
    'Chuyển "slide.jpg" xuống dưới',
  );
  await page.getByLabel('Số giây của "slide.png"').fill('7');
  await page.getByLabel(/^Bên cạnh/).check();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/media-admin-playlist.png`, fullPage: true });

  await page.click('[data-testid=save-config]');
  await expect.poll(() => page.textContent('.save-bar [role=status]')).toContain('Đã lưu');
  const ids = new Map(t.province.listMedia('trung-tam').map((m) => [m.name, m.id]));
  expect(t.hub.queue.live.config.board).toEqual({
    layout: 'side',
    playlist: [
      { mediaId: ids.get('clip.webm'), kind: 'video', name: 'clip.webm', seconds: 120 },
      { mediaId: ids.get('slide.jpg'), kind: 'image', name: 'slide.jpg', seconds: 10 },
      { mediaId: ids.get('slide.png'), kind: 'image', name: 'slide.png', seconds: 7 },
    ],
  });

  // A file the saved playlist uses is refused; one it does not use goes.
  await page.getByRole('button', { name: 'Xoá tệp "slide.png"' }).click();
  await expect
    .poll(() => page.textContent('[data-testid=media-refusals]'))
    .toContain('đang có trong danh sách phát của màn hình');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/media-admin-refused.png`, fullPage: true });
  await page.getByRole('button', { name: 'Xoá tệp "Giới thiệu.webp"' }).click();
  await expect
    .poll(() => names(page, 'media-list'))
    .toEqual(['slide.jpg', 'clip.webm', 'slide.png']);

  // After a reload the page shows what the hub keeps.
  await page.reload();
  await page.waitForSelector('[data-testid=playlist]');
  expect(await names(page, 'playlist')).toEqual(['clip.webm', 'slide.jpg', 'slide.png']);
  expect(await page.getByLabel(/^Bên cạnh/).isChecked()).toBe(true);

  // The audit log words the uploads, the deletion and the configuration change.
  await page.click('nav >> text=Nhật ký thay đổi');
  await page.waitForSelector('[data-testid=audit]');
  const audit = await page.textContent('[data-testid=audit]');
  expect(audit).toContain('Tải lên tệp cho màn hình sảnh chờ: "slide.png" (7 KB)');
  expect(audit).toContain('Xoá tệp của màn hình sảnh chờ: "Giới thiệu.webp"');
  expect(audit).toContain('Vùng nội dung trên màn hình sảnh chờ: Tắt → Bên cạnh');
  expect(audit).toContain('slide.png (7 giây)');
  // Only the refusals the test caused (415, 409) reached the console.
  expect(errors.filter((e) => !/status of 4(15|09)/.test(e))).toEqual([]);
});
