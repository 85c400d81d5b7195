import type { EstimateAccuracy } from '@luot/domain';
import type { ReportEstimateAccuracy } from '@luot/protocol';
import { hourLabel, TOTAL_VI } from './labels-vi.ts';

// The exports' section on the accuracy of promised waits (issue 17): one table, by field (the
// whole day), then by field and hour of issue, then the total. Definitions in ./README.md.

export const ACCURACY_VI = {
  title: 'Độ chính xác của thời gian chờ dự kiến',
  sheet: 'Độ chính xác dự kiến',
  definitions:
    'Thời gian chờ dự kiến: con số in trên phiếu và báo cho công dân lúc lấy số. ' +
    'Thời gian chờ thực tế: từ lúc lấy số đến lần gọi đầu tiên. Chỉ tính phiếu đã được gọi và có dự kiến ' +
    '(số trực tuyến chờ xác nhận có mặt không được hứa thời gian nên không tính). ' +
    'Sai số tuyệt đối trung bình: trung bình của |dự kiến − thực tế|. ' +
    'Trong ±20 %: sai số không quá 20 % thời gian chờ thực tế.',
  columns: [
    'Lĩnh vực',
    'Giờ lấy số',
    'Số phiếu đo được',
    'Sai số tuyệt đối trung bình (phút)',
    'Trong ±5 phút (%)',
    'Trong ±20 % (%)',
  ],
  wholeDay: 'Cả ngày',
} as const;

type Cell = string | number | null;

const percent = (share: number | null): number | null => (share === null ? null : share * 100);
const figures = (a: EstimateAccuracy): Cell[] => [
  a.tickets,
  a.maeMinutes,
  percent(a.within5MinShare),
  percent(a.within20PctShare),
];

/** The section's rows (header first), total last; fields without measured tickets included. */
export function accuracyTable(accuracy: ReportEstimateAccuracy): Cell[][] {
  const label = new Map(accuracy.byField.map((f) => [f.fieldId, f.label]));
  return [
    [...ACCURACY_VI.columns],
    ...accuracy.byField.map((f) => [f.label, ACCURACY_VI.wholeDay, ...figures(f.accuracy)]),
    ...accuracy.byFieldHour.map((c) => [
      label.get(c.fieldId) ?? c.fieldId,
      hourLabel(c.hour),
      ...figures(c.accuracy),
    ]),
    [TOTAL_VI, ACCURACY_VI.wholeDay, ...figures(accuracy.total)],
  ];
}
