// The admin app's texts for the accuracy of promised waits (issue 17): the panel of the reports
// page and of the supervisor's dashboard. Beside messages.ts, which would pass 400 lines with them.

const minutesFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export const MA = {
  title: 'Độ chính xác của thời gian chờ dự kiến',
  todayTitle: 'Độ chính xác của thời gian chờ dự kiến hôm nay',
  field: 'Lĩnh vực',
  total: 'Tổng cộng',
  tickets: 'Số phiếu đo được',
  mae: 'Sai số trung bình',
  within5: 'Trong ±5 phút',
  within20: 'Trong ±20 %',
  byFieldHour: 'Sai số trung bình theo lĩnh vực và giờ lấy số',
  hour: (h: number) => `${h}h`,
  /** A figure in minutes, "3,5 phút"; "—" for none. */
  minutes: (m: number | null) => (m === null ? '—' : `${minutesFormat.format(m)} phút`),
  cellTitle: (tickets: number, mae: string, within5: string, within20: string) =>
    `${tickets} phiếu · sai số trung bình ${mae} · trong ±5 phút ${within5} · trong ±20 % ${within20}`,
  legend: 'Màu theo sai số trung bình:',
  levels: ['≤ 2 phút', '2–5 phút', '5–10 phút', '> 10 phút'],
  empty:
    'Chưa có phiếu nào được đo: chỉ tính phiếu đã được gọi và có thời gian chờ dự kiến lúc lấy số.',
  definitions:
    'So sánh thời gian chờ dự kiến in trên phiếu (và báo trên điện thoại) lúc lấy số với thời gian chờ ' +
    'thực tế, từ lúc lấy số đến lần gọi đầu tiên. Chỉ tính phiếu đã được gọi và được hứa thời gian: ' +
    'số trực tuyến chờ xác nhận có mặt và phiếu lấy khi không quầy nào mở không được tính. ' +
    'Trong ±20 %: sai số không quá 20 % thời gian chờ thực tế. Ngày đã đóng gói trước khi có số liệu ' +
    'này được coi là không có dữ liệu.',
  loading: 'Đang tải…',
  failed: 'Không tải được số liệu độ chính xác.',
};
