// Vietnamese messages of the administration endpoints.
import { dayVi } from '@luot/protocol';

export const ADMIN_MESSAGES_VI = {
  staleConfig:
    'Cấu hình vừa được người khác thay đổi. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.',
  invalidConfig: 'Cấu hình không hợp lệ, chưa được lưu.',
  invalidUser:
    'Thông tin tài khoản không hợp lệ: tên đăng nhập 2–32 ký tự (chữ thường không dấu, số, . _ -), mật khẩu ít nhất 8 ký tự.',
  userExists: 'Tên đăng nhập này đã có.',
  noUser: 'Không có tài khoản này.',
  otherSites: 'Chỉ quản trị viên toàn tỉnh mới giao được tài khoản cho điểm phục vụ khác.',
  notYourself: 'Không thể tự khóa tài khoản đang đăng nhập.',
  invalidDevice:
    'Thông tin thiết bị không hợp lệ: mã gồm chữ thường không dấu, số và dấu gạch ngang; máy đánh giá phải thuộc một quầy.',
  deviceExists: 'Mã thiết bị này đã có; hãy chọn mã khác.',
  noCounter: 'Không có quầy này.',
  noDevice: 'Không có thiết bị đang hoạt động với mã này.',
  invalidSession: 'Mã phiên đăng nhập không hợp lệ.',
  noSession: 'Phiên đăng nhập này không còn hoạt động.',
  invalidPasswordChange: 'Hãy nhập mật khẩu hiện tại và mật khẩu mới (ít nhất 8 ký tự).',
  wrongPassword: 'Mật khẩu hiện tại không đúng.',
  samePassword: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
} as const;

const DOMAIN_DETAILS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [
    /^holiday "(.+)" on (\S+) is in the past$/,
    (m) => `Ngày lễ "${m[1]}" (${dayVi(m[2]!)}) đã qua; chỉ thêm được ngày lễ từ hôm nay trở đi.`,
  ],
  [
    /^special day (\S+) is in the past$/,
    (m) => `Ngày làm việc đặc biệt ${dayVi(m[1]!)} đã qua; chỉ thêm được ngày từ hôm nay trở đi.`,
  ],
  [
    /^counter (.+) is open and cannot be removed$/,
    (m) => `Quầy "${m[1]}" đang mở; hãy đóng quầy trước khi xóa.`,
  ],
  [
    /^field (.+) still has tickets today$/,
    (m) => `Lĩnh vực "${m[1]}" còn số chưa xử lý trong hôm nay; chưa thể xóa.`,
  ],
  [
    /^field "(.+)" would print (\S+) again, already issued today$/,
    (m) =>
      `Lĩnh vực «${m[1]}» sẽ in lại số ${m[2]} đã cấp hôm nay; hãy đặt số bắt đầu sau các số đã cấp, hoặc tiền tố khác, hoặc đổi cách đánh số sau khi hết ngày.`,
  ],
  [
    /^priority class "(.+)" is carried by tickets waiting today$/,
    (m) =>
      `Đối tượng ưu tiên «${m[1]}» đang có số chờ trong hôm nay; chưa thể xóa cho đến khi các số đó được xử lý hoặc hết ngày.`,
  ],
  [
    /^time zone (\S+) would move the service day from (\S+) to (\S+)$/,
    (m) =>
      `Đổi sang múi giờ ${m[1]} lúc này sẽ chuyển ngày làm việc từ ${viDate(m[2]!)} sang ${viDate(m[3]!)}: các số đang chờ sẽ hết hạn hoặc máy lấy số ngừng cấp số. Hãy đổi múi giờ khi ngày làm việc theo hai múi giờ trùng nhau (ví dụ trong giờ hành chính).`,
  ],
];

/** The queue's English refusal of a configuration, in Vietnamese. */
export function domainConfigRefusalVi(detail: string): string {
  for (const [pattern, say] of DOMAIN_DETAILS) {
    const m = detail.match(pattern);
    if (m) return say(m);
  }
  return ADMIN_MESSAGES_VI.invalidConfig;
}

/** "2026-11-30" → "30/11/2026". */
function viDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
