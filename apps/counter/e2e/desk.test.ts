import { writeFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { promisedWaitMinutes } from '@luot/domain';
import {
  bitmapToPng,
  bitmapToRgba,
  countDifferentPixels,
  decodeRaster,
  renderTicket,
  startPrinterEmulator,
  ticketDataFor,
  viTicketMessages,
  type PrinterEmulator,
} from '@luot/printing';
import {
  launchChromium,
  openPage,
  PASSWORD,
  request,
  signInAtDesk,
  startTestHub,
  testConfig,
  type TestHub,
} from '@luot/hub/testing';
import { ticketByLabel } from './helpers.ts';

const SHOTS = '/work/briefs/out/shots';
const MINUTE = 60_000;
let t: TestHub;
let browser: Browser;
let printer: PrinterEmulator;

beforeAll(async () => {
  printer = await startPrinterEmulator();
  t = await startTestHub({
    serveApps: true,
    config: testConfig(3, {
      desks: [
        {
          id: 'ban1',
          name: 'Bàn tiếp dân số 1',
          printer: { host: '127.0.0.1', port: printer.port },
        },
      ],
    }),
  });
  // Makes the guide hd1 (the session this opens is not used).
  await signInAtDesk(t, 'ban1');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await printer?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/desk-${name}.png` });

it('a guide signs in at the desk, issues a number printed on the desk printer, looks it up and reprints it "IN LẠI"', async () => {
  // Two tickets already wait in the land field, so the new one has people ahead.
  const kiosk = (await t.connectReady(t.tokens.kiosk!)).socket;
  for (let i = 0; i < 2; i++) await request(kiosk, 'ticket:issue', { fieldId: 'dat-dai' });
  kiosk.disconnect();
  t.clock.advance(2 * MINUTE);

  // 1. Sign-in: the desk is a choice beside the counters.
  const { page, errors } = await openPage(browser, `${t.url}/counter/`);
  await page.selectOption('select[name=counter]', { label: 'Bàn tiếp dân số 1' });
  await page.fill('input[name=username]', 'hd1');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=desk-name]');
  expect(await page.textContent('[data-testid=desk-name]')).toBe(
    'Bàn hướng dẫn — Bàn tiếp dân số 1',
  );
  expect(await page.textContent('[data-testid=guide-name]')).toBe('Hướng dẫn 1');
  await shot(page, 'screen');

  // 2. Issue: land, elderly (the guide vouches); the number shown big, printed at the desk.
  await page.getByLabel('Đất đai').check();
  await page.getByLabel('Người cao tuổi').check();
  await page.getByRole('button', { name: 'Cấp số', exact: true }).click();
  await expect.poll(() => page.textContent('[data-testid=desk-issued-label]')).toBe('A003');
  expect(await page.textContent('[data-testid=desk-print]')).toBe(
    `Đã in trên máy in 127.0.0.1:${printer.port}.`,
  );
  await shot(page, 'issued');
  const ticket = ticketByLabel(t, 'A003');
  expect(ticket.priorityClassId).toBe('cao-tuoi');

  expect(printer.tickets()).toHaveLength(1);
  const printed = decodeRaster(printer.tickets()[0]!);
  writeFileSync(`${SHOTS}/desk-ticket.png`, bitmapToPng(printed));
  const qr = jsQR(bitmapToRgba(printed), printed.width, printed.height)?.data ?? '';
  expect(qr).toMatch(new RegExp(`^${t.url}/t/[A-Za-z0-9_-]{22}$`));
  // The same ticket the kiosk prints from the same answer: the elderly priority is ahead of both.
  const state = t.hub.queue.live;
  const asIssued = ticketDataFor(
    state,
    {
      ticket,
      path: new URL(qr).pathname,
      ahead: 0,
      estimatedWaitMinutes: promisedWaitMinutes(state, ticket, ticket.issuedAt),
    },
    t.url,
    { priorityPrefix: viTicketMessages.priorityPrefix },
  );
  expect(countDifferentPixels(printed, renderTicket(asIssued, { paper: '80mm' }))).toBe(0);

  // 3. Look-up by number, typed in lower case.
  await page.fill('input[name=label]', 'a003');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect.poll(() => page.textContent('[data-testid=desk-found-status]')).toBe('Đang chờ');
  expect(await page.textContent('[data-testid=desk-found-ahead]')).toBe('0');
  await page.fill('input[name=label]', 'A001');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect.poll(() => page.textContent('[data-testid=desk-found-ahead]')).toBe('1');
  await page.fill('input[name=label]', 'A003');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect.poll(() => page.textContent('[data-testid=desk-found-ahead]')).toBe('0');
  await shot(page, 'lookup');

  // 4. Reprint, five minutes later: the same number, "IN LẠI" and the time, no QR code.
  t.clock.advance(5 * MINUTE);
  const reprintedAt = t.clock.now();
  await page.click('[data-testid=desk-reprint]');
  await expect
    .poll(() => page.textContent('[data-testid=desk-lookup-message]'))
    .toBe(`Đã in lại số A003 lúc 09:07 (127.0.0.1:${printer.port}). Phiếu có dòng "IN LẠI".`);
  await shot(page, 'reprint');
  expect(printer.tickets()).toHaveLength(2);
  const reprinted = decodeRaster(printer.tickets()[1]!);
  writeFileSync(`${SHOTS}/desk-reprint-ticket.png`, bitmapToPng(reprinted));
  const asReprinted = ticketDataFor(
    t.hub.queue.live,
    { ticket, path: '', ahead: 0, estimatedWaitMinutes: asIssued.estimatedWaitMinutes },
    t.url,
    { priorityPrefix: viTicketMessages.priorityPrefix, reprintedAt },
  );
  expect(countDifferentPixels(reprinted, renderTicket(asReprinted, { paper: '80mm' }))).toBe(0);
  const audit = await t.store.listAudit(20);
  expect(audit.find((e) => e.action === 'ticket.reprint')).toMatchObject({
    actor: 'hd1',
    target: 'số A003',
    detail: { deskId: 'ban1', printedOn: `127.0.0.1:${printer.port}` },
  });

  // 5. Once served, the ticket cannot be reprinted: the button says why and sends nothing.
  const clerk = (await t.connectReady((await t.login('cb1', 'c1')).token)).socket;
  for (const step of ['counter:callNext', 'counter:start', 'counter:finish'] as const)
    expect((await request(clerk, step, {})).ok).toBe(true);
  clerk.disconnect();
  await expect
    .poll(() => page.textContent('[data-testid=desk-found-status]'))
    .toBe('Đã phục vụ xong — Quầy 1');
  expect(await page.isDisabled('[data-testid=desk-reprint]')).toBe(true);
  expect(await page.textContent('.desk-found .form-note')).toBe(
    'Số này đã kết thúc, không in lại được.',
  );
  await shot(page, 'done');
  expect(printer.tickets()).toHaveLength(2);
  expect(errors).toEqual([]);
});
