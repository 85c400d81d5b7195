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
  /** Above the site's end-of-day text once the day's service is over. */
  endOfDayTitle: 'Hết giờ phục vụ hôm nay',
  signNoCounter:
    'Màn hình này chưa được gắn với quầy nào. Quản trị viên gắn thiết bị với một quầy, hoặc thêm ?counter=<mã quầy> vào địa chỉ.',
  signUnknownCounter: (id: string) => `Không có quầy “${id}” trong cấu hình.`,
  enableSound: 'Bấm để bật âm thanh',
  enableSoundHint:
    'Trình duyệt đang chặn âm thanh. Bấm vào màn hình (hoặc nhấn phím bất kỳ) một lần để bật lời mời gọi số.',
} as const;

/** Texts of the phone ticket page. */
export const PHONE_TEXT = {
  title: 'Phiếu của quý khách',
  yourNumber: 'Số thứ tự của quý khách',
  field: 'Lĩnh vực',
  issuedAt: 'Lấy số lúc',
  ahead: 'Số người đang chờ trước',
  estimatedWait: 'Thời gian chờ dự kiến',
  noCounterOpen: 'Chưa có quầy mở cho lĩnh vực này',
  aboutMinutes: (text: string) => `khoảng ${text}`,
  youAreNext: 'Quý khách là người tiếp theo',
  statusWaiting: 'Đang chờ đến lượt',
  statusCalled: 'Mời quý khách đến',
  statusCalledCounter: (n: number) => `Quầy số ${n}`,
  statusCalledHint: 'Xin mời quý khách đến quầy ngay, mang theo phiếu và giấy tờ.',
  statusServing: (n: number | null) =>
    n === null ? 'Quý khách đang được phục vụ' : `Quý khách đang được phục vụ tại quầy số ${n}`,
  statusDone: 'Đã hoàn thành. Xin cảm ơn quý khách!',
  statusNoShow: 'Quý khách đã được gọi nhưng không có mặt',
  statusNoShowHint: 'Xin mời quý khách đến quầy hoặc hỏi cán bộ hướng dẫn để được gọi lại.',
  statusExpired: 'Số đã hết hiệu lực (hết ngày làm việc)',
  statusCancelled: 'Số đã bị hủy',
  /** Above the site's end-of-day text, on a waiting ticket's page once service is over. */
  endOfDayTitle: 'Hết giờ phục vụ hôm nay',
  live: 'Đang cập nhật trực tiếp',
  keepPage: 'Trang này tự cập nhật. Xin quý khách giữ phiếu giấy cho đến khi được phục vụ.',
  loading: 'Đang tải thông tin phiếu…',
  notFound: 'Không tìm thấy phiếu',
  notFoundHint:
    'Đường dẫn không đúng hoặc phiếu không còn hiệu lực. Xin quý khách quét lại mã QR trên phiếu.',
  offline: 'Mất kết nối — đang kết nối lại…',
} as const;
