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
];

/** The queue's English refusal of a configuration, in Vietnamese. */
export function domainConfigRefusalVi(detail: string): string {
  for (const [pattern, say] of DOMAIN_DETAILS) {
    const m = detail.match(pattern);
    if (m) return say(m);
  }
  return ADMIN_MESSAGES_VI.invalidConfig;
}
