// The province views on a real hub of two sites, with real sessions, devices and reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteConfig } from '@luot/domain';
import type { ProvinceOverview, ProvinceReport, Report } from '@luot/protocol';
import { request, startTestHub, type TestHub } from '../../testing/test-hub.ts';
import { staffApi } from '../../testing/staff-api.ts';

const SITE_B = 'xa-an-phu';
const DAY = '2026-11-23';
const REPORT = `/api/province/report?from=${DAY}&to=${DAY}`;

let t: TestHub;
const tokens: Record<string, string> = {};
const api = <T>(who: string, method: string, path: string, body?: unknown) =>
  staffApi<T>(t.url, tokens[who]!, method, path, body);

/** At `siteId`: tickets issued at its kiosk, the first `served` of them served at counter 1. */
async function morning(prefix: string, kioskToken: string, issued: number, served: number) {
  const { socket: kiosk } = await t.connectReady(kioskToken);
  for (let i = 0; i < issued; i++) {
    t.clock.advance(20_000);
    expect((await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' })).ok).toBe(true);
  }
  const { socket: clerk } = await t.connectReady((await t.login(`${prefix}cb1`, 'c1')).token);
  for (let i = 0; i < served; i++) {
    expect((await request(clerk, 'counter:callNext', {})).ok).toBe(true);
    t.clock.advance(30_000);
    expect((await request(clerk, 'counter:start', {})).ok).toBe(true);
    t.clock.advance(4 * 60_000);
    expect((await request(clerk, 'counter:finish', {})).ok).toBe(true);
  }
}

/** A site admin gives the site's Hộ tịch the catalogue code HT, through the admin API. */
async function codeHoTich(admin: string) {
  const got = await api<{ config: SiteConfig; version: string }>(admin, 'GET', '/api/admin/config');
  if (!got.body.ok) throw new Error(got.body.error.message);
  const { config, version } = got.body.data;
  const fields = config.fields.map((f) => (f.id === 'ho-tich' ? { ...f, code: 'HT' } : f));
  const put = await api(admin, 'PUT', '/api/admin/config', {
    config: { ...config, fields },
    baseVersion: version,
  });
  expect(put.status).toBe(200);
}

beforeAll(async () => {
  t = await startTestHub({ counters: 2, sites: ['trung-tam', SITE_B] });
  for (const who of ['tinh', 'admin', 'giamsat', `${SITE_B}.giamsat`, `${SITE_B}.admin`])
    tokens[who] = (await t.login(who)).token;
  tokens.cb2 = (await t.login('cb2', 'c2')).token;
  await morning('', t.tokens.kiosk!, 3, 1);
  await morning(`${SITE_B}.`, t.tokens[`${SITE_B}/kiosk`]!, 5, 2);
  await codeHoTich('admin');
  await codeHoTich(`${SITE_B}.admin`);
  expect(
    (await api('tinh', 'PUT', '/api/province/catalogue', [{ code: 'HT', name: 'Hộ tịch' }])).status,
  ).toBe(200);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('the province overview', () => {
  it('shows the province administrator both sites, worst first, as their queues stand', async () => {
    const res = await api<ProvinceOverview>('tinh', 'GET', '/api/province/overview');
    expect(res.status).toBe(200);
    if (!res.body.ok) throw new Error();
    const sites = res.body.data.sites;
    expect(res.body.data.canManage).toBe(true);
    // Trung tâm's two left waiting took their numbers first, so they have waited longer.
    expect(sites.map((s) => [s.id, s.waiting, s.servedToday])).toEqual([
      ['trung-tam', 2, 1],
      [SITE_B, 3, 2],
    ]);
    expect(sites[0]!.longestWaitMs).toBeGreaterThan(sites[1]!.longestWaitMs!);
    expect(sites.find((s) => s.id === 'trung-tam')!.openCounters).toBe(2);
  });

  it("shows a site's supervisor only that site, and refuses a clerk and a device", async () => {
    const mine = await api<ProvinceOverview>(`${SITE_B}.giamsat`, 'GET', '/api/province/overview');
    expect(mine.body.ok && mine.body.data.sites.map((s) => s.id)).toEqual([SITE_B]);
    expect(mine.body.ok && mine.body.data.canManage).toBe(false);
    expect((await api('cb2', 'GET', '/api/province/overview')).status).toBe(403);
    const device = await staffApi(t.url, t.tokens.kiosk!, 'GET', '/api/province/overview');
    expect(device.status).toBe(401);
  });
});

describe('the report across sites', () => {
  it("gives each site's own figures, the same as the site's own report", async () => {
    const province = await api<ProvinceReport>('tinh', 'GET', `${REPORT}&groupBy=site`);
    if (!province.body.ok) throw new Error(province.body.error.message);
    const own = await api<Report>(`${SITE_B}.admin`, 'GET', `/api/reports?from=${DAY}&to=${DAY}`);
    if (!own.body.ok) throw new Error(own.body.error.message);
    const row = province.body.data.rows.find((r) => r.key === SITE_B)!;
    expect({ ...row, key: 'total', label: '' }).toEqual({ ...own.body.data.total, label: '' });
    expect(province.body.data.total).toMatchObject({ issued: 8, served: 3 });
  });

  it('adds Hộ tịch of both sites up under its catalogue code', async () => {
    const res = await api<ProvinceReport>('tinh', 'GET', `${REPORT}&groupBy=field`);
    if (!res.body.ok) throw new Error(res.body.error.message);
    const ht = res.body.data.rows.find((r) => r.key === 'HT')!;
    expect(ht).toMatchObject({ label: 'Hộ tịch', issued: 8, served: 3 });
    // Đất đai has no code at either site: one row per site, named with it.
    expect(res.body.data.rows.filter((r) => r.label.startsWith('Đất đai —'))).toHaveLength(2);
  });

  it("keeps a site's supervisor to their own site", async () => {
    const res = await api<ProvinceReport>(`${SITE_B}.giamsat`, 'GET', `${REPORT}&groupBy=site`);
    expect(res.body.ok && res.body.data.rows.map((r) => r.key)).toEqual([SITE_B]);
  });
});

describe('adding a site', () => {
  it('serves the new site at once; only the province administrator may add one', async () => {
    const body = { id: 'xa-tan-phu', name: 'Xã Tân Phú' };
    expect((await api('admin', 'POST', '/api/province/sites', body)).status).toBe(403);
    const added = await api('tinh', 'POST', '/api/province/sites', body);
    expect(added.status).toBe(201);
    const res = await api<ProvinceOverview>('tinh', 'GET', '/api/province/overview');
    expect(res.body.ok && res.body.data.sites.find((s) => s.id === 'xa-tan-phu')).toMatchObject({
      name: 'Xã Tân Phú',
      counters: 2,
      waiting: 0,
      fields: [expect.objectContaining({ name: 'Tiếp nhận hồ sơ' })],
    });
    expect((await api('tinh', 'POST', '/api/province/sites', body)).status).toBe(409);
  });
});
