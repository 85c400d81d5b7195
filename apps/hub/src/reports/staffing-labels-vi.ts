// Vietnamese text of the staffing plan: the route's messages and the XLSX export, in one place.

/** What is wrong with a staffing query, per parameter (the period's come from its schema). */
export const STAFFING_QUERY_VI: Record<string, string> = {
  targetShare: 'targetShare: tỷ lệ mục tiêu phải từ 0,5 đến 0,99.',
  withinMinutes: 'withinMinutes: số phút chờ mục tiêu phải là số nguyên từ 1 đến 120.',
  arrivalsFactor: 'arrivalsFactor: hệ số lượt đến phải từ 0,5 đến 2.',
  serviceFactor: 'serviceFactor: hệ số thời gian phục vụ phải từ 0,5 đến 2.',
  counterDelta: 'counterDelta: số quầy thêm hoặc bớt phải là số nguyên từ −5 đến 5.',
  site: 'site: mã điểm phục vụ không hợp lệ.',
};
export const STAFFING_QUERY_FALLBACK_VI = 'Tham số của kế hoạch nhân sự không hợp lệ.';
export const STAFFING_UNKNOWN_PARAM_VI = 'Tham số không được hỗ trợ:';

export const WEEKDAYS_VI = [
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
  'Chủ Nhật',
];

export const STAFFING_XLSX_VI = {
  title: 'Kế hoạch bố trí quầy theo lịch sử',
  inputsSheet: 'Dữ liệu và tham số',
  site: 'Điểm phục vụ',
  period: 'Khoảng thời gian lịch sử',
  target: 'Mục tiêu',
  targetText: (share: number, minutes: number) =>
    `${Math.round(share * 100)} % công dân được gọi trong ${minutes} phút`,
  whatIf: 'Giả định',
  whatIfText: (arrivals: number, service: number, delta: number) =>
    `lượt đến × ${decimalVi(arrivals)}, thời gian phục vụ × ${decimalVi(service)}, quầy ${delta >= 0 ? '+' : '−'}${Math.abs(delta)}`,
  weekdays: 'Số ngày có phiếu theo thứ',
  generatedAt: 'Lập lúc',
  legend:
    'Mỗi ô: "cần / đang mở" — số quầy cần để đạt mục tiêu (Erlang C, có hiệu chỉnh vắng mặt và bỏ về) / số quầy trung bình đã phục vụ lĩnh vực trong giờ đó. Đỏ: thiếu quầy; xanh: đủ; vàng: thừa từ 2 quầy.',
  hour: 'Giờ',
  columns: {
    field: 'Lĩnh vực',
    weekday: 'Thứ',
    hour: 'Giờ',
    arrivals: 'Lượt đến/giờ (trung bình)',
    service: 'Phục vụ trung bình (phút)',
    noShow: 'Tỷ lệ vắng mặt (trên số lượt gọi)',
    abandon: 'Tỷ lệ bỏ về (không được gọi)',
    needed: 'Số quầy cần',
    open: 'Số quầy đang mở (trung bình)',
    neededShare: 'Tỷ lệ gọi kịp với số quầy cần (Erlang C)',
    simulatedShare: 'Tỷ lệ gọi kịp với số quầy cần (mô phỏng)',
    openShare: 'Tỷ lệ gọi kịp với số quầy đang mở (Erlang C)',
  },
};

function decimalVi(x: number): string {
  return String(x).replace('.', ',');
}
