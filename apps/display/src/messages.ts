// Every text the citizen screens show, in one place so another language can follow.

/** Texts of the lobby board, the counter sign and the sound overlay. */
export const BOARD_TEXT = {
  counter: 'Quầy',
  /** Short column headers and labels. */
  latestCalls: 'Số vừa gọi',
  waiting: 'Đang chờ',
  waitingUnit: 'người',
  toCounter: 'Quầy',
  noCallsYet: 'Chưa có số nào được gọi',
  noCounters: 'Không có quầy nào để hiển thị. Kiểm tra tham số fields / counters của màn hình.',
  /** A counter's state where its ticket would be. */
  paused: 'Tạm dừng',
  closed: 'Đóng',
  idle: 'Sẵn sàng',
  /** The ticket's state under its number. */
  called: 'Mời số',
  serving: 'Đang phục vụ',
  loading: 'Đang tải dữ liệu…',
  signNoCounter:
    'Màn hình này chưa được gắn với quầy nào. Quản trị viên gắn thiết bị với một quầy, hoặc thêm ?counter=<mã quầy> vào địa chỉ.',
  signUnknownCounter: (id: string) => `Không có quầy “${id}” trong cấu hình.`,
  enableSound: 'Bấm để bật âm thanh',
  enableSoundHint:
    'Trình duyệt đang chặn âm thanh. Bấm vào màn hình (hoặc nhấn phím bất kỳ) một lần để bật lời mời gọi số.',
} as const;

/** Texts of the phone ticket page. */
export const PHONE_TEXT = {
  title: 'Phiếu của bạn',
  yourNumber: 'Số thứ tự của bạn',
  field: 'Lĩnh vực',
  issuedAt: 'Lấy số lúc',
  ahead: 'Số người trước bạn',
  estimatedWait: 'Thời gian chờ dự kiến',
  noCounterOpen: 'Chưa có quầy mở cho lĩnh vực này',
  aboutMinutes: (text: string) => `khoảng ${text}`,
  youAreNext: 'Bạn là người tiếp theo',
  statusWaiting: 'Đang chờ đến lượt',
  statusCalled: 'Mời bạn đến',
  statusCalledCounter: (n: number) => `Quầy số ${n}`,
  statusCalledHint: 'Vui lòng đến quầy ngay, mang theo phiếu và giấy tờ.',
  statusServing: (n: number | null) =>
    n === null ? 'Bạn đang được phục vụ' : `Bạn đang được phục vụ tại quầy số ${n}`,
  statusDone: 'Đã hoàn thành. Cảm ơn bạn!',
  statusNoShow: 'Bạn đã được gọi nhưng không có mặt',
  statusNoShowHint: 'Vui lòng đến quầy hoặc hỏi cán bộ hướng dẫn để được gọi lại.',
  statusExpired: 'Số đã hết hiệu lực (hết ngày làm việc)',
  statusCancelled: 'Số đã bị hủy',
  live: 'Đang cập nhật trực tiếp',
  keepPage: 'Trang này tự cập nhật. Hãy giữ phiếu giấy cho đến khi được phục vụ.',
  loading: 'Đang tải thông tin phiếu…',
  notFound: 'Không tìm thấy phiếu',
  notFoundHint:
    'Đường dẫn không đúng hoặc phiếu không còn hiệu lực. Hãy quét lại mã QR trên phiếu.',
  offline: 'Mất kết nối — đang kết nối lại…',
} as const;
