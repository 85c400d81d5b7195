import { formatDateTime } from '@luot/domain';
import type { StaffingPlan } from '@luot/protocol';
import { dayLabel } from './labels-vi.ts';
import { STAFFING_XLSX_VI as VI, WEEKDAYS_VI } from './staffing-labels-vi.ts';

/** Fills of a grid cell: short of counters, enough, two or more to spare. */
const FILL = { short: 'FFF4B6B6', enough: 'FFC8E6C9', spare: 'FFFFE9A8' } as const;

/** A worksheet name Excel accepts: no []:*?/\ , at most 31 characters, unique in the book. */
function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 28) || 'Lĩnh vực';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

const decimal = (x: number) => String(Math.round(x * 10) / 10).replace('.', ',');

/**
 * The staffing plan as an Excel workbook: per field a sheet with the weekday × hour grid of
 * "needed / open" counters, coloured (red short, green enough, yellow two or more to spare),
 * then a sheet of the query and every cell's inputs and figures as numbers.
 */
export async function staffingXlsx(
  plan: StaffingPlan,
  meta: { siteName: string; timeZone: string; generatedAt: number },
): Promise<Buffer> {
  // Loaded on the first export, as the report's (exceljs is large).
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lượt';
  wb.created = new Date(meta.generatedAt);
  const taken = new Set<string>([VI.inputsSheet.toLowerCase()]);
  const { query } = plan;
  const head = [
    [VI.site, meta.siteName],
    [VI.period, `${dayLabel(plan.from)} – ${dayLabel(plan.to)}`],
    [VI.target, VI.targetText(query.targetShare, query.withinMinutes)],
    [VI.whatIf, VI.whatIfText(query.arrivalsFactor, query.serviceFactor, query.counterDelta)],
  ];

  for (const field of plan.fields) {
    const sheet = wb.addWorksheet(sheetName(field.name, taken));
    sheet.addRow([`${VI.title} — ${field.name}`]).font = { bold: true, size: 14 };
    for (const row of head) sheet.addRow(row);
    sheet.addRow([VI.legend]);
    sheet.addRow([]);
    const header = sheet.addRow([VI.hour, ...WEEKDAYS_VI]);
    header.font = { bold: true };
    const hours = field.cells.map((c) => c.hour);
    const byKey = new Map(field.cells.map((c) => [`${c.weekday}|${c.hour}`, c]));
    for (let hour = Math.min(...hours); hour <= Math.max(...hours); hour++) {
      const row = sheet.addRow([
        `${String(hour).padStart(2, '0')}:00`,
        ...WEEKDAYS_VI.map((_, i) => {
          const c = byKey.get(`${i + 1}|${hour}`);
          return c ? `${c.needed} / ${decimal(c.open)}` : '';
        }),
      ]);
      WEEKDAYS_VI.forEach((_, i) => {
        const c = byKey.get(`${i + 1}|${hour}`);
        if (!c || (c.needed === 0 && c.open === 0)) return;
        const open = Math.round(c.open);
        const argb = c.needed > open ? FILL.short : open - c.needed >= 2 ? FILL.spare : FILL.enough;
        const cell = row.getCell(i + 2);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
        cell.alignment = { horizontal: 'center' };
      });
    }
    sheet.columns.forEach((column, i) => {
      column.width = i === 0 ? 26 : 12;
    });
  }

  const inputs = wb.addWorksheet(VI.inputsSheet);
  inputs.addRow([VI.title]).font = { bold: true, size: 14 };
  for (const row of head) inputs.addRow(row);
  inputs.addRow([VI.weekdays, ...plan.weekdays.map((n, i) => `${WEEKDAYS_VI[i]}: ${n}`)]);
  inputs.addRow([VI.generatedAt, formatDateTime(meta.generatedAt, meta.timeZone)]);
  inputs.addRow([]);
  const header = inputs.addRow(Object.values(VI.columns));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const field of plan.fields)
    for (const c of field.cells)
      inputs.addRow([
        field.name,
        WEEKDAYS_VI[c.weekday - 1],
        c.hour,
        c.arrivalsPerHour,
        c.serviceMinutes,
        c.noShowShare,
        c.abandonShare,
        c.needed,
        c.open,
        c.neededShare,
        c.simulatedShare,
        c.openShare,
      ]);
  inputs.columns.forEach((column, i) => {
    column.width = i === 0 ? 26 : 16;
    if (i === 3 || i === 4 || i === 8) column.numFmt = '0.0';
    if (i === 5 || i === 6 || i >= 9) column.numFmt = '0.0%';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
