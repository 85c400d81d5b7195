// The admin app's texts for the staffing planner (issue 17): the page "Kế hoạch nhân sự", its
// heat map, the what-if and the Excel download. Beside messages.ts, which would pass 400 lines.

const number1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export const MP = {
  title: 'Kế hoạch nhân sự',
  intro:
    'Số quầy cần mở theo thứ và giờ để đạt mục tiêu, tính từ lượt đến và thời gian phục vụ đã ghi nhận (công thức Erlang C, kiểm tra lại bằng mô phỏng), so với số quầy đã mở.',
  from: 'Từ ngày',
  to: 'Đến ngày',
  last8Weeks: '8 tuần gần nhất',
  target: 'Mục tiêu',
  targetShare: 'Tỉ lệ công dân (%)',
  targetMinutes: 'được gọi trong (phút)',
  targetLine: (share: number, minutes: number) =>
    `${number1.format(share * 100)} % công dân được gọi trong ${minutes} phút`,
  field: 'Lĩnh vực',
  show: 'Lập kế hoạch',
  loading: 'Đang lập kế hoạch…',
  download: 'Tải kế hoạch (Excel)',
  period: 'Kỳ dữ liệu',
  /** How many days of each weekday the means are taken over (days with arrivals). */
  daysOf: (weekdays: number[]) => {
    const parts = weekdays.flatMap((n, i) => (n > 0 ? [`${MP.weekdays[i]}: ${n}`] : []));
    return parts.length
      ? `Mỗi ô là trung bình trên các ngày có lượt đến: ${parts.join(' · ')} ngày`
      : '';
  },
  computedIn: (ms: number) => `Hub lập kế hoạch trong ${number1.format(ms)} ms`,
  whatIf: 'Giả định',
  whatIfHint: 'Bật một hoặc nhiều giả định; bản đồ cho thấy số quầy cần và đã mở khi đó.',
  arrivalsUp: 'Lượt đến +20 %',
  serviceDown: 'Thời gian phục vụ −10 %',
  oneCounterLess: 'Bớt một quầy',
  changedCount: (n: number) =>
    n === 0 ? 'Giả định không làm thay đổi ô nào.' : `${n} ô thay đổi so với thực tế (viền đậm).`,
  mapCaption: (field: string) => `Số quầy cần / đã mở theo thứ và giờ — ${field}`,
  weekdayHead: 'Thứ',
  hourHead: (hour: number) => `${hour}h`,
  hourLong: (hour: number) => `${hour}:00–${hour + 1}:00`,
  weekdays: ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'],
  weekdaysLong: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'],
  noData: '·',
  noDataLong: 'không có lượt đến và không có quầy mở',
  /** What a cell says to a screen reader (and in its title). */
  cellLabel: (needed: number, open: string, gap: string) =>
    `cần ${needed} quầy, đã mở ${open}${gap ? ` (${gap})` : ''}`,
  before: (needed: number, open: string) => `trước: ${needed} / ${open}`,
  short: (n: string) => `thiếu ${n}`,
  surplus: (n: string) => `dư ${n}`,
  legend: 'Chú giải',
  legendShort: ['Thiếu 1 quầy', 'Thiếu 2 quầy', 'Thiếu từ 3 quầy'],
  legendMet: 'Đủ quầy',
  legendSurplus: ['Dư 1 quầy', 'Dư từ 2 quầy'],
  legendCell: '“3 / 2”: cần 3 quầy, đã mở trung bình 2',
  detailHint: 'Di chuột hoặc dùng phím Tab đến một ô để xem chi tiết.',
  detail: {
    arrivals: 'Lượt đến mỗi giờ',
    service: 'Thời gian phục vụ trung bình',
    noShow: 'Tỉ lệ vắng mặt khi gọi',
    abandon: 'Tỉ lệ bỏ về (không được gọi)',
    withOpen: (open: string) => `Được gọi đúng hạn với ${open} quầy đã mở (Erlang C)`,
    withNeeded: (needed: number) => `Được gọi đúng hạn với ${needed} quầy cần (Erlang C)`,
    simulated: (needed: number) => `Theo mô phỏng với ${needed} quầy cần`,
    perHour: (n: number) => `${number1.format(n)} lượt/giờ`,
    was: (value: string) => `trước: ${value}`,
  },
  empty:
    'Không có lượt đến nào trong khoảng thời gian này, nên chưa thể lập kế hoạch. Hãy chọn một khoảng ngày có dữ liệu.',
  noFields: 'Trung tâm chưa có lĩnh vực nào.',
  invalid: 'Khoảng ngày hoặc mục tiêu không hợp lệ (tỉ lệ 50–99 %, thời gian 1–120 phút).',
};

/** A mean count of counters as people read it: "2", "1,5". */
export function countersVi(n: number): string {
  return number1.format(n);
}
