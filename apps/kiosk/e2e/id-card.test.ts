// The ID card at the kiosk in Chromium against a real hub: a CCCD's QR typed into the page as a
// keyboard reader types it, the 12-digit keypad, age priority, adults-only, the day's limit,
// garbage and a reader firing twice.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startTestHub, testConfig, type TestHub } from '@luot/hub/testing';
import { openKiosk, startPrinterRig, type PrinterRig } from './kiosk-harness.ts';

/** Where screenshots go for a person to look at (not the repository); unset: none. */
const SHOTS = process.env.LUOT_SHOTS_DIR;

/** Made-up cards as the QR reads: number|old id|name|birth|sex|address|issued. Today: 23/11/2026. */
const ADULT = '001090012345|012345678|Nguyễn Văn An|17051990|Nam|Số 1 Tràng Tiền, Hà Nội|01072021';
const ELDER = '001145000123||Trần Thị Bình|02031945|Nữ|Hàng Bạc, Hoàn Kiếm, Hà Nội|10102022';
const MINOR = '001310004567||Phạm Thị Chi|15082010|Nữ|Cầu Giấy, Hà Nội|20092025';
const REGULAR = '079085001234||Võ Văn Dũng|20011985|Nam|Quận 1, TP. Hồ Chí Minh|05052021';
/** The adult's card with a birth year its number does not encode: a garbled or forged code. */
const INCONSISTENT = ADULT.replace('17051990', '17051991');

/**
 * The test centre: civil status offers the card (optional), land needs it and an adult; age 75
 * gives "Người cao tuổi" there; two numbers a person a day.
 */
function cardCentre() {
  const base = testConfig();
  return testConfig(3, {
    fields: base.fields.map((f) => ({
      ...f,
      idCard: f.id === 'dat-dai' ? { scan: 'required', adultsOnly: true } : { scan: 'optional' },
    })),
    priorityClasses: [
      { id: 'cao-tuoi', name: 'Người cao tuổi' },
      { id: 'khuyet-tat', name: 'Người khuyết tật' },
    ],
    idCard: { scan: 'off', priorityAge: 75, priorityClassId: 'cao-tuoi', adultAge: 18 },
  });
}

let hub: TestHub;
let rig: PrinterRig;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  hub = await startTestHub({ serveApps: true, config: cardCentre() });
  rig = await startPrinterRig();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
  await hub?.close();
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.context().close();
  // The hub spaces one kiosk's numbers 2 s apart by its clock: each test starts past that.
  hub.clock.advance(5_000);
});

async function kiosk(viewport?: { width: number; height: number }) {
  const opened = await openKiosk(browser, rig, {
    hubUrl: hub.url,
    token: hub.tokens.kiosk!,
    ...(viewport && { viewport }),
  });
  pages.push(opened.page);
  await opened.page.waitForSelector('.field-button[data-state="open"]');
  return opened;
}

const tickets = () => Object.values(hub.hub.queue.live.tickets);
const shot = async (page: Page, name: string) => {
  if (!SHOTS) return;
  // A result screen's buttons wake after 1.5 s: show them awake.
  if (await page.$('.done-button')) await page.waitForSelector('.done-button:not([disabled])');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `idkiosk-${name}.png`) });
};

/**
 * A QR reader types a whole code within milliseconds: its key presses are dispatched in the page
 * in one go (a busy test machine slows the browser's own typing to a person's pace).
 */
async function scan(page: Page, text: string) {
  await page.evaluate(
    (keys) => {
      const target = document.activeElement ?? document.body;
      for (const key of keys)
        target.dispatchEvent(
          new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
        );
    },
    [...text, 'Enter'],
  );
}

/** Chooses a field on the main screen and waits for the card step. */
async function cardStep(page: Page, fieldId: string) {
  await page.click(`[data-field="${fieldId}"]`);
  await page.waitForSelector('[data-screen="id-card"]');
}

const refusal = (page: Page) => page.getByTestId('not-issued-reason').textContent();

/** Taps _Lấy số_ and waits for the printed screen; the ticket the hub issued. */
async function takeNumber(page: Page) {
  const before = new Set(tickets().map((t) => t.id));
  await page.getByTestId('take-number').click();
  await page.waitForSelector('[data-screen="printed"]', { timeout: 20_000 });
  return tickets().find((t) => !before.has(t.id))!;
}

describe('the card step at the kiosk', () => {
  it('asks for the card in a field that needs it, with no skip; an adult scans and gets a number', async () => {
    const { page, errors } = await kiosk();
    await cardStep(page, 'dat-dai');
    expect(await page.getAttribute('[data-screen="id-card"]', 'data-mode')).toBe('required');
    expect(await page.textContent('h1')).toBe('Quét căn cước công dân');
    expect(await page.locator('.id-card-picture').getAttribute('aria-label')).toContain(
      'mã QR ở góc trên',
    );
    expect(await page.getByTestId('id-skip').count()).toBe(0);
    await shot(page, 'step-required');

    await scan(page, ADULT);
    await page.waitForSelector('[data-screen="confirm"]');
    expect(await page.getByTestId('card-received').textContent()).toBe(
      'Đã nhận thẻ căn cước công dân',
    );
    expect(await page.getByTestId('age-priority').count()).toBe(0);
    // The age class is proven by the card here: not a button to tap.
    const classes = await page.$$eval('.priority-button', (b) => b.map((x) => x.textContent));
    expect(classes).toEqual(['Người khuyết tật']);
    // Nothing of the card but that it was read: no name, no birth date, no address, no number.
    const body = await page.innerText('body');
    for (const secret of ['Nguyễn', '1990', 'Tràng Tiền', '001090012345'])
      expect(body).not.toContain(secret);

    const ticket = await takeNumber(page);
    expect(ticket).toMatchObject({ fieldId: 'dat-dai', priorityClassId: null });
    expect(rig.printed.at(-1)).toMatchObject({ label: ticket.label, priorityName: null });
    expect(JSON.stringify(rig.printed.at(-1))).not.toMatch(/Nguyễn|001090012345|1990-05-17/);
    expect(errors).toEqual([]);
  });

  it('offers a skip where the card is optional, and then the age class is still not a tap', async () => {
    const { page } = await kiosk();
    await cardStep(page, 'ho-tich');
    expect(await page.getAttribute('[data-screen="id-card"]', 'data-mode')).toBe('optional');
    await shot(page, 'step-optional');
    await page.getByTestId('id-skip').click();
    await page.waitForSelector('[data-screen="confirm"]');
    expect(await page.getByTestId('card-received').count()).toBe(0);
    const classes = await page.$$eval('.priority-button', (b) => b.map((x) => x.textContent));
    expect(classes).toEqual(['Người khuyết tật']);
    const ticket = await takeNumber(page);
    expect(ticket).toMatchObject({ fieldId: 'ho-tich', priorityClassId: null });
  });

  it('tells an elderly citizen of priority by age before printing; the ticket says it', async () => {
    const { page } = await kiosk();
    await cardStep(page, 'dat-dai');
    await scan(page, ELDER);
    await page.waitForSelector('[data-testid="age-priority"]');
    expect(await page.getByTestId('age-priority').textContent()).toBe(
      'Quý khách được ưu tiên theo độ tuổi',
    );
    await shot(page, 'age-priority');
    const ticket = await takeNumber(page);
    expect(ticket.priorityClassId).toBe('cao-tuoi');
    expect(rig.printed.at(-1)).toMatchObject({
      label: ticket.label,
      priorityName: 'Ưu tiên – Người cao tuổi',
    });
    expect(await page.textContent('.result-priority')).toBe('Ưu tiên – Người cao tuổi');
  });

  it('refuses a minor in a field for adults: a clear reason and no number', async () => {
    const { page } = await kiosk();
    const before = tickets().length;
    const printed = rig.printed.length;
    await cardStep(page, 'dat-dai');
    await scan(page, MINOR);
    await page.waitForSelector('[data-screen="not-issued"]');
    expect(await refusal(page)).toContain('chỉ cấp số cho công dân từ đủ 18 tuổi');
    await shot(page, 'refused-minor');
    expect(tickets()).toHaveLength(before);
    expect(rig.printed).toHaveLength(printed);
  });

  it('refuses garbage and an inconsistent card on the kiosk, and lets the citizen scan again', async () => {
    const { page } = await kiosk();
    const before = tickets().length;
    await cardStep(page, 'dat-dai');
    await scan(page, 'https://example.com/khong-phai-the');
    await page.waitForSelector('[data-screen="not-issued"]');
    expect(await refusal(page)).toContain('Mã vừa quét không phải căn cước công dân');
    await shot(page, 'refused-not-a-card');
    await page.getByTestId('retry').click({ timeout: 5_000 });
    await page.waitForSelector('[data-screen="id-card"]');

    await scan(page, INCONSISTENT);
    await page.waitForSelector('[data-screen="not-issued"]');
    expect(await refusal(page)).toContain('không khớp với số căn cước');
    await shot(page, 'refused-inconsistent');

    // Card-shaped garbage on the main screen: no card, and not tried as a booking either.
    await page.getByRole('button', { name: 'Quay lại' }).click({ timeout: 5_000 });
    await page.waitForSelector('[data-screen="home"]');
    await scan(page, 'a|b|c|d|e|f|g');
    await page.waitForSelector('[data-screen="not-issued"]');
    expect(await refusal(page)).toContain('không phải căn cước công dân');
    expect(tickets()).toHaveLength(before);
  });

  it('takes the 12 digits on the keypad, by touch and keyboard, and refuses a number that is none', async () => {
    const { page, errors } = await kiosk();
    await cardStep(page, 'dat-dai');
    await page.getByTestId('id-type-number').click();
    await page.waitForSelector('[data-screen="id-keypad"]');
    for (const d of '0970') await page.click(`[data-digit="${d}"]`);
    await page.keyboard.type('90012345', { delay: 120 });
    expect(await page.getByTestId('id-number').getAttribute('data-number')).toBe('097090012345');
    await page.getByTestId('id-number-submit').click();
    expect(await page.getByTestId('id-number-error').textContent()).toContain(
      'không phải số căn cước công dân',
    );
    await shot(page, 'keypad-wrong');
    // Each key is as big as a finger needs.
    const keys = await page.$$eval('.id-key', (els) =>
      els.map((e) => Math.min(e.getBoundingClientRect().width, e.getBoundingClientRect().height)),
    );
    expect(keys).toHaveLength(12);
    for (const k of keys) expect(k).toBeGreaterThanOrEqual(120);

    await page.click('[data-digit="clear"]');
    await page.keyboard.type('001045000777', { delay: 120 });
    await page.click('[data-digit="backspace"]');
    await page.click('[data-digit="7"]');
    await shot(page, 'keypad');
    await page.getByTestId('id-number-submit').click();
    await page.waitForSelector('[data-screen="confirm"]');
    // Typed: the birth year alone (1945) gives priority by age.
    expect(await page.getByTestId('age-priority').count()).toBe(1);
    const ticket = await takeNumber(page);
    expect(ticket.priorityClassId).toBe('cao-tuoi');
    expect(errors).toEqual([]);
  });

  it('refuses a third number for the same card today, scanned or typed', async () => {
    const { page } = await kiosk();
    await cardStep(page, 'ho-tich');
    await scan(page, REGULAR);
    await page.waitForSelector('[data-screen="confirm"]');
    await takeNumber(page);
    hub.clock.advance(5_000);

    await page.getByRole('button', { name: 'Xong' }).click({ timeout: 5_000 });
    await cardStep(page, 'dat-dai');
    await page.getByTestId('id-type-number').click();
    await page.keyboard.type('079085001234', { delay: 60 });
    await page.getByTestId('id-number-submit').click();
    await page.waitForSelector('[data-screen="confirm"]');
    await takeNumber(page);
    hub.clock.advance(5_000);

    const before = tickets().length;
    await page.getByRole('button', { name: 'Xong' }).click({ timeout: 5_000 });
    await cardStep(page, 'ho-tich');
    await page.getByTestId('id-type-number').click();
    await page.keyboard.type('079085001234', { delay: 60 });
    await page.getByTestId('id-number-submit').click();
    await page.getByTestId('take-number').click();
    await page.waitForSelector('[data-screen="not-issued"]', { timeout: 20_000 });
    expect(await refusal(page)).toContain('đã lấy đủ 2 số trong ngày hôm nay');
    await shot(page, 'refused-limit');
    expect(tickets()).toHaveLength(before);
  });

  it('ignores a reader firing twice: one card read, nothing alarming, one number', async () => {
    const { page } = await kiosk();
    const before = tickets().length;
    // Scanned on the main screen first: held for the field chosen next.
    await scan(page, ADULT.replace('001090012345', '001090054321'));
    await scan(page, ADULT.replace('001090012345', '001090054321'));
    await page.waitForSelector('[data-testid="home-note"]');
    expect(await page.getByTestId('home-note').textContent()).toBe(
      'Đã đọc thẻ căn cước. Mời quý khách chọn lĩnh vực.',
    );
    await shot(page, 'held-on-home');
    await page.click('[data-field="dat-dai"]');
    await page.waitForSelector('[data-screen="confirm"]');
    expect(await page.getByTestId('card-received').count()).toBe(1);

    // The same card again on the confirm screen, twice at once: nothing changes.
    const screenBefore = await page.innerText('[data-screen="confirm"]');
    await scan(page, ADULT.replace('001090012345', '001090054321'));
    await scan(page, ADULT.replace('001090012345', '001090054321'));
    await page.waitForTimeout(300);
    expect(await page.innerText('[data-screen="confirm"]')).toBe(screenBefore);
    expect(await page.locator('[role="alert"]').count()).toBe(0);

    await takeNumber(page);
    await scan(page, ADULT.replace('001090012345', '001090054321'));
    await page.waitForTimeout(300);
    expect(await page.getAttribute('main, section', 'data-screen')).toBe('printed');
    expect(tickets()).toHaveLength(before + 1);
  });

  it('forgets the card when the visit ends: back to the start, the card step asks again', async () => {
    const { page } = await kiosk();
    await cardStep(page, 'dat-dai');
    await scan(page, ADULT);
    await page.waitForSelector('[data-screen="confirm"]');
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.waitForSelector('[data-screen="home"]');
    await cardStep(page, 'dat-dai');
  });

  for (const [width, height] of [
    [1920, 1080],
    [1366, 768],
  ] as const)
    it(`shows the whole card step and keypad on a ${width}×${height} screen`, async () => {
      const { page } = await kiosk({ width, height });
      await cardStep(page, 'ho-tich');
      const onScreen = async (selector: string) => {
        for (const box of await page.$$eval(selector, (els) =>
          els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect),
        )) {
          expect(box.bottom).toBeLessThanOrEqual(height);
          expect(box.right).toBeLessThanOrEqual(width);
          expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(
            selector === '.id-digit' ? 40 : 90,
          );
        }
      };
      await onScreen('.id-card button');
      await shot(page, `step-${width}x${height}`);
      await page.getByTestId('id-type-number').click();
      await page.waitForSelector('[data-screen="id-keypad"]');
      await onScreen('.id-key');
      await onScreen('.id-digit');
      await onScreen('.id-keypad .check-in-actions button');
      await shot(page, `keypad-${width}x${height}`);
    });
});
