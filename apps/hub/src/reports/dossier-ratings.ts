import { DOSSIER_OUTCOME_LABELS_VI, formatDateTime, type SiteConfig } from '@luot/domain';
import type { DossierRatingRow } from '@luot/protocol';
import type { DossierVisit } from '../store.ts';
import { CSV_SEPARATOR, csvCell } from './export.ts';
import { DOSSIER_EXPORT_VI, META_VI, dayLabel } from './labels-vi.ts';

/**
 * The export of ratings per dossier for the Decision 766 index: one row per (dossier code,
 * visit) of the visits finished with codes, named as the configuration names them now (ids kept
 * when an item was since removed). Visits recorded without a code (guidance) have no row.
 */
export function dossierRatingRows(
  visits: readonly DossierVisit[],
  site: { id: string; config: SiteConfig },
  names: ReadonlyMap<string, string>,
): DossierRatingRow[] {
  const { config } = site;
  const fields = new Map(config.fields.map((f) => [f.id, f.name]));
  const counters = new Map(config.counters.map((c) => [c.id, c.name]));
  return visits.flatMap((v) =>
    v.codes.map((code): DossierRatingRow => ({
      code,
      siteId: site.id,
      site: config.site.name,
      day: v.day,
      fieldId: v.fieldId,
      field: fields.get(v.fieldId) ?? v.fieldId,
      counterId: v.counterId,
      counter: counters.get(v.counterId) ?? v.counterId,
      clerkId: v.clerkId,
      clerk: v.clerkId === null ? null : (names.get(v.clerkId) ?? v.clerkId),
      finishedAt: v.endedAt,
      outcome: v.outcome,
      rating: v.rating,
    })),
  );
}

type Cell = string | number | null;

function cells(row: DossierRatingRow, timeZone: string): Cell[] {
  return [
    row.code,
    row.site,
    row.field,
    row.counter,
    row.clerk,
    formatDateTime(row.finishedAt, timeZone),
    DOSSIER_OUTCOME_LABELS_VI[row.outcome],
    row.rating,
  ];
}

/** The rows as CSV for Excel set to Vietnamese (as the report's CSV: ";", BOM, quoting). */
export function dossierRatingsCsv(rows: readonly DossierRatingRow[], timeZone: string): string {
  const lines = [DOSSIER_EXPORT_VI.columns, ...rows.map((r) => cells(r, timeZone))].map((r) =>
    r.map(csvCell).join(CSV_SEPARATOR),
  );
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The rows as an Excel workbook: a title, the period, then the table (scores as numbers). */
export async function dossierRatingsXlsx(
  rows: readonly DossierRatingRow[],
  meta: { siteName: string; from: string; to: string; timeZone: string; generatedAt: number },
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lượt';
  wb.created = new Date(meta.generatedAt);
  const sheet = wb.addWorksheet(DOSSIER_EXPORT_VI.sheet);
  sheet.addRow([`${DOSSIER_EXPORT_VI.title} — ${meta.siteName}`]).font = { bold: true, size: 14 };
  sheet.addRow([META_VI.period, `${dayLabel(meta.from)} – ${dayLabel(meta.to)}`]);
  sheet.addRow([META_VI.generatedAt, formatDateTime(meta.generatedAt, meta.timeZone)]);
  sheet.addRow([]);
  sheet.addRow(DOSSIER_EXPORT_VI.columns).font = { bold: true };
  for (const row of rows) sheet.addRow(cells(row, meta.timeZone));
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 30 : i === 5 ? 18 : 20;
  });
  sheet.views = [{ state: 'frozen', ySplit: 5 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
