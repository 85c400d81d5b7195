// The ID card settings (issue 15), in Chromium against a real hub: the site's scan mode, priority
// by age and adult age, and a field's mode and adults-only; saved, applied to the hub's live
// configuration (a kiosk's number follows them), shown again after a reload, in the audit log.
// LUOT_SHOTS_DIR=dir keeps screenshots.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, request, startTestHub, type TestHub } from '@luot/hub/testing';

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

const SITE = {
  scan: 'Quét căn cước (mặc định cho các lĩnh vực)',
  age: 'Ưu tiên từ tuổi',
  ageClass: 'Đối tượng ưu tiên theo tuổi',
  adult: 'Tuổi thành niên (lĩnh vực chỉ cấp số cho người thành niên)',
  noAge: 'Không ưu tiên theo tuổi',
};

it("an admin sets the site's card rules and a field that requires the card, and the kiosk follows", async () => {
  const { page, errors } = await openPage(browser, `${t.url}/admin/`, {
    width: 1366,
    height: 1600,
  });
  await signIn(page);
  await page.click('nav >> text=Trung tâm và địa chỉ');
  let section = page.locator('[data-testid=id-card-section]');
  await section.waitFor();
  // The defaults: no scanning, priority from 75 without a class yet, adults from 18.
  expect(await section.getByLabel(SITE.scan).inputValue()).toBe('off');
  expect(await section.getByLabel(SITE.age).inputValue()).toBe('75');
  await section
    .getByLabel(SITE.scan)
    .selectOption({ label: 'Quét nếu công dân muốn (để được ưu tiên theo tuổi)' });
  await section.getByLabel(SITE.age).fill('80');
  await section.getByLabel(SITE.ageClass).selectOption({ label: 'Người cao tuổi' });
  await section.getByLabel(SITE.adult).fill('18');
  await page.click('[data-testid=save-config]');
  await expect.poll(() => page.textContent('[role=status]')).toContain('Đã lưu');
  expect(t.hub.queue.live.config.idCard).toEqual({
    scan: 'optional',
    priorityAge: 80,
    priorityClassId: 'cao-tuoi',
    adultAge: 18,
  });
  if (SHOTS) await section.screenshot({ path: `${SHOTS}/idhub-admin-site.png` });

  // Đất đai requires the card and an adult.
  await page.click('nav >> text=Lĩnh vực');
  await page.click('tr[data-field=dat-dai]');
  let field = page.locator('[data-testid=id-card-settings]');
  await field.waitFor();
  expect(await field.getByLabel('Quét căn cước khi lấy số').inputValue()).toBe('site');
  await field
    .getByLabel('Quét căn cước khi lấy số')
    .selectOption({ label: 'Bắt buộc quét căn cước để lấy số' });
  await field.getByLabel('Chỉ cấp số cho người đủ tuổi thành niên').check();
  expect(await field.textContent()).toContain('phải nhập 12 số định danh cá nhân');
  await page.click('[data-testid=save-config]');
  await expect.poll(() => page.textContent('[role=status]')).toContain('Đã lưu');
  expect(t.hub.queue.live.config.fields.find((f) => f.id === 'dat-dai')!.idCard).toEqual({
    scan: 'required',
    adultsOnly: true,
  });
  if (SHOTS) await field.screenshot({ path: `${SHOTS}/idhub-admin-field.png` });

  // The kiosk follows at once: no card, no number; a card of 80 gets the age class.
  const kiosk = (await t.connectReady(t.tokens.kiosk!)).socket;
  const none = await request(kiosk, 'ticket:issue', { fieldId: 'dat-dai', priorityClassId: null });
  expect(none.ok ? 'OK' : none.error.code).toBe('ID_CARD_REQUIRED');
  const elder = await request(kiosk, 'ticket:issue', {
    fieldId: 'dat-dai',
    priorityClassId: null,
    idCard: { number: '001146012345', birthDate: '1946-03-02' },
  });
  expect(elder.ok && elder.data.ticket.priorityClassId).toBe('cao-tuoi');

  // After a reload the page shows what is stored; the audit log names the changes in Vietnamese.
  await page.reload();
  await page.click('nav >> text=Lĩnh vực');
  await page.click('tr[data-field=dat-dai]');
  field = page.locator('[data-testid=id-card-settings]');
  await field.waitFor();
  expect(await field.getByLabel('Quét căn cước khi lấy số').inputValue()).toBe('required');
  expect(await field.getByLabel('Chỉ cấp số cho người đủ tuổi thành niên').isChecked()).toBe(true);
  await page.click('nav >> text=Trung tâm và địa chỉ');
  section = page.locator('[data-testid=id-card-section]');
  await section.waitFor();
  expect(await section.getByLabel(SITE.age).inputValue()).toBe('80');
  await page.click('nav >> text=Nhật ký');
  await expect.poll(() => page.textContent('main')).toContain('Bắt buộc quét căn cước để lấy số');

  // Priority by age off: the age and class fields go, the hub stores null.
  await page.click('nav >> text=Trung tâm và địa chỉ');
  await section.waitFor();
  await section.getByLabel(SITE.noAge).check();
  expect(await section.getByLabel(SITE.age).count()).toBe(0);
  await page.click('[data-testid=save-config]');
  await expect.poll(() => t.hub.queue.live.config.idCard.priorityAge).toBeNull();
  expect(errors).toEqual([]);
});
