import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicTicketView, SequencedEvent, Snapshot } from '@luot/protocol';
import { PASSWORD, request, startTestHub, type TestHub } from '../testing/test-hub.ts';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub({ counters: 2 });
});
afterEach(async () => {
  await t.close();
});

describe('a morning at the hub over real sockets', () => {
  it('issues, calls and finishes tickets while a display sees every event in order', async () => {
    const { socket: display, snapshot } = await t.connectReady(t.tokens.display!);
    const seen: SequencedEvent[] = [];
    display.on('event', (e) => seen.push(e));

    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    const s1 = await t.login('cb1', 'c1');
    const s2 = await t.login('cb2', 'c2');
    const { socket: clerk1 } = await t.connectReady(s1.token);
    const { socket: clerk2 } = await t.connectReady(s2.token);

    const labels: string[] = [];
    for (const fieldId of ['ho-tich', 'ho-tich', 'dat-dai', 'ho-tich']) {
      t.clock.advance(30_000);
      const res = await request(kiosk, 'ticket:issue', { fieldId });
      expect(res.ok).toBe(true);
      if (res.ok) labels.push(res.data.ticket.label);
    }
    expect(labels).toEqual(['1001', '1002', 'A001', '1003']);

    // Counter 1 and counter 2 take the two longest-waiting tickets.
    const a = await request(clerk1, 'counter:callNext', {});
    const b = await request(clerk2, 'counter:callNext', {});
    expect(a.ok && a.data.label).toBe('1001');
    expect(b.ok && b.data.label).toBe('1002');
    for (const clerk of [clerk1, clerk2]) {
      t.clock.advance(60_000);
      expect((await request(clerk, 'counter:start', {})).ok).toBe(true);
      t.clock.advance(300_000);
      expect((await request(clerk, 'counter:finish', {})).ok).toBe(true);
    }
    const c = await request(clerk1, 'counter:callNext', {});
    expect(c.ok && c.data.label).toBe('A001');

    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(13);
    // No gap and no repeat: each event's seq is one more than the last, starting after the snapshot.
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => snapshot.seq + 1 + i));
    expect(seen.map((e) => e.event.type)).toEqual([
      'counter.opened',
      'counter.opened',
      'ticket.issued',
      'ticket.issued',
      'ticket.issued',
      'ticket.issued',
      'ticket.called',
      'ticket.called',
      'ticket.started',
      'ticket.finished',
      'ticket.started',
      'ticket.finished',
      'ticket.called',
    ]);

    // The waiting and service times are in the report table, measured from the recorded steps.
    const rows = t.store.services('2026-11-23');
    const first = rows.find((r) => r.label === '1001')!;
    expect(first).toMatchObject({ counterId: 'c1', clerkId: 'cb1', outcome: 'done' });
    expect(first.calledAt - first.waitingSince).toBe(4 * 30_000 - 30_000);
    expect(first.endedAt! - first.startedAt!).toBe(300_000);
  });

  it('sends a reconnecting client a snapshot with the true state', async () => {
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    const session = await t.login('cb1', 'c1');
    const { socket: clerk } = await t.connectReady(session.token);
    await request(clerk, 'counter:callNext', {});

    const { socket: display } = await t.connectReady(t.tokens.display!);
    display.disconnect();
    await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    const again = new Promise<Snapshot>((resolve) => display.once('snapshot', resolve));
    display.connect();
    const snapshot = await again;
    const tickets = Object.values(snapshot.state.tickets);
    expect(tickets.map((x) => [x.label, x.status])).toEqual([
      ['1001', 'called'],
      ['1002', 'waiting'],
    ]);
    expect(snapshot.state.counters.c1!.currentTicketId).toBe(tickets[0]!.id);
    expect(snapshot.seq).toBe(t.hub.queue.seq);
  });

  it('lets a phone page see only its own ticket, live', async () => {
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    const first = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    const mine = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    if (!first.ok || !mine.ok) throw new Error('issue failed');
    expect(mine.data.ahead).toBe(1);

    const phone = t.connect(mine.data.token);
    const views: PublicTicketView[] = [];
    phone.on('ticket:view', (v) => views.push(v));
    await expect.poll(() => views.length).toBe(1);
    expect(views[0]).toMatchObject({
      label: '1002',
      status: 'waiting',
      ahead: 1,
      fieldName: 'Tư pháp – Hộ tịch',
    });
    expect(Object.keys(views[0]!).sort()).toEqual([
      'ahead',
      'centreName',
      'counterNumber',
      'endOfDayMessage',
      'estimatedWaitMinutes',
      'fieldName',
      'issuedAt',
      'label',
      'reopening',
      'seq',
      'status',
    ]);

    const session = await t.login('cb2', 'c2');
    const { socket: clerk } = await t.connectReady(session.token);
    await request(clerk, 'counter:callNext', {});
    await expect.poll(() => views.at(-1)?.ahead).toBe(0);
    await request(clerk, 'counter:noShow', {});
    await request(clerk, 'counter:callNext', {});
    await expect.poll(() => views.at(-1)).toMatchObject({ status: 'called', counterNumber: 2 });

    // The phone's token opens nothing else.
    expect((await request(phone, 'sync:snapshot', {})).ok).toBe(false);
    expect((await request(phone, 'counter:callNext', {})).ok).toBe(false);
  });
});

describe('health check', () => {
  it('tells a monitor the day, the stored events, the connections and the memory in use', async () => {
    await t.connectReady(t.tokens.display!);
    const body = (await (await fetch(`${t.url}/healthz`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, day: '2026-11-23', connections: 1 });
    const memory = body.memoryMb as Record<string, number>;
    expect(memory.rss).toBeGreaterThan(memory.heapUsed!);
    expect(memory.heapTotal).toBeGreaterThanOrEqual(memory.heapUsed!);
    expect(memory.heapUsed).toBeGreaterThan(1);
  });
});

describe('sign-in', () => {
  const signIn = async (password: string) => {
    const res = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'giamsat', password }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { ok: boolean; error?: { code: string; message: string } },
    };
  };

  it('stops answering password guesses after five wrong ones, for a quarter of an hour', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('doan-mo')).status).toBe(401);
    const locked = await signIn(PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(locked.body.error!.message).toBe(
      'Sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút.',
    );
    t.clock.advance(15 * 60_000);
    expect(await signIn(PASSWORD)).toMatchObject({ status: 200, body: { ok: true } });
  });
});
