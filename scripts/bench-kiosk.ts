/**
 * The kiosk end to end, for the notes and the docs: a real hub (test harness, fake clock) with
 * a realistic small centre, the built kiosk renderer in Chromium with the Electron bridge
 * stubbed, and the printer emulator on 127.0.0.1.
 *
 * 1. Screenshots of the kiosk (portrait 1080×1920) in docs/screenshots/kiosk*.png, and the
 *    first ticket as the printer received it, decoded, in docs/screenshots/kiosk-ticket-80mm.png.
 * 2. The time from a tap on "Lấy số" to the ESC/POS bytes being ready for the printer
 *    (printer check + ticket:issue over Socket.IO + TicketData through the bridge + render +
 *    encode), median and p95 over --runs taps (default 200). A figure, not a test.
 *
 * Run after `pnpm build`: pnpm bench:kiosk [--runs 200]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { request } from '@luot/hub-client';
import { launchChromium, startTestHub, testConfig } from '@luot/hub/testing';
import { bitmapToPng, countDifferentPixels, decodeRaster, renderTicket } from '@luot/printing';
import { openKiosk, startPrinterRig } from '../apps/kiosk/e2e/kiosk-harness.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const RUNS = Number(values.runs);
const shots = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

const SESSIONS = [
  { from: '07:30', to: '11:30' },
  { from: '13:30', to: '17:00' },
];
const field = (id: string, name: string, start: number, prefix = '') => ({
  id,
  name,
  numbering: { prefix, start, digits: prefix ? 3 : 4 },
  sessions: SESSIONS,
  // 1001–1999, 2001–2999…: four-digit fields share the digits, so each gets its thousand.
  dailyLimit: prefix ? null : 999,
});
const config = testConfig(3, {
  site: { name: 'Trung tâm Phục vụ Hành chính công tỉnh Bắc Ninh', timeZone: 'Asia/Ho_Chi_Minh' },
  fields: [
    { ...field('ho-tich', 'Tư pháp – Hộ tịch', 1001), kioskOrder: 0 },
    { ...field('dat-dai', 'Đất đai', 2001), kioskOrder: 1 },
    { ...field('kinh-doanh', 'Đăng ký kinh doanh', 3001), kioskOrder: 2 },
    { ...field('xay-dung', 'Xây dựng', 1, 'X'), kioskOrder: 3 },
    { ...field('lao-dong', 'Lao động – Thương binh và Xã hội', 1, 'L'), kioskOrder: 4 },
    { ...field('bhxh', 'Bảo hiểm xã hội', 1, 'B'), kioskOrder: 5, dailyLimit: 3 },
  ],
  counters: [
    { id: 'c1', number: 1, name: 'Quầy 1', fieldIds: ['ho-tich', 'xay-dung'] },
    { id: 'c2', number: 2, name: 'Quầy 2', fieldIds: ['dat-dai', 'lao-dong'] },
    { id: 'c3', number: 3, name: 'Quầy 3', fieldIds: ['kinh-doanh', 'bhxh'] },
  ],
  priorityClasses: [
    { id: 'cao-tuoi', name: 'Người cao tuổi' },
    { id: 'khuyet-tat', name: 'Người khuyết tật' },
    { id: 'mang-thai', name: 'Phụ nữ mang thai' },
    { id: 'con-nho', name: 'Người có con nhỏ' },
  ],
  texts: {
    ticketHeader: 'UBND TỈNH BẮC NINH',
    ticketFooter: 'Xin cảm ơn quý khách. Vui lòng giữ phiếu cho đến khi được phục vụ.',
  },
});

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

const hub = await startTestHub({ serveApps: true, config });
const rig = await startPrinterRig();
const browser = await launchChromium();
try {
  // A morning in progress: counters open, people waiting, Bảo hiểm xã hội sold out.
  for (const [user, counter] of [
    ['cb1', 'c1'],
    ['cb2', 'c2'],
    ['cb3', 'c3'],
  ] as const)
    await hub.login(user, counter);
  const { socket } = await hub.connectReady(hub.tokens.kiosk!);
  const queue: [string, number][] = [
    ['ho-tich', 4],
    ['dat-dai', 11],
    ['kinh-doanh', 6],
    ['xay-dung', 2],
    ['bhxh', 3],
  ];
  for (const [fieldId, n] of queue)
    for (let i = 0; i < n; i++)
      await request(socket, 'ticket:issue', { fieldId, priorityClassId: null });
  socket.disconnect();

  const { page, errors } = await openKiosk(browser, rig, {
    hubUrl: hub.url,
    token: hub.tokens.kiosk!,
  });
  await page.waitForSelector('.field-button[data-state="open"]');
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(shots, 'kiosk.png') });
  await page.click('[data-field="ho-tich"]');
  await page.screenshot({ path: join(shots, 'kiosk-confirm.png') });
  await page.click('[data-priority="cao-tuoi"]');
  await page.waitForSelector('[data-screen="printed"]');
  await page.screenshot({ path: join(shots, 'kiosk-printed.png') });

  const data = rig.printed.at(-1)!;
  const printed = decodeRaster(rig.emulator.tickets().at(-1)!);
  const diff = countDifferentPixels(printed, renderTicket(data, { paper: '80mm' }));
  if (diff !== 0)
    throw new Error(`the printed ticket differs from the rendered one in ${diff} dots`);
  writeFileSync(join(shots, 'kiosk-ticket-80mm.png'), bitmapToPng(printed));
  console.log(`ticket ${data.label} (${data.fieldName}) → docs/screenshots/kiosk-ticket-80mm.png`);

  // The printer drops the next ticket part way: the number is shown with its QR code.
  await page.getByRole('button', { name: 'Xong' }).click();
  rig.emulator.dropAfter(10_000);
  await page.click('[data-field="dat-dai"]');
  await page.getByTestId('take-number').click();
  await page.waitForSelector('[data-screen="on-screen"]');
  await page.screenshot({ path: join(shots, 'kiosk-printer-fault.png') });
  await page.getByRole('button', { name: 'Xong' }).click();

  const taps: number[] = [];
  const encodeFrom = rig.encodeMs.length;
  for (let i = 0; i < RUNS; i++) {
    await page.click('[data-field="ho-tich"]');
    await page.getByTestId('take-number').click();
    await page.waitForSelector('[data-screen="printed"]');
    const tapAt = await page.evaluate(
      () => performance.timeOrigin + performance.getEntriesByName('luot:tap').at(-1)!.startTime,
    );
    taps.push(rig.bytesReadyAt.at(-1)! - tapAt);
    await page.getByRole('button', { name: 'Xong' }).click();
  }
  taps.sort((a, b) => a - b);
  const encode = rig.encodeMs.slice(encodeFrom).sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    `tap → ESC/POS bytes ready: median ${ms(quantile(taps, 0.5))}, p95 ${ms(quantile(taps, 0.95))}` +
      ` (render + encode median ${ms(quantile(encode, 0.5))}; ${RUNS} taps)`,
  );
  if (errors.length) console.log('page errors:', errors);
} finally {
  await browser.close();
  await rig.close();
  await hub.close();
}
