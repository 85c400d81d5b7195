import { DOSSIER_OUTCOME_LABELS_VI, DOSSIER_OUTCOMES, formatDateTime } from '@luot/domain';
import {
  REPORT_ORIGINS,
  type ChainDigestRow,
  type Report,
  type ReportGrouping,
  type ReportRow,
} from '@luot/protocol';
import { addDigestSheet, digestCsvLines } from './digest-export.ts';
import {
  COLUMNS_VI,
  DAILY_COLUMNS_VI,
  dayLabel,
  GROUPING_VI,
  hourLabel,
  HOURLY_COLUMNS_VI,
  META_VI,
  ORIGIN_VI,
  REPORT_TITLE_VI,
  SHEETS_VI,
  WAIT_COLUMNS_VI,
  waitBucketLabel,
} from './labels-vi.ts';
import { ACCURACY_VI, accuracyTable } from './export-accuracy.ts';

type Cell = string | number | null;

/** A site's report, or one across sites (grouped by site too): what the exports write. */
export type ExportableReport = Omit<Report, 'groupBy'> & { groupBy: ReportGrouping | 'site' };

const minutes = (ms: number | null): number | null => (ms === null ? null : ms / 60_000);
const percent = (share: number | null): number | null => (share === null ? null : share * 100);

/** The report table: headers (Vietnamese) and one array of cells per row, total last. */
export function reportTable(report: ExportableReport): { headers: string[]; rows: Cell[][] } {
  const headers = [
    `${COLUMNS_VI.group}: ${GROUPING_VI[report.groupBy]}`,
    COLUMNS_VI.issued,
    COLUMNS_VI.served,
    COLUMNS_VI.noShow,
    COLUMNS_VI.transferred,
    COLUMNS_VI.expired,
    COLUMNS_VI.cancelled,
    COLUMNS_VI.notServed,
    COLUMNS_VI.waitCount,
    COLUMNS_VI.waitMean,
    COLUMNS_VI.waitMedian,
    COLUMNS_VI.waitP90,
    COLUMNS_VI.serviceMean,
    COLUMNS_VI.serviceMedian,
    COLUMNS_VI.serviceP90,
    COLUMNS_VI.onTime,
    COLUMNS_VI.withinTarget,
    COLUMNS_VI.ratings,
    ...report.ratingScale.map((r) => r.label),
    COLUMNS_VI.satisfaction,
    ...REPORT_ORIGINS.flatMap((o) => [
      COLUMNS_VI.originIssued(ORIGIN_VI[o]),
      COLUMNS_VI.originWaitMean(ORIGIN_VI[o]),
      COLUMNS_VI.originWaitP90(ORIGIN_VI[o]),
    ]),
    COLUMNS_VI.bookingsDue,
    COLUMNS_VI.bookingsCame,
    COLUMNS_VI.bookingsShare,
    ...DOSSIER_OUTCOMES.map((o) => COLUMNS_VI.dossierOutcome(DOSSIER_OUTCOME_LABELS_VI[o])),
  ];
  const cells = (r: ReportRow): Cell[] => [
    r.label,
    r.issued,
    r.served,
    r.noShow,
    r.transferred,
    r.expired,
    r.cancelled,
    r.notServed,
    r.waiting.count,
    minutes(r.waiting.meanMs),
    minutes(r.waiting.medianMs),
    minutes(r.waiting.p90Ms),
    minutes(r.service.meanMs),
    minutes(r.service.medianMs),
    minutes(r.service.p90Ms),
    percent(r.onTime.share),
    percent(r.withinTarget.share),
    r.ratings.count,
    ...report.ratingScale.map((s) => r.ratings.byScore[String(s.score)] ?? 0),
    percent(r.ratings.rate),
    ...REPORT_ORIGINS.flatMap((o) => {
      const part = r.byOrigin[o];
      return [part.issued, minutes(part.waiting.meanMs), minutes(part.waiting.p90Ms)];
    }),
    r.bookings?.due ?? null,
    r.bookings?.came ?? null,
    percent(r.bookings?.share ?? null),
    ...DOSSIER_OUTCOMES.map((o) => r.dossierOutcomes[o]),
  ];
  return { headers, rows: [...report.rows.map(cells), cells(report.total)] };
}

/** How a spreadsheet program recognises a formula (or, for tab and CR, a cell it re-reads). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The CSV's separator and decimal mark: Excel set to Vietnamese (the list separator of the
 * vi-VN region settings) splits a CSV on ";" and reads "4,60" as a number.
 */
export const CSV_SEPARATOR = ';';
const CSV_DECIMAL = ',';

/**
 * One CSV cell. A text starting like a formula (a field, counter or clerk named
 * `=HYPERLINK(…)`, say) gets a leading `'`, so Excel and LibreOffice show it as text instead of
 * evaluating it (OWASP's "CSV injection" advice); numbers are written as numbers, with a
 * decimal comma. A text holding a separator, either decimal mark's comma, a quote or a line
 * break is quoted.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : value.toFixed(2).replace('.', CSV_DECIMAL);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[";,\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The report as CSV for Excel set to Vietnamese (RFC 4180 quoting, ";"-separated, decimal
 * commas, minutes with two decimals), with a UTF-8 byte-order mark so spreadsheet programs read
 * the Vietnamese headers right. After an empty line, the section on the accuracy of promised
 * waits (its title line, then its table).
 */
export function reportCsv(report: ExportableReport, digests?: ChainDigestRow[]): string {
  const { headers, rows } = reportTable(report);
  const line = (r: Cell[]) => r.map(csvCell).join(CSV_SEPARATOR);
  const lines = [headers, ...rows].map(line);
  lines.push('', line([ACCURACY_VI.title]), ...accuracyTable(report.estimateAccuracy).map(line));
  if (digests) lines.push(...digestCsvLines(digests, report.timeZone, csvCell, CSV_SEPARATOR));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/**
 * The report as an Excel workbook (every text cell is written as a string, never a formula,
 * so a name starting with `=` stays text here without the CSV's `'`): the table (minutes and percentages as numbers at full
 * precision, shown with one decimal), then the daily trend, arrivals by hour and the
 * distribution of waiting times, each on its own sheet.
 */
export async function reportXlsx(
  report: ExportableReport,
  siteName: string,
  digests?: ChainDigestRow[],
): Promise<Buffer> {
  // Loaded on the first export: exceljs adds ~17 MB to a hub that may never export.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lượt';
  wb.created = new Date(report.generatedAt);
  const { headers, rows } = reportTable(report);

  const sheet = wb.addWorksheet(SHEETS_VI.report);
  sheet.addRow([`${REPORT_TITLE_VI} — ${siteName}`]).font = { bold: true, size: 14 };
  sheet.addRow([META_VI.period, `${dayLabel(report.from)} – ${dayLabel(report.to)}`]);
  sheet.addRow([META_VI.groupBy, GROUPING_VI[report.groupBy]]);
  sheet.addRow([META_VI.generatedAt, formatDateTime(report.generatedAt, report.timeZone)]);
  sheet.addRow([META_VI.definitions]);
  sheet.addRow([]);
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  rows.forEach((cells, i) => {
    const row = sheet.addRow(cells);
    if (i === rows.length - 1) row.font = { bold: true };
  });
  // Minutes and percentages show one decimal; counts stay whole.
  const oneDecimal = new Set(
    [
      COLUMNS_VI.waitMean,
      COLUMNS_VI.waitMedian,
      COLUMNS_VI.waitP90,
      COLUMNS_VI.serviceMean,
      COLUMNS_VI.serviceMedian,
      COLUMNS_VI.serviceP90,
      COLUMNS_VI.onTime,
      COLUMNS_VI.withinTarget,
      COLUMNS_VI.satisfaction,
    ].map((h) => headers.indexOf(h)),
  );
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 34 : 14;
    if (oneDecimal.has(i)) column.numFmt = '0.0';
  });
  sheet.views = [{ state: 'frozen', ySplit: 7, xSplit: 1 }];

  const daily = wb.addWorksheet(SHEETS_VI.daily);
  daily.addRow(Object.values(DAILY_COLUMNS_VI)).font = { bold: true };
  for (const d of report.charts.daily)
    daily.addRow([
      dayLabel(d.day),
      d.issued,
      d.served,
      minutes(d.meanWaitMs),
      percent(d.satisfactionRate),
    ]);
  daily.columns.forEach((c, i) => {
    c.width = i === 0 ? 14 : 18;
    if (i >= 3) c.numFmt = '0.0';
  });

  const hourly = wb.addWorksheet(SHEETS_VI.hourly);
  hourly.addRow(Object.values(HOURLY_COLUMNS_VI)).font = { bold: true };
  for (const h of report.charts.arrivalsByHour)
    hourly.addRow([hourLabel(h.hour), h.count, h.perDay]);
  hourly.columns.forEach((c, i) => {
    c.width = 18;
    if (i === 2) c.numFmt = '0.0';
  });

  const waits = wb.addWorksheet(SHEETS_VI.waits);
  waits.addRow(Object.values(WAIT_COLUMNS_VI)).font = { bold: true };
  for (const b of report.charts.waitHistogram)
    waits.addRow([waitBucketLabel(b.fromMin, b.toMin), b.count]);
  waits.columns.forEach((c) => {
    c.width = 20;
  });
  if (digests) addDigestSheet(wb, digests, report.timeZone);

  const accuracy = wb.addWorksheet(ACCURACY_VI.sheet);
  accuracy.addRow([ACCURACY_VI.title]).font = { bold: true, size: 14 };
  accuracy.addRow([ACCURACY_VI.definitions]);
  accuracy.addRow([]);
  const [accuracyHeader, ...accuracyRows] = accuracyTable(report.estimateAccuracy);
  accuracy.addRow(accuracyHeader!).font = { bold: true };
  accuracyRows.forEach((cells, i) => {
    const row = accuracy.addRow(cells);
    if (i === accuracyRows.length - 1) row.font = { bold: true };
  });
  accuracy.columns.forEach((c, i) => {
    c.width = i === 0 ? 34 : 18;
    if (i >= 3) c.numFmt = '0.0';
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
