import { afterEach, describe, expect, it } from 'vitest';
import type { PublicTicketView } from '@luot/protocol';
import { request, startTestHub, type TestHub } from '../testing/index.ts';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

describe('phone pages', () => {
  it('get a new view when their place changes, and none when nothing they show changed', async () => {
    t = await startTestHub({ counters: 2 });
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    const issue = async (fieldId = 'ho-tich') => {
      t.clock.advance(60_000);
      const res = await request(kiosk, 'ticket:issue', { fieldId });
      if (!res.ok) throw new Error(res.error.code);
      return res.data;
    };
    await issue();
    const mine = await issue();
    const phone = t.connect(mine.token);
    const views: PublicTicketView[] = [];
    phone.on('ticket:view', (v) => views.push(v));
    await expect.poll(() => views.length).toBe(1);
    expect(views[0]).toMatchObject({ label: '1002', ahead: 1 });

    // Tickets behind mine, and a ticket of the other field, change nothing on my page.
    await issue();
    await issue();
    await issue('dat-dai');
    // The counter opening changes my estimate: one view. Its call moves me up: another.
    const session = await t.login('cb1', 'c1');
    const { socket: clerk } = await t.connectReady(session.token);
    await expect.poll(() => views.length).toBe(2);
    expect(views[1]).toMatchObject({ ahead: 1 });
    expect(views[1]!.estimatedWaitMinutes).not.toBe(views[0]!.estimatedWaitMinutes);
    expect((await request(clerk, 'counter:callNext', {})).ok).toBe(true);
    await expect.poll(() => views.length).toBe(3);
    expect(views[2]).toMatchObject({ ahead: 0, status: 'waiting' });

    // Starting the other citizen's service moves no one: no view. The next call (which
    // finishes that service first) calls me: one view.
    expect((await request(clerk, 'counter:start', {})).ok).toBe(true);
    expect((await request(clerk, 'counter:callNext', {})).ok).toBe(true);
    await expect.poll(() => views.at(-1)?.status).toBe('called');
    expect(views.map((v) => [v.status, v.ahead, v.counterNumber])).toEqual([
      ['waiting', 1, null],
      ['waiting', 1, null],
      ['waiting', 0, null],
      ['called', 0, 1],
    ]);
    expect(views.map((v) => v.seq)).toEqual([...views.map((v) => v.seq)].sort((a, b) => a - b));
  });

  it('get a new view when a priority ticket or a transferred older ticket goes ahead of them', async () => {
    t = await startTestHub({ counters: 2 });
    const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
    const issue = async (fieldId: string, priorityClassId: string | null = null) => {
      t.clock.advance(60_000);
      const res = await request(kiosk, 'ticket:issue', { fieldId, priorityClassId });
      if (!res.ok) throw new Error(res.error.code);
      return res.data;
    };
    await issue('dat-dai'); // A001, older than mine
    const mine = await issue('ho-tich');
    const phone = t.connect(mine.token);
    const views: PublicTicketView[] = [];
    phone.on('ticket:view', (v) => views.push(v));
    await expect.poll(() => views.length).toBe(1);
    expect(views[0]).toMatchObject({ ahead: 0 });

    await issue('ho-tich', 'cao-tuoi');
    await expect.poll(() => views.at(-1)?.ahead).toBe(1);

    // A001 is called, then transferred to my field: it keeps its issue time, so it goes ahead of me.
    const session = await t.login('cb1', 'c1');
    const { socket: clerk } = await t.connectReady(session.token);
    const called = await request(clerk, 'counter:callNext', {});
    expect(called.ok && called.data.label).toBe('1002'); // the priority ticket first
    await request(clerk, 'counter:start', {});
    await request(clerk, 'counter:finish', {});
    const older = await request(clerk, 'counter:callNext', {});
    expect(older.ok && older.data.label).toBe('A001');
    const before = views.at(-1)!.ahead;
    await request(clerk, 'counter:transfer', {
      to: { fieldId: 'ho-tich' },
      reason: 'Sai lĩnh vực',
    });
    await expect.poll(() => views.at(-1)?.ahead).toBe(before + 1);
  });
});
