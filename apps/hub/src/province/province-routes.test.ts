// The province routes on a real Fastify app, over real queue states (the domain's) and real
// site reports (SQLite files with a generated fortnight, through the hub's own report code).
// The people are given by name in a header: who may see what is what is under test here; the
// hub's sessions are tested with the hub (province.integration.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decide,
  initialState,
  siteConfigSchema,
  type QueueCommand,
  type QueueState,
  type SiteConfig,
} from '@luot/domain';
import type { ProvinceOverview, ProvinceReport, UserRole } from '@luot/protocol';
import { generateHistory } from '../../bench/bench-history.ts';
import { createFakeClock } from '../clock.ts';
import { createProvinceStore, openDatabase, type Db } from '../db/index.ts';
import { createHttpApp } from '../http-errors.ts';
import { buildReport } from '../reports/build-report.ts';
import type { CatalogueEntry } from '../store.ts';
import { registerProvinceRoutes } from './province-routes.ts';

const NOW = Date.parse('2026-11-23T02:30:00Z'); // Monday 09:30 in Việt Nam
const DAY = '2026-11-23';
const PEOPLE: Record<string, { role: UserRole; sites: string[] | null }> = {
  tinh: { role: 'admin', sites: null },
  'qt-an-phu': { role: 'admin', sites: ['xa-an-phu'] },
  'gs-phuong-1': { role: 'supervisor', sites: ['phuong-1'] },
  'cb-phuong-1': { role: 'clerk', sites: ['phuong-1'] },
};

function config(name: string, fields: { id: string; name: string; code?: string }[]): SiteConfig {
  return siteConfigSchema.parse({
    site: { name },
    fields: fields.map((f, i) => ({
      ...f,
      numbering: { prefix: String.fromCharCode(65 + i), start: 1, digits: 3 },
      sessions: [{ from: '07:00', to: '17:00' }],
      targetWaitMinutes: 15,
    })),
    counters: fields.map((f, i) => ({
      id: `q${i + 1}`,
      number: i + 1,
      name: `Quầy ${i + 1}`,
      fieldIds: [f.id],
    })),
  });
}

/** A site's live state: its first counter open and `waiting` tickets issued `minutesAgo`. */
function live(cfg: SiteConfig, waiting: number, minutesAgo: number): QueueState {
  let state = initialState(cfg, DAY);
  const fieldId = cfg.fields[0]!.id;
  const commands: QueueCommand[] = [
    { type: 'openCounter', counterId: 'q1', clerkId: 'cb1' },
    ...Array.from({ length: waiting }, (): QueueCommand => ({
      type: 'issue',
      fieldId,
      priorityClassId: null,
    })),
  ];
  let n = 0;
  for (const command of commands) {
    const d = decide(state, command, { now: NOW - minutesAgo * 60_000, newId: () => `t${++n}` });
    if (!d.ok) throw new Error(d.error.code);
    state = d.state;
  }
  return state;
}

const anPhu = config('Xã An Phú', [
  { id: 'ho-tich', name: 'Hộ tịch', code: 'HT' },
  { id: 'dat-dai', name: 'Đất đai', code: 'DD' },
]);
const phuong1 = config('Phường 1', [{ id: 'tu-phap', name: 'Tư pháp – Hộ tịch', code: 'HT' }]);

let dir: string;
let db: Db;
const sites: { id: string; state: QueueState }[] = [];
let catalogue: CatalogueEntry[] = [{ code: 'HT', name: 'Hộ tịch' }];
const app = createHttpApp({ log: pino({ level: 'silent' }), bodyLimit: 1 << 20 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luot-province-routes-'));
  db = openDatabase(join(dir, 'luot.db'));
  for (const [id, cfg, seed, waiting, ago] of [
    ['xa-an-phu', anPhu, 1, 2, 20],
    ['phuong-1', phuong1, 2, 1, 3],
  ] as const) {
    generateHistory(db, {
      fields: cfg.fields.map((f, i) => ({
        id: f.id,
        prefix: String.fromCharCode(65 + i),
        start: 1,
        digits: 3,
        weight: 1,
        serviceMinutes: 8,
      })),
      counters: cfg.counters.map((c) => ({ id: c.id, fieldIds: c.fieldIds })),
      clerks: ['cb1', 'cb2'],
      from: '2026-11-02',
      to: '2026-11-13',
      tickets: 400,
      utcOffsetHours: 7,
      seed,
      siteId: id,
    });
    sites.push({ id, state: live(cfg, waiting, ago) });
  }
  const province = createProvinceStore(db);
  registerProvinceRoutes(app, {
    staff: async (req) => {
      const username = req.headers['x-person'];
      const person = typeof username === 'string' ? PEOPLE[username] : undefined;
      return person ? { username: username as string, ...person } : null;
    },
    sites: async () => sites.map(({ id, state }) => ({ id, state })),
    report: async (siteId, query) => {
      const site = sites.find((s) => s.id === siteId)!;
      return buildReport(province.site(siteId).reports, query, site.state.config, NOW);
    },
    readCatalogue: async () => catalogue,
    writeCatalogue: async (entries) => {
      catalogue = entries;
    },
    createSite: async (id, cfg) => {
      sites.push({ id, state: initialState(cfg, DAY) });
    },
    clock: createFakeClock(NOW),
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const as = (person: string | null) => (person ? { 'x-person': person } : {});
const get = (url: string, person: string | null) =>
  app.inject({ method: 'GET', url, headers: as(person) });
const send = (method: 'PUT' | 'POST', url: string, person: string | null, payload: unknown) =>
  app.inject({ method, url, headers: as(person), payload: payload as object });
const REPORT = '/api/province/report?from=2026-11-01&to=2026-11-30';

describe('who may see and change what', () => {
  const reads = ['/api/province/overview', REPORT, '/api/province/catalogue'];

  it('refuses an anonymous request (401) and a clerk (403), and changes nothing', async () => {
    for (const url of reads) {
      expect((await get(url, null)).statusCode).toBe(401);
      const clerk = await get(url, 'cb-phuong-1');
      expect(clerk.statusCode).toBe(403);
      expect(clerk.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const before = [sites.length, JSON.stringify(catalogue)];
    for (const person of [null, 'cb-phuong-1', 'gs-phuong-1', 'qt-an-phu']) {
      const put = await send('PUT', '/api/province/catalogue', person, [
        { code: 'XX', name: 'Lạ' },
      ]);
      const post = await send('POST', '/api/province/sites', person, {
        id: 'xa-moi',
        name: 'Xã Mới',
      });
      expect([put.statusCode, post.statusCode]).toEqual(person ? [403, 403] : [401, 401]);
    }
    expect([sites.length, JSON.stringify(catalogue)]).toEqual(before);
  });

  it('shows a supervisor only their own site, in the overview and the report', async () => {
    const overview = (await get('/api/province/overview', 'gs-phuong-1')).json()
      .data as ProvinceOverview;
    expect(overview.sites.map((s) => s.id)).toEqual(['phuong-1']);
    expect(overview.canManage).toBe(false);
    const report = (await get(`${REPORT}&groupBy=site`, 'gs-phuong-1')).json()
      .data as ProvinceReport;
    expect(report.rows.map((r) => r.key)).toEqual(['phuong-1']);
  });

  it('shows a province administrator every site, worst first, with the alarms of each', async () => {
    const overview = (await get('/api/province/overview', 'tinh')).json().data as ProvinceOverview;
    expect(overview.canManage).toBe(true);
    // Xã An Phú: two people waiting 20 minutes against a 15-minute target.
    expect(overview.sites.map((s) => [s.id, s.waiting, s.level])).toEqual([
      ['xa-an-phu', 2, 'alarm'],
      ['phuong-1', 1, 'ok'],
    ]);
    expect(overview.sites[0]).toMatchObject({
      name: 'Xã An Phú',
      openCounters: 1,
      counters: 2,
      longestWaitMs: 20 * 60_000,
    });
    expect(overview.sites[0]!.alarms).toEqual([
      expect.objectContaining({ kind: 'waitOverTarget', fieldName: 'Hộ tịch' }),
    ]);
  });
});

describe('the report across sites', () => {
  it('adds Hộ tịch of both sites up under its code, and keeps a field without one apart', async () => {
    const res = await get(`${REPORT}&groupBy=field`, 'tinh');
    expect(res.statusCode).toBe(200);
    const report = res.json().data as ProvinceReport;
    const bySite = (await get(`${REPORT}&groupBy=site`, 'tinh')).json().data as ProvinceReport;
    expect(report.rows.map((r) => [r.key, r.label])).toEqual([
      ['HT', 'Hộ tịch'],
      ['DD', 'Đất đai'],
    ]);
    // Every issued ticket of the two sites is in the province total, once.
    const siteTotals = bySite.rows.reduce((n, r) => n + (r.issued ?? 0), 0);
    expect(report.total.issued).toBe(siteTotals);
    expect(report.rows.reduce((n, r) => n + (r.issued ?? 0), 0)).toBe(siteTotals);
    expect(report.sites.map((s) => s.id)).toEqual(['xa-an-phu', 'phuong-1']);
  });

  it('names each counter with its site', async () => {
    const report = (await get(`${REPORT}&groupBy=counter`, 'tinh')).json().data as ProvinceReport;
    expect(report.rows.map((r) => r.label)).toEqual([
      'Quầy 1 — Xã An Phú',
      'Quầy 2 — Xã An Phú',
      'Quầy 1 — Phường 1',
    ]);
  });

  it('writes CSV for Vietnamese Excel and an XLSX workbook', async () => {
    const csv = await get(`${REPORT}&groupBy=site&format=csv`, 'tinh');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(
      'bao-cao-toan-tinh-site-2026-11-01-2026-11-30.csv',
    );
    const lines = csv.body.split('\r\n');
    expect(lines[0]!.startsWith('\uFEFFNhóm: Điểm phục vụ;Số phiếu đã cấp;')).toBe(true);
    expect(lines[1]!.split(';')[0]).toBe('Xã An Phú');
    expect(lines[3]!.split(';')[0]).toBe('Tổng cộng');
    // Minutes with a decimal comma.
    expect(lines[1]!.split(';')[9]).toMatch(/^\d+,\d\d$/);

    const xlsx = await get(`${REPORT}&groupBy=site&format=xlsx`, 'tinh');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toContain('Toàn tỉnh (2 điểm)');
    expect(sheet.getCell('A8').value).toBe('Xã An Phú');
  });

  it('refuses a bad grouping, a reversed or too long period, and a bad format, in Vietnamese', async () => {
    const cases: [string, RegExp][] = [
      [`${REPORT}&groupBy=tinh`, /Cách nhóm/],
      ['/api/province/report?from=2026-11-30&to=2026-11-01', /không được sau/],
      ['/api/province/report?from=2024-01-01&to=2026-11-01', /tối đa 400 ngày/],
      [`${REPORT}&format=pdf`, /Định dạng/],
      ['/api/province/report?from=2026-02-30&to=2026-03-01', /Ngày bắt đầu/],
    ];
    for (const [url, message] of cases) {
      const res = await get(url, 'tinh');
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message, url).toMatch(message);
    }
  });
});

describe('the catalogue and adding a site', () => {
  it('lets the province administrator replace the catalogue, refusing a code twice', async () => {
    const twice = await send('PUT', '/api/province/catalogue', 'tinh', [
      { code: 'HT', name: 'Hộ tịch' },
      { code: 'HT', name: 'Tư pháp' },
    ]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain('"HT"');
    const bad = await send('PUT', '/api/province/catalogue', 'tinh', [
      { code: 'ht', name: 'Hộ tịch' },
    ]);
    expect(bad.json().error.message).toMatch(/chữ in hoa/);
    const ok = await send('PUT', '/api/province/catalogue', 'tinh', [
      { code: 'HT', name: 'Hộ tịch' },
      { code: 'DD', name: 'Đất đai' },
    ]);
    expect(ok.statusCode).toBe(200);
    // A site admin reads it (to pick codes for their fields).
    const read = await get('/api/province/catalogue', 'qt-an-phu');
    expect(read.json().data).toEqual([
      { code: 'HT', name: 'Hộ tịch' },
      { code: 'DD', name: 'Đất đai' },
    ]);
  });

  it('adds a site with one field and two counters, refusing a bad or used id', async () => {
    const badId = await send('POST', '/api/province/sites', 'tinh', {
      id: 'Xã Mới',
      name: 'Xã Mới',
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.message).toMatch(/Mã điểm/);
    const badZone = await send('POST', '/api/province/sites', 'tinh', {
      id: 'xa-moi',
      name: 'Xã Mới',
      timeZone: 'Mars/Olympus',
    });
    expect(badZone.json().error.message).toBe('Múi giờ không hợp lệ.');
    const used = await send('POST', '/api/province/sites', 'tinh', {
      id: 'phuong-1',
      name: 'Phường Một',
    });
    expect(used.statusCode).toBe(409);

    const added = await send('POST', '/api/province/sites', 'tinh', {
      id: 'xa-moi',
      name: 'Xã Mới',
    });
    expect(added.statusCode).toBe(201);
    const overview = (await get('/api/province/overview', 'tinh')).json().data as ProvinceOverview;
    expect(overview.sites.find((s) => s.id === 'xa-moi')).toMatchObject({
      name: 'Xã Mới',
      counters: 2,
      openCounters: 0,
      waiting: 0,
      fields: [expect.objectContaining({ name: 'Tiếp nhận hồ sơ' })],
    });
  });
});
