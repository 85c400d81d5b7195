// The staffing planner over HTTP on a hub with four weeks of generated history: what the plan
// shows is what the history holds, the what-if moves it the way a supervisor expects, the
// workbook carries the same grid, and bad queries or the wrong people change nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffingPlan } from '@luot/protocol';
import { generateHistory } from '../../bench/bench-history.ts';
import { startTestHub, type TestHub } from '../../testing/test-hub.ts';

const FROM = '2026-10-05';
const TO = '2026-10-30';
let t: TestHub;
let token = '';

async function get(path: string, bearer = token): Promise<Response> {
  return fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
}

async function plan(params = ''): Promise<StaffingPlan> {
  const res = await get(`/api/reports/staffing?from=${FROM}&to=${TO}${params}`);
  const body = (await res.json()) as { ok: boolean; data: StaffingPlan };
  expect(res.status).toBe(200);
  return body.data;
}

const cellsOf = (p: StaffingPlan, fieldId: string) =>
  p.fields.find((f) => f.fieldId === fieldId)!.cells;

beforeAll(async () => {
  t = await startTestHub({ counters: 3 });
  // Four working weeks: Hộ tịch at counters c1 and c2, Đất đai at c3 only.
  generateHistory(t.province.db, {
    fields: [
      { id: 'ho-tich', prefix: 'H', start: 1, digits: 4, weight: 2, serviceMinutes: 5 },
      { id: 'dat-dai', prefix: 'A', start: 1, digits: 3, weight: 1, serviceMinutes: 9 },
    ],
    counters: [
      { id: 'c1', fieldIds: ['ho-tich'] },
      { id: 'c2', fieldIds: ['ho-tich'] },
      { id: 'c3', fieldIds: ['dat-dai'] },
    ],
    clerks: ['cb1', 'cb2', 'cb3'],
    from: FROM,
    to: TO,
    tickets: 3000,
    utcOffsetHours: 7,
    seed: 5,
  });
  token = (await t.login('giamsat')).token;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /api/reports/staffing', () => {
  it('plans every field from what the history holds', async () => {
    const p = await plan();
    expect(p.weekdays).toEqual([4, 4, 4, 4, 4, 0, 0]);
    expect(p.fields.map((f) => f.name)).toEqual(['Tư pháp – Hộ tịch', 'Đất đai']);
    for (const field of p.fields) {
      // The mean arrivals, times the days of each weekday, add up to the tickets issued.
      const issued = t.province.db
        .prepare(`SELECT COUNT(*) FROM tickets WHERE original_field_id = ?`)
        .pluck()
        .get(field.fieldId) as number;
      const total = field.cells.reduce((s, c) => s + c.arrivalsPerHour * 4, 0);
      expect(Math.abs(total - issued)).toBeLessThan(field.cells.length * 0.02);
      for (const c of field.cells) {
        expect(c.weekday).toBeLessThanOrEqual(5);
        expect(c.hour).toBeGreaterThanOrEqual(7);
        expect(c.hour).toBeLessThanOrEqual(17);
        if (c.arrivalsPerHour === 0) continue;
        expect(c.needed).toBeGreaterThan(0);
        expect(c.neededShare!).toBeGreaterThanOrEqual(0.8);
        // The simulation of the hour with that many counters lands near the formula (it measures
        // ~1,500 citizens per cell: a few points of noise).
        expect(Math.abs(c.simulatedShare! - c.neededShare!)).toBeLessThan(0.07);
      }
    }
    // Counters open: at most the two of Hộ tịch, the one of Đất đai; busy hours use them all.
    const hoTich = cellsOf(p, 'ho-tich');
    const datDai = cellsOf(p, 'dat-dai');
    expect(Math.max(...hoTich.map((c) => c.open))).toBe(2);
    expect(Math.max(...datDai.map((c) => c.open))).toBe(1);
    // Service times are those generated (5 and 9 minutes on average).
    const mean = (cells: typeof hoTich) =>
      cells.reduce((s, c) => s + c.serviceMinutes * c.arrivalsPerHour, 0) /
      cells.reduce((s, c) => s + c.arrivalsPerHour, 0);
    expect(mean(hoTich)).toBeGreaterThan(4);
    expect(mean(hoTich)).toBeLessThan(6);
    expect(mean(datDai)).toBeGreaterThan(7.5);
    expect(mean(datDai)).toBeLessThan(10.5);
    // About 4 % of calls were no-shows.
    const noShow = hoTich.reduce((s, c) => s + c.noShowShare, 0) / hoTich.length;
    expect(noShow).toBeGreaterThan(0.01);
    expect(noShow).toBeLessThan(0.08);
  });

  it('applies the what-if: more arrivals need more counters, added counters call more in time', async () => {
    const base = await plan();
    const busier = await plan('&arrivalsFactor=2&counterDelta=2&targetShare=0.9&withinMinutes=10');
    expect(busier.query).toMatchObject({ arrivalsFactor: 2, counterDelta: 2, targetShare: 0.9 });
    const sum = (p: StaffingPlan, key: 'needed' | 'open') =>
      p.fields.flatMap((f) => f.cells).reduce((s, c) => s + c[key], 0);
    expect(sum(busier, 'needed')).toBeGreaterThan(sum(base, 'needed'));
    const a = cellsOf(base, 'ho-tich');
    const b = cellsOf(busier, 'ho-tich');
    expect(b.map((c) => c.arrivalsPerHour)).toEqual(
      a.map((c) => Math.round(c.arrivalsPerHour * 200) / 100),
    );
    expect(b.map((c) => c.open)).toEqual(a.map((c) => Math.round((c.open + 2) * 100) / 100));
  });

  it('refuses a bad query with a Vietnamese message', async () => {
    const cases: [string, RegExp][] = [
      [`from=${TO}&to=${FROM}`, /không được sau/],
      [`from=${FROM}&to=${TO}&targetShare=1.5`, /^targetShare: /],
      [`from=${FROM}&to=${TO}&withinMinutes=2.5`, /^withinMinutes: /],
      [`from=${FROM}&to=${TO}&counterDelta=9`, /^counterDelta: /],
      [`from=${FROM}&to=${TO}&arrivalsFactor=x`, /^arrivalsFactor: /],
      [`from=${FROM}&to=${TO}&bogus=1`, /bogus/],
      [`from=2026-02-30&to=${TO}`, /^from: /],
      [`from=2025-01-01&to=${TO}`, /400 ngày/],
    ];
    for (const [query, message] of cases) {
      const res = await get(`/api/reports/staffing?${query}`);
      const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
      expect(res.status, query).toBe(400);
      expect(body.error.code).toBe('BAD_REQUEST');
      expect(body.error.message, query).toMatch(message);
    }
  });

  it('is for supervisors and admins of the site only', async () => {
    const clerk = await t.login('cb1', 'c1');
    expect((await get(`/api/reports/staffing?from=${FROM}&to=${TO}`, clerk.token)).status).toBe(
      403,
    );
    expect(
      (await get(`/api/reports/staffing.xlsx?from=${FROM}&to=${TO}`, clerk.token)).status,
    ).toBe(403);
    expect((await fetch(`${t.url}/api/reports/staffing?from=${FROM}&to=${TO}`)).status).toBe(401);
    const other = await get(`/api/reports/staffing?from=${FROM}&to=${TO}&site=xa-khac`);
    expect(other.status).toBe(403);
    const admin = await t.login('admin');
    expect((await get(`/api/reports/staffing?from=${FROM}&to=${TO}`, admin.token)).status).toBe(
      200,
    );
  });
});

describe('GET /api/reports/staffing.xlsx', () => {
  it('carries the plan as a coloured weekday × hour grid per field and the inputs', async () => {
    const p = await plan();
    const res = await get(`/api/reports/staffing.xlsx?from=${FROM}&to=${TO}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`ke-hoach-quay-${FROM}-${TO}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Tư pháp – Hộ tịch',
      'Đất đai',
      'Dữ liệu và tham số',
    ]);
    const sheet = wb.getWorksheet('Đất đai')!;
    const header = sheet.getRow(8).values as unknown[];
    expect(header.slice(1, 4)).toEqual(['Giờ', 'Thứ Hai', 'Thứ Ba']);
    // The Monday 09:00 cell reads "needed / open" as the JSON has it, on a coloured fill.
    const cell = cellsOf(p, 'dat-dai').find((c) => c.weekday === 1 && c.hour === 9)!;
    const row = sheet.getRows(9, 20)!.find((r) => r.getCell(1).value === '09:00')!;
    const open = String(Math.round(cell.open * 10) / 10).replace('.', ',');
    expect(row.getCell(2).value).toBe(`${cell.needed} / ${open}`);
    const fill = row.getCell(2).fill as { fgColor?: { argb?: string } };
    expect(fill.fgColor?.argb).toBe(
      cell.needed > Math.round(cell.open) ? 'FFF4B6B6' : expect.any(String),
    );
    const inputs = wb.getWorksheet('Dữ liệu và tham số')!;
    const lines = inputs.getSheetValues().filter(Boolean).length;
    const cells = p.fields.reduce((s, f) => s + f.cells.length, 0);
    expect(lines).toBe(cells + 8);
  });

  it('answers 400 to a bad query', async () => {
    const res = await get(`/api/reports/staffing.xlsx?from=${FROM}&to=${TO}&serviceFactor=3`);
    expect(res.status).toBe(400);
  });
});
