import type { ConfigIssue } from './admin.ts';

/** The parts of a zod issue the translation reads (zod 4's issue shape). */
export interface RawConfigIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
}

/** The schema's own English messages (packages/domain/src/config.ts), in Vietnamese. */
const PATTERNS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^field id "(.+)" is used twice$/, (m) => `Mã lĩnh vực "${m[1]}" bị trùng.`],
  [/^counter id "(.+)" is used twice$/, (m) => `Mã quầy "${m[1]}" bị trùng.`],
  [/^counter number (\d+) is used twice$/, (m) => `Số quầy ${m[1]} bị trùng.`],
  [/^priority class "(.+)" is used twice$/, (m) => `Mã đối tượng ưu tiên "${m[1]}" bị trùng.`],
  [/^rating score (\d+) is used twice$/, (m) => `Mức đánh giá ${m[1]} bị trùng.`],
  [
    /^counter (\d+) serves unknown field "(.+)"$/,
    (m) => `Quầy số ${m[1]} phục vụ lĩnh vực không tồn tại "${m[2]}".`,
  ],
  [
    /^fields "(.+)" and "(.+)" can print the same numbers/,
    (m) =>
      `Lĩnh vực "${m[1]}" và "${m[2]}" có thể in ra cùng một số; hãy đặt tiền tố, số bắt đầu hoặc giới hạn số khác nhau.`,
  ],
  [/^field "(.+)" has no counter$/, (m) => `Lĩnh vực "${m[1]}" chưa có quầy nào phục vụ.`],
  [
    /^field "(.+)" has overlapping sessions$/,
    (m) => `Lĩnh vực "${m[1]}" có các buổi lấy số chồng lên nhau.`,
  ],
  [
    /^field "(.+)" starts at (\d+), more than (\d+) digits hold$/,
    (m) => `Lĩnh vực "${m[1]}" bắt đầu từ số ${m[2]}, vượt quá ${m[3]} chữ số.`,
  ],
  [
    /^field "(.+)": (\d+) digits from (\d+) cannot hold a daily limit of (\d+)$/,
    (m) =>
      `Lĩnh vực "${m[1]}": ${m[2]} chữ số bắt đầu từ ${m[3]} không đủ cho giới hạn ${m[4]} số mỗi ngày.`,
  ],
  [/^a session must end after it starts$/, () => 'Giờ kết thúc của buổi phải sau giờ bắt đầu.'],
  [/^time as HH:MM$/, () => 'Giờ phải viết dạng HH:MM, ví dụ 07:30.'],
  [
    /^lowercase letters, digits and dashes/,
    () => 'Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 40 ký tự).',
  ],
  [/^up to two capital letters$/, () => 'Tiền tố gồm tối đa hai chữ cái in hoa.'],
  [/^an IANA time zone/, () => 'Múi giờ không hợp lệ (ví dụ Asia/Ho_Chi_Minh).'],
  [
    /^an http:\/\/ or https:\/\/ address without a path$/,
    () =>
      'phải là địa chỉ http:// hoặc https:// gồm tên máy (và cổng), không có đường dẫn, tên đăng nhập hay mật khẩu, ví dụ http://192.168.1.10:8080.',
  ],
  [
    /^the calendar leaves no working day$/,
    () =>
      'Lịch làm việc không còn ngày làm việc nào: hãy chọn ít nhất một thứ trong tuần hoặc một ngày làm việc đặc biệt.',
  ],
  [/^weekday (\d) is listed twice$/, () => 'Một thứ trong tuần được chọn hai lần.'],
  [
    /^weekday (\d) has its own sessions twice$/,
    (m) => `${WEEKDAY_VI[Number(m[1])]} có hai bộ giờ riêng.`,
  ],
  [
    /^weekday (\d) has its own sessions but is not a working day$/,
    (m) => `${WEEKDAY_VI[Number(m[1])]} có giờ riêng nhưng không phải ngày làm việc.`,
  ],
  [
    /^weekday (\d) has overlapping sessions$/,
    (m) => `${WEEKDAY_VI[Number(m[1])]} có các buổi lấy số chồng lên nhau.`,
  ],
  [
    /^holiday "(.+)" ends before it starts$/,
    (m) => `Ngày lễ "${m[1]}": ngày kết thúc phải từ ngày bắt đầu trở đi.`,
  ],
  [
    /^holidays "(.+)" and "(.+)" share the date (\S+)$/,
    (m) => `Ngày lễ "${m[1]}" và "${m[2]}" trùng ngày ${dayVi(m[3]!)}.`,
  ],
  [/^special day (\S+) is listed twice$/, (m) => `Ngày ${dayVi(m[1]!)} được khai báo hai lần.`],
  [
    /^special day (\S+) falls on holiday "(.+)"$/,
    (m) => `Ngày làm việc đặc biệt ${dayVi(m[1]!)} trùng ngày lễ "${m[2]}".`,
  ],
  [
    /^special day (\S+) opens unknown field "(.+)"$/,
    (m) => `Ngày làm việc đặc biệt ${dayVi(m[1]!)} mở lĩnh vực không tồn tại "${m[2]}".`,
  ],
  [
    /^special day (\S+) has overlapping sessions$/,
    (m) => `Ngày làm việc đặc biệt ${dayVi(m[1]!)} có các buổi lấy số chồng lên nhau.`,
  ],
  [/^a real date as YYYY-MM-DD$/, () => 'Ngày không có thật hoặc sai dạng (YYYY-MM-DD).'],
];

const WEEKDAY_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "2027-09-02" as Vietnam writes it: "02/09/2027". */
export function dayVi(day: string): string {
  const [y, m, d] = day.split('-');
  return d && m && y ? `${d}/${m}/${y}` : day;
}

/**
 * The Vietnamese name of every key of the site configuration: one map, used to locate a refused
 * configuration's problems and to word the audit log's changes (apps/admin).
 */
export const CONFIG_KEY_LABELS: Readonly<Record<string, string>> = {
  name: 'Tên',
  numbering: 'Cách đánh số',
  prefix: 'Tiền tố',
  start: 'Số bắt đầu',
  digits: 'Số chữ số',
  sessions: 'Buổi lấy số',
  from: 'Từ',
  to: 'Đến',
  dailyLimit: 'Giới hạn số mỗi ngày',
  targetWaitMinutes: 'Thời gian chờ mục tiêu',
  defaultServiceMinutes: 'Thời gian phục vụ mặc định',
  kioskOrder: 'Thứ tự trên máy lấy số',
  number: 'Số quầy',
  fieldIds: 'Lĩnh vực phục vụ',
  rule: 'Quy tắc gọi số',
  site: 'Thông tin trung tâm',
  notice: 'Thông báo sảnh chờ',
  timeZone: 'Múi giờ',
  texts: 'Nội dung',
  ticketHeader: 'Đầu phiếu',
  ticketFooter: 'Cuối phiếu',
  announcement: 'Câu thông báo gọi số',
  announcementRepeat: 'Số lần đọc',
  endOfDay: 'Thông báo hết giờ làm việc',
  id: 'Mã',
  retention: 'Thời hạn lưu giữ dữ liệu',
  visitDays: 'Số ngày giữ dữ liệu lượt phục vụ',
  auditDays: 'Số ngày giữ nhật ký thay đổi',
  alerts: 'Cảnh báo trên màn hình theo dõi',
  calledNotStartedMinutes: 'Số phút đã gọi chưa bắt đầu phục vụ',
  addresses: 'Địa chỉ máy chủ',
  hub: 'Địa chỉ trong trung tâm',
  public: 'Địa chỉ cho điện thoại',
  priorityClasses: 'Đối tượng ưu tiên',
  priorityMaxStreak: 'Số lượt ưu tiên liên tiếp tối đa',
  ratingScale: 'Thang đánh giá',
  score: 'Mức',
  label: 'Nhãn',
  calendar: 'Lịch làm việc',
  workingDays: 'Ngày làm việc trong tuần',
  weekdaySessions: 'Giờ riêng theo thứ',
  weekday: 'Thứ',
  holidays: 'Ngày lễ',
  specialDays: 'Ngày làm việc đặc biệt',
  date: 'Ngày',
  online: 'Trực tuyến',
  remote: 'Lấy số từ điện thoại',
  booking: 'Đặt lịch hẹn',
  enabled: 'Nhận đặt lịch',
  slotMinutes: 'Độ dài khung giờ (phút)',
  capacity: 'Số người mỗi khung giờ',
  daysAhead: 'Số ngày đặt trước tối đa',
  earlyMinutes: 'Số phút xác nhận sớm nhất trước giờ hẹn',
  graceMinutes: 'Số phút giữ lịch sau giờ hẹn',
  citizens: 'Công dân trực tuyến',
  numbersPerDay: 'Số lần lấy số mỗi ngày cho một số điện thoại',
  openBookings: 'Số lịch hẹn chưa dùng tối đa cho một số điện thoại',
  bookingMaxStreak: 'Số lịch hẹn được gọi liên tiếp',
  nearTurnAhead: 'Ngưỡng nhắn tin sắp đến lượt',
  idCard: 'Căn cước công dân',
  scan: 'Quét căn cước',
  priorityAge: 'Ưu tiên từ tuổi',
  priorityClassId: 'Đối tượng ưu tiên theo tuổi',
  adultAge: 'Tuổi thành niên',
  adultsOnly: 'Chỉ cấp số cho người thành niên',
  dossier: 'Hồ sơ khi hoàn thành',
  pattern: 'Định dạng mã hồ sơ',
  required: 'Bắt buộc khi hoàn thành',
  maxCodes: 'Số mã hồ sơ tối đa mỗi lượt',
  board: 'Nội dung màn hình sảnh chờ',
  'board.layout': 'Vùng nội dung trên màn hình sảnh chờ',
  'board.playlist': 'Danh sách phát trên màn hình sảnh chờ',
  layout: 'Vùng nội dung',
  playlist: 'Danh sách phát',
  mediaId: 'Tệp',
  kind: 'Loại',
  seconds: 'Số giây',
  desks: 'Bàn hướng dẫn',
  printer: 'Máy in mạng của bàn',
  host: 'Địa chỉ máy in',
  port: 'Cổng máy in',
  paper: 'Khổ giấy',
  kioskId: 'Ki-ốt in thay',
};

/** Where an issue is, as a person reads it: `Lĩnh vực "Đất đai" › Số chữ số`. */
function locate(path: PropertyKey[], config: unknown): string {
  const parts: string[] = [];
  const c = (config ?? {}) as {
    fields?: { name?: string }[];
    counters?: { number?: number; name?: string }[];
  };
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (key === 'fields' && typeof next === 'number') {
      const name = c.fields?.[next]?.name;
      parts.push(name ? `Lĩnh vực "${name}"` : `Lĩnh vực thứ ${next + 1}`);
      i++;
    } else if (key === 'counters' && typeof next === 'number') {
      const counter = c.counters?.[next];
      parts.push(`Quầy ${counter?.number ?? `thứ ${next + 1}`}`);
      i++;
    } else if (key === 'priorityClasses' && typeof next === 'number') {
      const name = (c as { priorityClasses?: { name?: string }[] }).priorityClasses?.[next]?.name;
      parts.push(name ? `Đối tượng ưu tiên "${name}"` : `Đối tượng ưu tiên thứ ${next + 1}`);
      i++;
    } else if (key === 'ratingScale' && typeof next === 'number') {
      parts.push(`Thang đánh giá › Mức thứ ${next + 1}`);
    } else if ((key === 'holidays' || key === 'specialDays') && typeof next === 'number') {
      parts.push(`${CONFIG_KEY_LABELS[key]} thứ ${next + 1}`);
      i++;
    } else if (key === 'sessions' && typeof next === 'number') {
      parts.push(`Buổi ${next + 1}`);
      i++;
    } else if (typeof key === 'string') parts.push(CONFIG_KEY_LABELS[key] ?? key);
  }
  return parts.join(' › ');
}

function generic(issue: RawConfigIssue): string {
  const min = issue.minimum === undefined ? '' : String(issue.minimum);
  const max = issue.maximum === undefined ? '' : String(issue.maximum);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return `cần ít nhất ${min} mục.`;
      if (issue.origin === 'string')
        return min === '1' ? 'không được để trống.' : `cần ít nhất ${min} ký tự.`;
      return `phải từ ${min} trở lên.`;
    case 'too_big':
      if (issue.origin === 'array') return `nhiều nhất ${max} mục.`;
      if (issue.origin === 'string') return `dài nhất ${max} ký tự.`;
      return `nhiều nhất là ${max}.`;
    case 'invalid_type':
      return 'giá trị không đúng kiểu (thiếu hoặc sai dạng).';
    case 'not_multiple_of':
      return 'phải là số nguyên.';
    case 'unrecognized_keys':
      return 'có mục không được hỗ trợ.';
    default:
      return 'giá trị không hợp lệ.';
  }
}

/**
 * Explains one problem of a refused site configuration in Vietnamese. The schema's cross-field
 * rules already name their item; other problems are located by their path in `config`.
 */
export function configIssueVi(issue: RawConfigIssue, config: unknown): ConfigIssue {
  const path = issue.path.filter(
    (p): p is string | number => typeof p === 'string' || typeof p === 'number',
  );
  for (const [pattern, say] of PATTERNS) {
    const m = issue.message.match(pattern);
    if (!m) continue;
    const text = say(m);
    // The cross-field rules name their item already; field-level messages need a location.
    const named = /"|Quầy số|Số quầy|Mức|Mã |^Lịch làm việc|^Thứ |^Chủ nhật/.test(text);
    return {
      path,
      message: named || path.length === 0 ? text : `${locate(path, config)}: ${text}`,
    };
  }
  const where = locate(path, config);
  const what = generic(issue);
  return { path, message: where ? `${where}: ${what}` : what[0]!.toUpperCase() + what.slice(1) };
}
