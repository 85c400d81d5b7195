import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@luot/protocol';
import { PASSWORD, startTestHub, type TestHub } from '../testing/test-hub.ts';
import { hashPassword } from './auth.ts';
import type { HubOptions } from './hub.ts';

let t: TestHub | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function hub(options: Partial<HubOptions> = {}): Promise<TestHub> {
  t = await startTestHub({ counters: 2, hub: options });
  return t;
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { ok: boolean; data?: { token: string }; error?: { code: string; message: string } };
}

/** One sign-in over HTTP, optionally as if forwarded by a proxy for `forwardedFor`. */
async function signIn(
  username: string,
  password: string,
  forwardedFor?: string,
  counterId?: string,
): Promise<Answer> {
  const res = await fetch(`${t!.url}/api/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ username, password, bearer: true, ...(counterId ? { counterId } : {}) }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Answer['body'],
  };
}

const count = (answers: Answer[], status: number) =>
  answers.filter((a) => a.status === status).length;

/** The audit trail as the admin app reads it. */
async function auditTrail(): Promise<AuditEntry[]> {
  const { token } = await t!.login('admin');
  const res = await fetch(`${t!.url}/api/admin/audit?limit=200`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: AuditEntry[] }).data;
}

describe('sign-in under concurrent guesses', () => {
  it('checks no more guesses than the guard allows, however many arrive at once', async () => {
    await hub();
    const answers: Answer[] = [];
    // 300 simultaneous wrong guesses for one username from one address, then more waves.
    for (const size of [300, 50, 50, 50, 50, 50])
      answers.push(
        ...(await Promise.all(Array.from({ length: size }, () => signIn('giamsat', 'doan-mo')))),
      );
    // At most five were checked (401); every other one was refused without a hash (429).
    expect(count(answers, 401)).toBeLessThanOrEqual(5);
    expect(count(answers, 401) + count(answers, 429)).toBe(answers.length);
    // The address is now locked out of that account, the right password included.
    const right = await signIn('giamsat', PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút.',
    });
    expect(Number(right.retryAfter)).toBe(15 * 60);
  });

  it('checks one attempt per address and username at a time', async () => {
    await hub({ passwordHashLimit: 16 });
    // Keep the password thread busy, so the first guess is still being checked when the next come.
    const held = Array.from({ length: 4 }, () => hashPassword('giữ luồng'));
    const [first, second, otherUser] = await Promise.all([
      signIn('giamsat', 'doan-mo'),
      signIn('giamsat', 'doan-mo-2'),
      signIn('cb1', 'doan-mo', undefined, 'c1'),
    ]);
    await Promise.all(held);
    expect(first.status).toBe(401);
    expect(second.status).toBe(429);
    expect(second.body.error).toEqual({
      code: 'RATE_LIMITED',
      message:
        'Đang kiểm tra một lần đăng nhập khác của tài khoản này từ máy này. Vui lòng đợi giây lát rồi thử lại.',
    });
    // Another username from the same address was checked meanwhile.
    expect(otherUser.status).toBe(401);
    // The refused one did not count: the right password still opens.
    expect((await signIn('giamsat', PASSWORD)).status).toBe(200);
  });
});

describe('the cap on password hashing', () => {
  it('answers 503 at once, without queueing, while the cap is full; that attempt does not count', async () => {
    await hub({ passwordHashLimit: 6, trustProxy: ['127.0.0.1'] });
    const order: string[] = [];
    const held = Promise.all(Array.from({ length: 6 }, () => hashPassword('giữ luồng'))).then(() =>
      order.push('held hashes done'),
    );
    const refused = await signIn('giamsat', PASSWORD);
    order.push('sign-in answered');
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('1');
    expect(refused.body.error).toEqual({
      code: 'UNAVAILABLE',
      message:
        'Máy chủ đang bận kiểm tra mật khẩu của các lần đăng nhập khác. Vui lòng thử lại sau giây lát.',
    });
    await held;
    // Answered before the hashes ahead of it were done: it did not wait behind them.
    expect(order).toEqual(['sign-in answered', 'held hashes done']);

    // Once there is room, sign-ins go through; five refusals do not lock anyone out.
    const { token } = await t!.login('admin');
    const reset = (password: string) =>
      fetch(`${t!.url}/api/admin/users/cb1/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ password }),
      });
    const hold = Array.from({ length: 6 }, () => hashPassword('giữ luồng'));
    const busy = await Promise.all([
      // From PCs nobody signed in from yet (a known one may use the slots kept for priority).
      ...Array.from({ length: 5 }, (_, i) => signIn('giamsat', PASSWORD, `10.9.0.${i + 1}`)),
      reset('mat-khau-moi-1').then(async (res) => ({
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        body: (await res.json()) as Answer['body'],
      })),
    ]);
    await Promise.all(hold);
    expect(busy.map((a) => a.status)).toEqual([503, 503, 503, 503, 503, 503]);
    // A password reset shares the cap, and says so the same way.
    expect(busy[5]).toMatchObject({ retryAfter: '1', body: { error: { code: 'UNAVAILABLE' } } });
    expect((await signIn('giamsat', PASSWORD, '10.9.0.1')).status).toBe(200);
    expect((await reset('mat-khau-moi-1')).status).toBe(200);

    const busyRows = (await auditTrail()).filter((e) => e.action === 'auth.hash-busy');
    // Written at most once a minute, however many were refused.
    expect(busyRows).toHaveLength(1);
    expect(busyRows[0]).toMatchObject({ actor: 'address:127.0.0.1', target: null });
  });
});

describe('a clerk at their usual PC during a flood', () => {
  it('still gets in while guesses from other addresses fill the cap', async () => {
    await hub({ passwordHashLimit: 2, trustProxy: ['127.0.0.1'] });
    // The supervisor signed in from this PC before.
    expect((await signIn('giamsat', PASSWORD, '10.0.0.5')).status).toBe(200);
    const held = Array.from({ length: 2 }, () => hashPassword('giữ luồng'));
    const [stranger, usual] = await Promise.all([
      signIn('giamsat', PASSWORD, '10.0.0.9'),
      signIn('giamsat', PASSWORD, '10.0.0.5'),
    ]);
    await Promise.all(held);
    expect(stranger.status).toBe(503);
    expect(usual.status).toBe(200);
  });
});

describe('sign-ins in the audit trail', () => {
  it('records failures, one lock-out per lock, sign-ins and sign-outs, readably for the admin', async () => {
    await hub();
    for (let i = 0; i < 5; i++) expect((await signIn('giamsat', 'doan-mo')).status).toBe(401);
    for (let i = 0; i < 20; i++) expect((await signIn('giamsat', 'doan-mo')).status).toBe(429);
    // A password typed into the username box is not kept anywhere.
    expect((await signIn('Matkhau@2026', 'x')).status).toBe(401);
    const clerk = await signIn('cb1', PASSWORD, undefined, 'c1');
    expect(clerk.status).toBe(200);
    const out = await fetch(`${t!.url}/api/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk.body.data!.token}` },
    });
    expect(out.status).toBe(200);

    const trail = await auditTrail();
    const of = (action: string) => trail.filter((e) => e.action === action);
    expect(of('auth.sign-in-failed')).toHaveLength(6);
    expect(of('auth.sign-in-failed')[1]).toMatchObject({
      actor: 'address:127.0.0.1',
      target: 'giamsat',
      detail: { address: '127.0.0.1' },
    });
    expect(of('auth.sign-in-failed')[0]).toMatchObject({ target: null });
    expect(of('auth.locked-out')).toEqual([
      expect.objectContaining({
        actor: 'address:127.0.0.1',
        target: 'giamsat',
        detail: { address: '127.0.0.1', scope: 'account', minutes: 15 },
      }),
    ]);
    // Newest first: the admin's own sign-in (to read the trail), the clerk's sign-out and sign-in.
    expect(of('auth.sign-in').map((e) => e.actor)).toEqual(['admin', 'cb1']);
    expect(of('auth.sign-out')).toEqual([
      expect.objectContaining({ actor: 'cb1', target: 'cb1', detail: { address: '127.0.0.1' } }),
    ]);
    expect(JSON.stringify(trail)).not.toContain('Matkhau@2026');
  });
});

describe('the address of a sign-in behind a reverse proxy', () => {
  it('ignores X-Forwarded-For unless the hub is told to trust the proxy', async () => {
    await hub();
    // A guesser rotating forged addresses is still one address.
    for (let i = 0; i < 5; i++)
      expect((await signIn('giamsat', 'doan-mo', `203.0.113.${i}`)).status).toBe(401);
    expect((await signIn('giamsat', PASSWORD, '203.0.113.99')).status).toBe(429);
    const rows = (await auditTrail()).filter((e) => e.action === 'auth.sign-in-failed');
    expect(rows.every((e) => e.detail.address === '127.0.0.1')).toBe(true);
  });

  it('locks out the forwarded address when the proxy is trusted, not everyone behind it', async () => {
    await hub({ trustProxy: ['127.0.0.1'] });
    for (let i = 0; i < 5; i++)
      expect((await signIn('giamsat', 'doan-mo', '203.0.113.7')).status).toBe(401);
    expect((await signIn('giamsat', PASSWORD, '203.0.113.7')).status).toBe(429);
    // The supervisor's own PC, behind the same proxy, signs in.
    expect((await signIn('giamsat', PASSWORD, '10.1.2.3')).status).toBe(200);
    // Only the hop the proxy adds is believed: a forged first entry changes nothing.
    expect((await signIn('giamsat', PASSWORD, '10.1.2.3, 203.0.113.7')).status).toBe(429);
    const trail = await auditTrail();
    expect(trail.find((e) => e.action === 'auth.locked-out')).toMatchObject({
      actor: 'address:203.0.113.7',
      detail: { address: '203.0.113.7' },
    });
  });
});
