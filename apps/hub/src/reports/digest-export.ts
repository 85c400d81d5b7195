// The log's sealed days in the report's exports (issue 17): a section after the CSV's table and
// a sheet of the workbook, so the codes leave the centre with the report.
import type { Workbook } from 'exceljs';
import { formatDateTime } from '@luot/domain';
import type { ChainDigestRow } from '@luot/protocol';
import { dayLabel } from './labels-vi.ts';

export const DIGEST_EXPORT_VI = {
  title: 'Mã kiểm chứng nhật ký',
  note:
    'Mỗi ngày làm việc được niêm phong: mã dưới đây được tính từ toàn bộ sự kiện và nhật ký thay đổi ' +
    'đến hết ngày đó, và được hiển thị trên bảng sảnh sáng hôm sau. Sửa, xóa, thêm hay đổi thứ tự ' +
    'bất kỳ bản ghi nào làm mã không còn khớp (lệnh luot verify).',
  columns: [
    'Ngày',
    'Mã kiểm chứng',
    'Số sự kiện trong ngày',
    'Đến sự kiện số',
    'Đến bản ghi nhật ký số',
    'Niêm phong lúc',
    'Mã băm đầy đủ (SHA-256)',
  ],
};

type Cell = string | number | null;

/** One row per sealed day, in the columns of `DIGEST_EXPORT_VI`. */
export function digestCells(rows: ChainDigestRow[], timeZone: string): Cell[][] {
  return rows.map((d) => [
    dayLabel(d.day),
    d.code,
    d.events,
    d.eventsSeq,
    d.auditId,
    formatDateTime(d.madeAt, timeZone),
    d.digest,
  ]);
}

/** The CSV lines of the section: a blank line, its title, the headers and a row per day. */
export function digestCsvLines(
  rows: ChainDigestRow[],
  timeZone: string,
  cell: (value: Cell) => string,
  separator: string,
): string[] {
  return [
    '',
    cell(DIGEST_EXPORT_VI.title),
    DIGEST_EXPORT_VI.columns.map(cell).join(separator),
    ...digestCells(rows, timeZone).map((r) => r.map(cell).join(separator)),
  ];
}

/** The workbook's sheet of sealed days (always there; "none sealed" said when empty). */
export function addDigestSheet(wb: Workbook, rows: ChainDigestRow[], timeZone: string): void {
  const sheet = wb.addWorksheet(DIGEST_EXPORT_VI.title);
  sheet.addRow([DIGEST_EXPORT_VI.title]).font = { bold: true, size: 14 };
  sheet.addRow([DIGEST_EXPORT_VI.note]);
  sheet.addRow([]);
  sheet.addRow(DIGEST_EXPORT_VI.columns).font = { bold: true };
  for (const cells of digestCells(rows, timeZone)) sheet.addRow(cells);
  if (rows.length === 0) sheet.addRow(['Chưa có ngày nào được niêm phong trong kỳ này.']);
  const widths = [14, 18, 14, 14, 14, 20, 70];
  sheet.columns.forEach((c, i) => {
    c.width = widths[i] ?? 14;
  });
}
