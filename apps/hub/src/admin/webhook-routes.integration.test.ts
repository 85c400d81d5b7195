// The webhook administration over real HTTP on a real hub (SQLite file): who may do what, what
// a bad request changes (nothing), the secret shown once, the audit trail.
import type { WebhookCreated, WebhookSubscriptionSummary } from '@luot/protocol';
import { afterEach, expect, it } from 'vitest';
import { staffApi, startTestHub, type TestHub } from '../../testing/index.ts';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

const BODY = {
  url: 'https://mot-cua.example.vn/luot',
  events: ['ticket.called', 'ticket.finished'],
  siteId: 'trung-tam',
  description: 'Hệ thống một cửa',
};

it('lets an admin subscribe, list, and delete; shows the secret once; audits each change', async () => {
  t = await startTestHub();
  const admin = await t.login('admin');
  const created = await staffApi<WebhookCreated>(
    t.url,
    admin.token,
    'POST',
    '/api/admin/webhooks',
    BODY,
  );
  expect(created.status).toBe(201);
  if (!created.body.ok) throw new Error('not created');
  const hook = created.body.data;
  expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  expect(hook).toMatchObject({ ...BODY, createdBy: 'admin', deletedAt: null });

  // Listed without the secret; the store keeps it sealed, never in clear.
  const list = await staffApi<{ subscriptions: WebhookSubscriptionSummary[] }>(
    t.url,
    admin.token,
    'GET',
    '/api/admin/webhooks',
  );
  expect(list.body.ok && list.body.data.subscriptions).toEqual([
    { ...BODY, id: hook.id, createdAt: hook.createdAt, createdBy: 'admin', deletedAt: null },
  ]);
  expect(JSON.stringify(list.body)).not.toContain(hook.secret);
  const row = t.province.db.prepare(`SELECT secret FROM webhook_subscriptions`).get() as {
    secret: string;
  };
  expect(row.secret).not.toContain(hook.secret);
  expect(t.hub.webhooks.sealer.open(row.secret)).toBe(hook.secret);

  const removed = await staffApi<WebhookSubscriptionSummary>(
    t.url,
    admin.token,
    'DELETE',
    `/api/admin/webhooks/${hook.id}`,
  );
  expect(removed.status).toBe(200);
  expect(removed.body.ok && removed.body.data.deletedAt).toBe(t.clock.now());
  const again = await staffApi(t.url, admin.token, 'DELETE', `/api/admin/webhooks/${hook.id}`);
  expect(again.status).toBe(409);

  const audit = t.store.listAudit(10).filter((e) => e.action.startsWith('webhook.'));
  expect(audit.map((e) => [e.action, e.target, e.actor])).toEqual([
    ['webhook.delete', hook.id, 'admin'],
    ['webhook.create', hook.id, 'admin'],
  ]);
  expect(JSON.stringify(audit)).not.toContain(hook.secret);
});

it('refuses other roles, bad bodies, other sites and unknown ids, changing nothing', async () => {
  t = await startTestHub({ sites: ['trung-tam', 'xa-b'] });
  const admin = await t.login('admin');
  const supervisor = await t.login('giamsat');
  const clerk = await t.login('cb1', 'c1');
  const post = (token: string, body: unknown) =>
    staffApi(t.url, token, 'POST', '/api/admin/webhooks', body);

  expect((await post(supervisor.token, BODY)).status).toBe(403);
  expect((await post(clerk.token, BODY)).status).toBe(403);
  expect((await staffApi(t.url, 'ses_nope', 'GET', '/api/admin/webhooks')).status).toBe(401);
  for (const bad of [
    { ...BODY, url: 'ftp://x.example/a' },
    { ...BODY, url: 'not a url' },
    { ...BODY, events: [] },
    { ...BODY, events: ['ticket.teleported'] },
    { ...BODY, extra: 1 },
    { ...BODY, siteId: 'Bad Site' },
  ]) {
    const res = await post(admin.token, bad);
    expect(res.status, JSON.stringify(bad)).toBe(400);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  }
  // A site's admin subscribes for their own site only.
  expect((await post(admin.token, { ...BODY, siteId: 'xa-b' })).status).toBe(403);
  expect((await post(admin.token, { ...BODY, siteId: null })).status).toBe(403);
  expect(t.province.db.prepare(`SELECT COUNT(*) AS n FROM webhook_subscriptions`).get()).toEqual({
    n: 0,
  });

  // Another site's subscription is not found from here.
  const other = await t.login('xa-b.admin', undefined, 'xa-b');
  const made = await post(other.token, { ...BODY, siteId: 'xa-b' });
  expect(made.status).toBe(201);
  const id = made.body.ok ? (made.body.data as WebhookCreated).id : '';
  expect((await staffApi(t.url, admin.token, 'DELETE', `/api/admin/webhooks/${id}`)).status).toBe(
    404,
  );
  const mine = await staffApi<{ subscriptions: unknown[] }>(
    t.url,
    admin.token,
    'GET',
    '/api/admin/webhooks',
  );
  expect(mine.body.ok && mine.body.data.subscriptions).toEqual([]);
  expect(
    (
      await staffApi(
        t.url,
        admin.token,
        'GET',
        `/api/admin/webhooks/deliveries?subscriptionId=${id}`,
      )
    ).status,
  ).toBe(404);
  expect(
    (await staffApi(t.url, admin.token, 'GET', `/api/admin/webhooks/deliveries?state=lost`)).status,
  ).toBe(400);
  expect(
    (await staffApi(t.url, admin.token, 'POST', `/api/admin/webhooks/deliveries/nope/retry`))
      .status,
  ).toBe(404);

  // The province's admin may subscribe for every site.
  const tinh = await t.login('tinh');
  expect((await post(tinh.token, { ...BODY, siteId: null })).status).toBe(201);
});
