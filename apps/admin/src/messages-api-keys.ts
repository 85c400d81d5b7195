// The admin app's texts for the REST API's keys (issue 16): the "Khóa API" page and the audit
// log's lines about keys. Beside messages.ts, which would pass 400 lines with them.
import type { ApiPermission } from '@luot/protocol';

export const MK = {
  title: 'Khóa API',
  intro:
    'Khóa API cho phép một hệ thống khác (như Hệ thống thông tin giải quyết thủ tục hành chính) dùng API của Lượt: xem hàng đợi, cấp số, thao tác tại quầy, xem báo cáo. Mỗi khóa chỉ dùng được ở điểm phục vụ và với các quyền đã chọn; thu hồi khóa khi hệ thống đó không còn dùng.',
  create: 'Tạo khóa',
  name: 'Tên khóa',
  namePlaceholder: 'Hệ thống một cửa của tỉnh',
  site: 'Điểm phục vụ',
  allSites: 'Mọi điểm phục vụ',
  permissions: 'Quyền',
  needPermission: 'Hãy chọn ít nhất một quyền.',
  /** What each permission allows, one line each, in the form and the list. */
  permission: {
    'queue:read': {
      short: 'Xem hàng đợi',
      line: 'Xem hàng đợi, từng số, các quầy và thiết bị',
    },
    'tickets:issue': {
      short: 'Cấp số',
      line: 'Cấp số thứ tự cho người dân (như ki-ốt lấy số)',
    },
    'counters:act': {
      short: 'Thao tác tại quầy',
      line: 'Gọi số, bắt đầu, kết thúc, vắng mặt, chuyển, gọi lại, tạm dừng tại quầy',
    },
    'tickets:manage': {
      short: 'Giám sát',
      line: 'Thao tác của giám sát: huỷ số, chuyển số, đóng quầy',
    },
    'reports:read': {
      short: 'Xem báo cáo',
      line: 'Xem báo cáo và tải tệp xuất báo cáo',
    },
  } satisfies Record<ApiPermission, { short: string; line: string }>,
  secretTitle: (name: string) => `Khóa API mới: ${name}`,
  secretWarning:
    'Hãy sao chép và lưu khóa này ở nơi an toàn ngay bây giờ. Khóa sẽ không được hiển thị lại: Lượt chỉ lưu mã băm của khóa. Nếu làm mất, hãy thu hồi khóa này và tạo khóa mới.',
  secretLabel: 'Khóa bí mật',
  copy: 'Sao chép',
  copied: 'Đã sao chép',
  copyFailed: 'Không sao chép được, hãy chọn và sao chép thủ công.',
  usage: 'Gửi kèm mỗi yêu cầu trong tiêu đề:',
  done: 'Tôi đã lưu khóa',
  listTitle: 'Các khóa đã tạo',
  empty: 'Chưa có khóa API nào.',
  prefix: 'Nhận diện',
  created: 'Tạo lúc',
  createdBy: (who: string) => `bởi ${who}`,
  lastUsed: 'Dùng lần cuối',
  neverUsed: 'Chưa dùng',
  state: 'Trạng thái',
  active: 'Đang dùng',
  revoked: 'Đã thu hồi',
  revokedAt: (when: string) => `lúc ${when}`,
  revoke: 'Thu hồi',
  confirmRevoke: (name: string) =>
    `Thu hồi khóa "${name}"? Hệ thống đang dùng khóa này sẽ bị từ chối ngay từ yêu cầu tiếp theo, và không thể khôi phục khóa.`,
  /** The audit log's actions about keys. */
  audit: {
    'api-key.create': 'Tạo khóa API',
    'api-key.revoke': 'Thu hồi khóa API',
  } as Record<string, string>,
};
