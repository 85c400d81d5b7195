import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bitmapToRgba,
  countDifferentPixels,
  decodeRaster,
  renderTicket,
  startPrinterEmulator,
  ticketDataFor,
  viTicketMessages,
  type PrinterEmulator,
} from '@luot/printing';
import { promisedWaitMinutes } from '@luot/domain';
import type { HubSocket } from '@luot/hub-client';
import type { DeskPrintJob, PublicTicketView } from '@luot/protocol';
import { openDatabase, tableDigest, type Db } from './db/index.ts';
import { signInAtDesk } from '../testing/desk.ts';
import { PASSWORD, request, startTestHub, testConfig, type TestHub } from '../testing/test-hub.ts';

/** POST /api/login as the counter app sends it; the answer's status and error code. */
async function tryLogin(url: string, body: Record<string, unknown>) {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: PASSWORD, bearer: true, ...body }),
  });
  const answer = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
  return { status: res.status, code: answer.error?.code, message: answer.error?.message ?? '' };
}

describe('a guide at a reception desk', () => {
  let t: TestHub;
  let db: Db;
  let printer: PrinterEmulator;
  let guide: HubSocket;
  /** A guide at the desk whose printer is off (its port refuses connections). */
  let unlucky: HubSocket;
  /** A guide at the desk that prints on the kiosk. */
  let kioskDesk: HubSocket;
  let clerk: HubSocket;

  beforeAll(async () => {
    printer = await startPrinterEmulator();
    const dead = await startPrinterEmulator();
    const deadPort = dead.port;
    await dead.close();
    t = await startTestHub({
      counters: 2,
      // The clock jumps past closing time; sessions must outlive the jump.
      hub: { sessionIdleMs: 24 * 60 * 60_000 },
      config: testConfig(2, {
        desks: [
          { id: 'ban1', name: 'Bàn tiếp dân', printer: { host: '127.0.0.1', port: printer.port } },
          { id: 'ban2', name: 'Bàn cạnh ki-ốt', kioskId: 'kiosk' },
          { id: 'ban3', name: 'Bàn máy in hỏng', printer: { host: '127.0.0.1', port: deadPort } },
        ],
      }),
    });
    db = openDatabase(t.dbPath);
    guide = (await t.connectReady((await signInAtDesk(t, 'ban1')).token)).socket;
    unlucky = (await t.connectReady((await signInAtDesk(t, 'ban3', 'hd2')).token)).socket;
    kioskDesk = (await t.connectReady((await signInAtDesk(t, 'ban2', 'hd3')).token)).socket;
    clerk = (await t.connectReady((await t.login('cb1', 'c1')).token)).socket;
  });
  afterAll(async () => {
    db.close();
    await t.close();
    await printer.close();
  });

  it('signs in only at a desk of the site, and only a guide does', async () => {
    expect(await tryLogin(t.url, { username: 'hd1' })).toMatchObject({
      status: 400,
      message: expect.stringContaining('cần chọn bàn hướng dẫn'),
    });
    expect(await tryLogin(t.url, { username: 'hd1', counterId: 'c2' })).toMatchObject({
      status: 400,
      message: expect.stringContaining('không tại quầy'),
    });
    expect(await tryLogin(t.url, { username: 'hd1', deskId: 'ban-9' })).toMatchObject({
      status: 404,
      message: expect.stringContaining('không có trong cấu hình'),
    });
    expect(
      await tryLogin(t.url, { username: 'cb2', counterId: 'c2', deskId: 'ban1' }),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining('Chỉ tài khoản hướng dẫn'),
    });
    const session = await signInAtDesk(t, 'ban1');
    expect(session.user.role).toBe('guide');
    expect(session.deskId).toBe('ban1');
    expect(session.counterId).toBeNull();
  });

  it('a clerk cannot issue at a desk, a guide cannot call, and neither changes anything', async () => {
    const before = tableDigest(db);
    const seq = t.hub.queue.seq;
    const byClerk = await request(clerk, 'desk:issue', { fieldId: 'ho-tich' });
    expect(!byClerk.ok && byClerk.error.code).toBe('FORBIDDEN');
    const byGuide = await request(guide, 'counter:callNext', {});
    expect(!byGuide.ok && byGuide.error.code).toBe('FORBIDDEN');
    const kioskWay = await request(guide, 'ticket:issue', { fieldId: 'ho-tich' });
    expect(!kioskWay.ok && kioskWay.error.code).toBe('FORBIDDEN');
    expect(tableDigest(db)).toBe(before);
    expect(t.hub.queue.seq).toBe(seq);
    expect(printer.tickets()).toHaveLength(0);
  });

  let label = '';
  let ticketId = '';

  it('issues a priority number printed on the desk printer, with the QR code to its phone page', async () => {
    const issued = await request(guide, 'desk:issue', {
      fieldId: 'dat-dai',
      priorityClassId: 'cao-tuoi',
    });
    if (!issued.ok) throw new Error(issued.error.message);
    const { ticket, print } = issued.data;
    expect(print).toEqual({ printed: true, where: 'printer', name: `127.0.0.1:${printer.port}` });
    expect(ticket).toMatchObject({
      label: 'A001',
      fieldId: 'dat-dai',
      priorityClassId: 'cao-tuoi',
    });
    label = ticket.label;
    ticketId = ticket.id;

    expect(printer.tickets()).toHaveLength(1);
    const printed = decodeRaster(printer.tickets()[0]!);
    const qr = jsQR(bitmapToRgba(printed), printed.width, printed.height)?.data ?? '';
    expect(qr).toMatch(new RegExp(`^${t.url}/t/[A-Za-z0-9_-]{22}$`));
    // Exactly the ticket the kiosk would print from the same answer.
    const expected = ticketDataFor(
      t.hub.queue.live,
      {
        ticket,
        path: new URL(qr).pathname,
        ahead: 0,
        estimatedWaitMinutes: issued.data.estimatedWaitMinutes,
      },
      t.url,
      { priorityPrefix: viTicketMessages.priorityPrefix },
    );
    expect(countDifferentPixels(printed, renderTicket(expected, { paper: '80mm' }))).toBe(0);
    // The QR code opens this ticket's phone page.
    const phone = t.connect(new URL(qr).pathname.slice(3));
    const view = await new Promise<PublicTicketView>((resolve) =>
      phone.once('ticket:view', resolve),
    );
    expect(view.label).toBe('A001');
    phone.disconnect();
  });

  it("looks today's ticket up by its number: field, status, people ahead", async () => {
    await request(guide, 'desk:issue', { fieldId: 'dat-dai', priorityClassId: null });
    const found = await request(guide, 'desk:lookup', { label: 'a002' });
    if (!found.ok) throw new Error(found.error.message);
    expect(found.data.ticket).toMatchObject({
      label: 'A002',
      status: 'waiting',
      fieldId: 'dat-dai',
    });
    expect(found.data.ahead).toBe(1);
    const missing = await request(guide, 'desk:lookup', { label: 'A999' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
    expect(!missing.ok && missing.error.message).toContain('A999');
  });

  it('reprints the same number marked "IN LẠI", without a QR code, and audits who, what, where', async () => {
    const before = printer.tickets().length;
    t.clock.advance(7 * 60_000);
    const reprinted = await request(guide, 'desk:reprint', { ticketId });
    if (!reprinted.ok) throw new Error(reprinted.error.message);
    expect(reprinted.data).toMatchObject({
      ticketId,
      where: 'printer',
      reprintedAt: t.clock.now(),
    });
    const jobs = printer.tickets();
    expect(jobs).toHaveLength(before + 1);
    const printed = decodeRaster(jobs.at(-1)!);
    const ticket = t.hub.queue.live.tickets[ticketId]!;
    const expected = ticketDataFor(
      t.hub.queue.live,
      {
        ticket,
        path: '',
        ahead: 0,
        estimatedWaitMinutes: promisedWaitMinutes(t.hub.queue.live, ticket, t.clock.now()),
      },
      t.url,
      { priorityPrefix: viTicketMessages.priorityPrefix, reprintedAt: t.clock.now() },
    );
    expect(expected.label).toBe(label);
    expect(expected.qrUrl).toBe('');
    expect(countDifferentPixels(printed, renderTicket(expected, { paper: '80mm' }))).toBe(0);
    expect(jsQR(bitmapToRgba(printed), printed.width, printed.height)?.data ?? '').toBe('');

    const audit = await t.store.listAudit(10);
    const entry = audit.find((e) => e.action === 'ticket.reprint');
    expect(entry).toMatchObject({
      actor: 'hd1',
      target: `số ${label}`,
      detail: { ticketId, label, deskId: 'ban1', printedOn: `127.0.0.1:${printer.port}` },
    });
  });

  it('refuses a reprint of a finished ticket, an unknown ticket, and a number out of hours; nothing changes', async () => {
    // The clerk serves A001 to the end.
    for (const step of ['counter:callNext', 'counter:start', 'counter:finish'] as const) {
      const r = await request(clerk, step, {});
      expect(r.ok, step).toBe(true);
    }
    expect(t.hub.queue.live.tickets[ticketId]!.status).toBe('done');
    // 17:30: the land field (07:30–17:00) no longer issues, at the desk as at the kiosk. A first
    // look-up records the session's use at the new time, so the digest below sees only refusals.
    const now = t.clock.now();
    t.clock.set(Date.parse('2026-11-23T10:30:00Z'));
    await request(guide, 'desk:lookup', { label });
    const before = tableDigest(db);
    const seq = t.hub.queue.seq;
    const jobs = printer.tickets().length;
    const late = await request(guide, 'desk:issue', { fieldId: 'dat-dai' });
    expect(!late.ok && late.error.code).toBe('OUTSIDE_HOURS');
    const done = await request(guide, 'desk:reprint', { ticketId });
    expect(!done.ok && done.error.code).toBe('NOT_REPRINTABLE');
    expect(!done.ok && done.error.message).toContain('không in lại được');
    const unknown = await request(guide, 'desk:reprint', { ticketId: 'khong-co' });
    expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');
    expect(tableDigest(db)).toBe(before);
    expect(t.hub.queue.seq).toBe(seq);
    t.clock.set(now);
    expect(printer.tickets()).toHaveLength(jobs);
  });

  it('keeps the number when the desk printer is off, says so, and refuses the reprint', async () => {
    const issued = await request(unlucky, 'desk:issue', { fieldId: 'ho-tich' });
    if (!issued.ok) throw new Error(issued.error.message);
    expect(issued.data.print.printed).toBe(false);
    if (!issued.data.print.printed) {
      expect(issued.data.print.error.code).toBe('PRINTER_UNAVAILABLE');
      expect(issued.data.print.error.message).toContain('Số vẫn được cấp');
    }
    expect(t.hub.queue.live.tickets[issued.data.ticket.id]!.status).toBe('waiting');
    const audits = (await t.store.listAudit(50)).length;
    const reprint = await request(unlucky, 'desk:reprint', { ticketId: issued.data.ticket.id });
    expect(!reprint.ok && reprint.error.code).toBe('PRINTER_UNAVAILABLE');
    expect((await t.store.listAudit(50)).length).toBe(audits);
  });

  it("sends the desk's ticket to its kiosk, which prints it; an offline kiosk is said so", async () => {
    const offline = await request(kioskDesk, 'desk:issue', { fieldId: 'ho-tich' });
    if (!offline.ok) throw new Error(offline.error.message);
    expect(offline.data.print.printed).toBe(false);
    if (!offline.data.print.printed)
      expect(offline.data.print.error.message).toContain('ki-ốt kiosk không kết nối');

    const kiosk = (await t.connectReady(t.tokens.kiosk!)).socket;
    const jobs: DeskPrintJob[] = [];
    kiosk.on('desk:print', (job, ack) => {
      jobs.push(job);
      ack({ ok: true, data: { printed: true } });
    });
    const issued = await request(kioskDesk, 'desk:issue', { fieldId: 'ho-tich' });
    if (!issued.ok) throw new Error(issued.error.message);
    expect(issued.data.print).toEqual({ printed: true, where: 'kiosk', name: 'kiosk' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      ticket: { id: issued.data.ticket.id, label: issued.data.ticket.label },
      path: expect.stringMatching(/^\/t\/[A-Za-z0-9_-]{22}$/),
      reprintedAt: null,
      deskName: 'Bàn cạnh ki-ốt',
    });
    const reprint = await request(kioskDesk, 'desk:reprint', { ticketId: issued.data.ticket.id });
    expect(reprint.ok && reprint.data.where).toBe('kiosk');
    expect(jobs[1]).toMatchObject({ path: '', reprintedAt: t.clock.now() });
    kiosk.disconnect();
  });
});
