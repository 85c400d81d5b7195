// The admin app's texts for webhooks (issue 16): the "Webhook" page, its subscriptions, the
// delivery log and the dead-letter list. Beside messages.ts, which would pass 400 lines with them.
import type { WebhookDeliveryState, WebhookEventType } from '@luot/protocol';

/** Each event a subscription may ask for, as an admin reads it. */
export const EVENT_NAMES: Record<WebhookEventType, string> = {
  'ticket.issued': 'Cấp số',
  'ticket.called': 'Gọi số',
  'ticket.recalled': 'Gọi lại',
  'ticket.started': 'Bắt đầu phục vụ',
  'ticket.finished': 'Hoàn thành',
  'ticket.no_show': 'Vắng mặt',
  'ticket.transferred': 'Chuyển số',
  'ticket.cancelled': 'Huỷ số',
  'ticket.expired': 'Hết hiệu lực cuối ngày',
  'ticket.arrived': 'Xác nhận đã đến (số trực tuyến)',
  'ticket.rated': 'Đánh giá',
  'counter.opened': 'Mở quầy',
  'counter.closed': 'Đóng quầy',
  'counter.paused': 'Tạm dừng quầy',
  'counter.resumed': 'Quầy làm việc lại',
  'day.opened': 'Bắt đầu ngày làm việc',
  'config.updated': 'Thay đổi cấu hình',
};

/** The events in the groups the form shows them in (every event in exactly one group). */
export const EVENT_GROUPS: { name: string; events: WebhookEventType[] }[] = [
  {
    name: 'Số thứ tự',
    events: [
      'ticket.issued',
      'ticket.called',
      'ticket.recalled',
      'ticket.started',
      'ticket.finished',
      'ticket.no_show',
      'ticket.transferred',
      'ticket.cancelled',
      'ticket.expired',
      'ticket.arrived',
      'ticket.rated',
    ],
  },
  {
    name: 'Quầy',
    events: ['counter.opened', 'counter.closed', 'counter.paused', 'counter.resumed'],
  },
  { name: 'Trung tâm', events: ['day.opened', 'config.updated'] },
];

export const STATE_NAMES: Record<WebhookDeliveryState, string> = {
  pending: 'Đang chờ gửi',
  delivered: 'Đã gửi',
  dead: 'Thất bại',
};

export const MW = {
  title: 'Webhook',
  intro:
    'Hệ thống khác (như Hệ thống thông tin giải quyết thủ tục hành chính) nhận thông báo ngay khi có sự kiện: máy chủ gửi một yêu cầu HTTP POST có chữ ký tới địa chỉ đăng ký. Nếu nơi nhận lỗi, máy chủ gửi lại trong 24 giờ rồi chuyển vào danh sách "Không gửi được".',
  tabs: {
    label: 'Phần của trang Webhook',
    subscriptions: 'Đăng ký nhận',
    log: 'Nhật ký gửi',
    dead: 'Không gửi được',
  },
  unreachable: 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi bấm "Tải lại".',
  reload: 'Tải lại',
  subscriptions: {
    empty:
      'Chưa có đăng ký nào. Thêm một địa chỉ bên dưới để hệ thống khác nhận sự kiện của trung tâm.',
    url: 'Địa chỉ nhận (URL)',
    events: 'Sự kiện',
    site: 'Trung tâm',
    description: 'Mô tả',
    created: 'Tạo lúc',
    allSites: 'Mọi trung tâm',
    allEvents: 'Mọi sự kiện',
    eventsCount: (n: number) => `${n} sự kiện`,
    deleted: 'Đã xoá',
    delete: 'Xoá',
    deleteLabel: (url: string) => `Xoá đăng ký gửi tới ${url}`,
    confirmDelete: (url: string) =>
      `Xoá đăng ký gửi tới ${url}? Máy chủ sẽ thôi gửi sự kiện tới địa chỉ này, kể cả những lần đang chờ gửi lại.`,
    deletedNote: (url: string) => `Đã xoá đăng ký gửi tới ${url}.`,
  },
  form: {
    title: 'Thêm đăng ký',
    urlHelp:
      'Địa chỉ http:// hoặc https:// của hệ thống nhận, ví dụ https://motcua.tinh.gov.vn/luot',
    everyEvent: 'Mọi sự kiện',
    noEvents: 'Hãy chọn ít nhất một sự kiện.',
    badUrl: 'Địa chỉ phải bắt đầu bằng http:// hoặc https://.',
    descriptionHelp: 'Không bắt buộc, tối đa 200 ký tự.',
    thisSite: (name: string) => `Chỉ trung tâm này (${name})`,
    everySite: 'Mọi trung tâm trong tỉnh',
    add: 'Thêm đăng ký',
    adding: 'Đang thêm…',
  },
  secret: {
    title: 'Khoá ký của đăng ký mới',
    warning:
      'Chỉ hiện một lần. Hãy chép khoá này vào hệ thống nhận ngay bây giờ: máy chủ không lưu bản rõ nên không thể xem lại. Nếu mất, hãy xoá đăng ký rồi tạo lại.',
    forUrl: (url: string) => `Gửi tới ${url}`,
    copy: 'Chép khoá',
    copied: 'Đã chép vào bộ nhớ tạm.',
    copyFailed: 'Trình duyệt không cho chép; hãy chọn khoá rồi bấm Ctrl+C.',
    done: 'Tôi đã lưu khoá',
  },
  log: {
    empty: 'Chưa có lần gửi nào.',
    emptyFiltered: 'Không có lần gửi nào khớp bộ lọc.',
    state: 'Trạng thái',
    anyState: 'Mọi trạng thái',
    subscription: 'Đăng ký',
    anySubscription: 'Mọi đăng ký',
    event: 'Sự kiện',
    ticket: 'Số',
    attempts: 'Số lần thử',
    last: 'Kết quả lần cuối',
    next: 'Lần thử tới',
    created: 'Phát sinh lúc',
    delivered: (at: string) => `Đã gửi lúc ${at}`,
    status: (code: number) => `HTTP ${code}`,
    noAnswer: 'Không có phản hồi',
    newer: '‹ Mới hơn',
    older: 'Cũ hơn ›',
    page: (n: number) => `Trang ${n}`,
    loading: 'Đang tải…',
  },
  dead: {
    help: 'Những lần gửi đã thử suốt 24 giờ mà nơi nhận vẫn không nhận. Khi nơi nhận đã chạy lại, bấm "Gửi lại": máy chủ gửi lại đúng nội dung cũ với cùng mã chống trùng (Idempotency-Key), nên nơi nhận không xử lý một sự kiện hai lần.',
    empty: 'Không có lần gửi nào thất bại.',
    retry: 'Gửi lại',
    retryLabel: (event: string, id: string) => `Gửi lại ${event} (${id})`,
    retryAll: (n: number) => `Gửi lại cả ${n} mục đang hiện`,
    confirmOne: (event: string, url: string) =>
      `Gửi lại sự kiện "${event}" tới ${url}? Máy chủ sẽ thử gửi lại ngay và tiếp tục thử trong 24 giờ.`,
    confirmAll: (n: number) =>
      `Gửi lại ${n} sự kiện đang hiện? Máy chủ sẽ thử gửi lại ngay và tiếp tục thử trong 24 giờ.`,
    retried: (n: number) =>
      n === 1 ? 'Đã đưa lại vào hàng chờ gửi.' : `Đã đưa lại ${n} sự kiện vào hàng chờ gửi.`,
    someFailed: (n: number, reason: string) => `${n} mục không gửi lại được: ${reason}`,
  },
  /** The audit log's words for webhook changes (the entry's URL follows). */
  audit: {
    'webhook.create': 'Thêm đăng ký webhook',
    'webhook.delete': 'Xoá đăng ký webhook',
    'webhook.retry': 'Gửi lại sự kiện webhook',
  } as Record<string, string>,
} as const;
