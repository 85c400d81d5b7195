import type { ReportGrouping } from '@luot/protocol';

// Vietnamese text of the reports and their exports, in one place.

export const GROUPING_VI: Record<ReportGrouping | 'site', string> = {
  site: 'Điểm phục vụ',
  field: 'Lĩnh vực',
  counter: 'Quầy',
  clerk: 'Cán bộ',
  hour: 'Giờ trong ngày',
  day: 'Ngày',
};

export const TOTAL_VI = 'Tổng cộng';
export const REPORT_TITLE_VI = 'Báo cáo thời gian chờ và phục vụ';
export const NOT_APPLICABLE_VI = '—';

/** Column headers of the CSV and XLSX exports; `rating:<score>` columns follow the scale. */
export const COLUMNS_VI = {
  group: 'Nhóm',
  issued: 'Số phiếu đã cấp',
  served: 'Đã phục vụ',
  noShow: 'Vắng mặt',
  transferred: 'Chuyển quầy/lĩnh vực',
  expired: 'Hết hạn (không được phục vụ)',
  cancelled: 'Đã hủy',
  notServed: 'Không được phục vụ (hết hạn + đã hủy)',
  waitCount: 'Số lượt gọi',
  waitMean: 'Chờ trung bình (phút)',
  waitMedian: 'Chờ trung vị (phút)',
  waitP90: 'Chờ P90 (phút)',
  serviceMean: 'Phục vụ trung bình (phút)',
  serviceMedian: 'Phục vụ trung vị (phút)',
  serviceP90: 'Phục vụ P90 (phút)',
  onTime: 'Đúng hạn trên số người lấy số (%)',
  withinTarget: 'Đúng hạn trên số đã phục vụ (%)',
  ratings: 'Số lượt đánh giá',
  satisfaction: 'Tỷ lệ hài lòng (%)',
  /** Per origin (ORIGIN_VI): tickets issued, mean and P90 wait. */
  originIssued: (origin: string) => `${origin}: số phiếu`,
  /** Served visits by the outcome the clerk recorded (`DOSSIER_OUTCOME_LABELS_VI`). */
  dossierOutcome: (outcome: string) => `Kết quả: ${outcome}`,
  originWaitMean: (origin: string) => `${origin}: chờ trung bình (phút)`,
  originWaitP90: (origin: string) => `${origin}: chờ P90 (phút)`,
  bookingsDue: 'Lịch hẹn đã đến giờ',
  bookingsCame: 'Lịch hẹn công dân đã đến',
  bookingsShare: 'Tỷ lệ lịch hẹn công dân đến (%)',
} as const;

/** Where tickets came from, as the report names them. */
export const ORIGIN_VI = {
  'walk-in': 'Lấy số tại ki-ốt',
  remote: 'Lấy số trực tuyến',
  booking: 'Đặt lịch hẹn',
} as const;

export const SHEETS_VI = {
  report: 'Báo cáo',
  daily: 'Theo ngày',
  hourly: 'Lượt đến theo giờ',
  waits: 'Phân bố thời gian chờ',
};

export const DAILY_COLUMNS_VI = {
  day: 'Ngày',
  issued: 'Số phiếu đã cấp',
  served: 'Đã phục vụ',
  meanWait: 'Chờ trung bình (phút)',
  satisfaction: 'Tỷ lệ hài lòng (%)',
};

export const HOURLY_COLUMNS_VI = {
  hour: 'Giờ',
  count: 'Số phiếu đã cấp',
  perDay: 'Trung bình mỗi ngày',
};

export const WAIT_COLUMNS_VI = { bucket: 'Thời gian chờ', count: 'Số lượt gọi' };

/** "Quầy 3" style headings of the workbook's first rows. */
export const META_VI = {
  period: 'Kỳ báo cáo',
  groupBy: 'Nhóm theo',
  generatedAt: 'Lập lúc',
  definitions:
    'Thời gian chờ: từ lúc lấy số (hoặc được chuyển, hoặc bị đánh vắng mặt) đến lúc được gọi, tính cho mỗi lượt gọi. ' +
    'Thời gian phục vụ: từ lúc bắt đầu đến lúc hoàn thành, chỉ tính lượt đã phục vụ. ' +
    'Trung vị và P90 tính như hàm PERCENTILE.INC của Excel. ' +
    'Không được phục vụ: số hết hạn (kể cả người vắng mặt không được gọi lại) cộng số đã hủy. ' +
    'Đúng hạn trên số người lấy số: số được phục vụ với thời gian chờ không quá mục tiêu của lĩnh vực, chia cho số phiếu đã cấp; ' +
    'đúng hạn trên số đã phục vụ: cùng số đó chia cho số lượt đã phục vụ. ' +
    'Tỷ lệ hài lòng: tỷ lệ đánh giá ở hai mức cao nhất của thang điểm.',
};

/** "08:00–09:00". */
export function hourLabel(hour: number): string {
  const hh = (h: number) => String(h).padStart(2, '0');
  return `${hh(hour)}:00–${hh((hour + 1) % 24)}:00`;
}

/** "23/11/2026" from "2026-11-23". */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** "0–5 phút", "90 phút trở lên". */
export function waitBucketLabel(fromMin: number, toMin: number | null): string {
  return toMin === null ? `${fromMin} phút trở lên` : `${fromMin}–${toMin} phút`;
}

/** The export of ratings per dossier: its sheet, title and column headers (in this order). */
export const DOSSIER_EXPORT_VI = {
  sheet: 'Đánh giá theo hồ sơ',
  title: 'Mức độ hài lòng theo hồ sơ (Quyết định 766/QĐ-TTg)',
  columns: [
    'Mã hồ sơ',
    'Điểm phục vụ',
    'Lĩnh vực',
    'Quầy',
    'Cán bộ',
    'Hoàn thành lúc',
    'Kết quả',
    'Điểm đánh giá',
  ],
};
