// Screenshots of the administration pages of issue 12 (audit log with old → new, priorities and
// rating, pairing with the configured address). Run with LUOT_SCREENSHOTS=1 after `pnpm build`;
// they go to docs/screenshots/, or to LUOT_SHOTS_DIR when set.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SiteConfig } from '@luot/domain';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { centreConfig } from './seed.ts';

const OUT =
  process.env.LUOT_SHOTS_DIR ??
  fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const enabled = process.env.LUOT_SCREENSHOTS === '1';

let t: TestHub;
let browser: Browser;
let page: Page;

async function putConfig(change: (c: SiteConfig) => void) {
  const { token } = await t.login('admin');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const got = (await (await fetch(`${t.url}/api/admin/config`, { headers })).json()) as {
    data: { config: SiteConfig; version: string };
  };
  const config = structuredClone(got.data.config);
  change(config);
  const res = await fetch(`${t.url}/api/admin/config`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ config, baseVersion: got.data.version }),
  });
  if (res.status !== 200) throw new Error(await res.text());
}

beforeAll(async () => {
  if (!enabled) return;
  mkdirSync(OUT, { recursive: true });
  t = await startTestHub({ counters: 8, serveApps: true, config: centreConfig() });
  await putConfig((c) => {
    c.priorityClasses.push(
      { id: 'khuyet-tat', name: 'Người khuyết tật' },
      { id: 'mang-thai', name: 'Phụ nữ mang thai' },
    );
  });
  t.clock.advance(7 * 60_000);
  await putConfig((c) => {
    c.fields.find((f) => f.id === 'dat-dai')!.sessions[0]!.to = '11:00';
    c.fields.find((f) => f.id === 'dat-dai')!.dailyLimit = 120;
    c.counters.find((k) => k.id === 'c4')!.fieldIds = ['ho-tich'];
    c.priorityMaxStreak = 2;
    c.site.addresses = { hub: 'http://192.168.1.10:8080', public: 'https://hang-doi.example.vn' };
  });
  t.clock.advance(3 * 60_000);
  await putConfig((c) => {
    c.ratingScale = [
      { score: 4, label: 'Rất hài lòng' },
      { score: 3, label: 'Hài lòng' },
      { score: 2, label: 'Chưa hài lòng' },
      { score: 1, label: 'Không hài lòng' },
    ];
    c.priorityClasses[0]!.name = 'Người cao tuổi (từ 75)';
    c.texts.ticketFooter = 'Cảm ơn quý khách đã chờ!';
  });
  browser = await launchChromium();
  page = (await openPage(browser, `${t.url}/admin/`, { width: 1366, height: 900 })).page;
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
  await page.waitForSelector('nav >> text=Nhật ký thay đổi');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it.runIf(enabled)('audit log with old → new values', async () => {
  await page.click('nav >> text=Nhật ký thay đổi');
  await page.waitForSelector('[data-testid=audit] .audit-changes');
  await page.screenshot({ path: join(OUT, 'admin-audit.png') });
});

it.runIf(enabled)('priorities and rating scale', async () => {
  await page.click('nav >> text=Ưu tiên và đánh giá');
  await page.waitForSelector('[data-testid=rating-scale]');
  await page.screenshot({ path: join(OUT, 'admin-priorities.png'), fullPage: true });
});

it.runIf(enabled)('pairing a device at the configured address', async () => {
  await page.click('nav >> text=Thiết bị');
  await page.fill('form[aria-label="Ghép nối thiết bị"] input >> nth=0', 'sanh-2');
  await page.fill('form[aria-label="Ghép nối thiết bị"] input >> nth=1', 'Màn hình sảnh tầng 2');
  await page.click('form[aria-label="Ghép nối thiết bị"] button[type=submit]');
  await page.waitForSelector('[data-testid=paired-device] .qr svg');
  await page.screenshot({ path: join(OUT, 'admin-pairing.png') });
});

it.runIf(enabled)('site: time zone warning and addresses', async () => {
  await page.click('nav >> text=Trung tâm và địa chỉ');
  await page.selectOption('[data-testid=time-zone]', 'Asia/Bangkok');
  await page.waitForSelector('[data-testid=time-zone-warning]');
  await page.screenshot({ path: join(OUT, 'admin-site.png'), fullPage: true });
});
