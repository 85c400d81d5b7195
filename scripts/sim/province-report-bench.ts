// Reports across a province: a generated year at each of N sites, then the hub's report of
// every site and the province's sum of them, timed. `pnpm bench:province-report [--sites N]
// [--tickets T] [--runs R]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { siteConfigSchema, type SiteConfig } from '@luot/domain';
import type { ProvinceGrouping, Report } from '@luot/protocol';
import {
  buildReport,
  combineReports,
  createProvinceStore,
  generateHistory,
  openDatabase,
  reportCsv,
  reportXlsx,
  siteGrouping,
} from '@luot/hub/bench';
import { SIM_FIELDS } from './site.ts';

const { values } = parseArgs({
  options: {
    sites: { type: 'string', default: '100' },
    tickets: { type: 'string', default: '15000' },
    runs: { type: 'string', default: '3' },
  },
});
const SITES = Number(values.sites);
const TICKETS = Number(values.tickets);
const RUNS = Number(values.runs);
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
/** A commune's centre: four of the simulated fields, each with its catalogue code. */
const FIELDS = SIM_FIELDS.slice(0, 4).map((f, i) => ({ ...f, code: ['DD', 'HT', 'KD', 'XD'][i]! }));
const CATALOGUE = FIELDS.map((f) => ({ code: f.code, name: f.name }));

function siteConfig(n: number): SiteConfig {
  return siteConfigSchema.parse({
    site: { name: `Xã số ${n + 1}`, timeZone: 'Asia/Ho_Chi_Minh' },
    fields: FIELDS.map((f, i) => ({
      id: f.id,
      name: f.name,
      code: f.code,
      numbering: { prefix: String.fromCharCode(65 + i), start: 1, digits: 4 },
      sessions: [{ from: '00:00', to: '23:59' }],
      kioskOrder: i,
    })),
    counters: FIELDS.map((f, i) => ({
      id: `q${i + 1}`,
      number: i + 1,
      name: `Quầy ${i + 1}`,
      fieldIds: [f.id],
    })),
  });
}

const dir = mkdtempSync(join(tmpdir(), 'luot-province-bench-'));
const sites: {
  id: string;
  config: SiteConfig;
  store: ReturnType<ReturnType<typeof createProvinceStore>['site']>;
}[] = [];
const db = openDatabase(join(dir, 'province.db'));
const province = createProvinceStore(db);
try {
  const generated = performance.now();
  let tickets = 0;
  let packedDays = 0;
  for (let n = 0; n < SITES; n++) {
    const summary = generateHistory(db, {
      fields: FIELDS.map((f, i) => ({
        id: f.id,
        prefix: String.fromCharCode(65 + i),
        start: 1,
        digits: 4,
        weight: f.weight,
        serviceMinutes: f.serviceMinutes / 2,
      })),
      counters: FIELDS.map((f, i) => ({ id: `q${i + 1}`, fieldIds: [f.id] })),
      clerks: ['cb1', 'cb2', 'cb3', 'cb4', 'cb5'],
      ...YEAR,
      tickets: TICKETS,
      utcOffsetHours: 7,
      seed: n + 1,
      siteId: `xa-${n + 1}`,
    });
    tickets += summary.tickets;
    const store = province.site(`xa-${n + 1}`);
    packedDays += store.reportDays.packDaysBefore('2026-01-01', Date.now());
    sites.push({ id: `xa-${n + 1}`, config: siteConfig(n), store });
  }
  console.log(
    `${SITES} sites, ${tickets.toLocaleString('en')} tickets in 2025, ${packedDays} packed days; generated in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
  );

  for (const groupBy of ['site', 'field', 'clerk', 'day'] as ProvinceGrouping[]) {
    const totals: number[] = [];
    let sitesMs = 0;
    let combineMs = 0;
    let rows = 0;
    let csvMs = 0;
    let xlsxMs = 0;
    for (let r = 0; r < RUNS; r++) {
      const started = performance.now();
      const parts = sites.map((s) => ({
        siteId: s.id,
        siteName: s.config.site.name,
        config: s.config,
        report: buildReport(
          s.store.reports,
          { ...YEAR, groupBy: siteGrouping(groupBy) },
          s.config,
          0,
        ) as Report,
      }));
      const combining = performance.now();
      const combined = combineReports({ ...YEAR, groupBy, parts, catalogue: CATALOGUE, now: 0 });
      const done = performance.now();
      totals.push(done - started);
      sitesMs = combining - started;
      combineMs = done - combining;
      rows = combined.rows.length;
      const report = { ...combined, elapsedMs: Math.round(done - started) };
      const c = performance.now();
      reportCsv(report);
      csvMs = performance.now() - c;
      const x = performance.now();
      await reportXlsx(report, 'Toàn tỉnh');
      xlsxMs = performance.now() - x;
    }
    const median = [...totals].sort((a, b) => a - b)[Math.floor(totals.length / 2)]!;
    console.log(
      `year by ${groupBy}: ${rows} rows; median ${median.toFixed(0)} ms of ${RUNS} (last run: ${SITES} site reports ${sitesMs.toFixed(0)} ms, combining ${combineMs.toFixed(1)} ms; CSV ${csvMs.toFixed(1)} ms, XLSX ${xlsxMs.toFixed(0)} ms)`,
    );
  }
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
