// The kiosk's Vietnamese texts (English: messages-en.ts, typed as these); messages.ts switches.
import { formatDateVi, formatMinutesVi } from '@luot/ui';
import type { PrinterProblem } from './printer-problem.ts';

export const vi = {
  /** A wait as people say it: "12 phút". */
  minutes: (m: number | null) => formatMinutesVi(m),
  /** The date under the clock: "Thứ Hai, 23/11/2026". */
  date: (at: number, timeZone: string) => formatDateVi(at, timeZone),
  documentTitle: 'Lượt — Lấy số thứ tự',
  chooseField: 'Mời quý khách chọn lĩnh vực cần giải quyết',
  tapHint: 'Chạm vào một lĩnh vực để lấy số thứ tự',
  waiting: (n: number) => (n === 0 ? 'Không có người chờ' : `Đang chờ: ${n} người`),
  waitAbout: (text: string) => `Chờ khoảng ${text}`,
  waitUnknown: 'Chưa có quầy mở',
  closedReason: { OUTSIDE_HOURS: 'Ngoài giờ lấy số', SOLD_OUT: 'Đã hết số' },
  closedExplanation: {
    OUTSIDE_HOURS: (field: string, hours: string, reopening: string | null) =>
      `Lĩnh vực ${field} hiện ngoài giờ lấy số. Giờ lấy số: ${hours}.` +
      (reopening ? ` ${reopening}.` : ''),
    SOLD_OUT: (field: string) =>
      `Lĩnh vực ${field} đã hết số trong ngày hôm nay. Mời quý khách quay lại vào ngày làm việc tiếp theo.`,
  },
  ok: 'Đã hiểu',
  /** Above the site's end-of-day text once the day's service is over. */
  endOfDayTitle: 'Hết giờ phục vụ hôm nay',
  dayOffTitle: 'Hôm nay không cấp số thứ tự',

  confirmTitle: 'Quý khách chọn lĩnh vực',
  confirmAhead: (n: number, wait: string | null) =>
    `Hiện có ${n} người đang chờ${wait ? ` · chờ khoảng ${wait}` : ''}`,
  takeNumber: 'Lấy số',
  priorityHeading: 'Nếu quý khách thuộc diện ưu tiên, chọn:',
  priorityPrefix: 'Ưu tiên – ',
  back: 'Quay lại',

  working: {
    checking: 'Đang kiểm tra máy in…',
    issuing: 'Đang lấy số…',
    printing: 'Đang in phiếu…',
  },

  printedTitle: 'Mời quý khách nhận phiếu',
  yourNumber: 'Số thứ tự của quý khách',
  aheadOnTicket: (n: number) => `Số người đang chờ trước: ${n}`,
  backSoon: 'Màn hình sẽ trở lại sau vài giây',
  done: 'Xong',
  virtualTicket: 'Phiếu in thử (máy in ảo)',
  downloadTicket: 'Tải ảnh phiếu',

  onScreenTitle: 'Máy in gặp sự cố',
  onScreenBody:
    'Số của quý khách vẫn được giữ. Vui lòng ghi nhớ số, chụp ảnh màn hình hoặc quét mã QR bằng điện thoại để theo dõi lượt.',
  onScreenQr: 'Quét mã để theo dõi lượt của quý khách',

  notIssuedTitle: 'Chưa lấy được số',
  printFailedCancelled:
    'Máy in không in được phiếu nên số chưa được cấp. Vui lòng liên hệ cán bộ hướng dẫn.',
  offlineDuringIssue: 'Hệ thống tạm gián đoạn. Số chưa được cấp, vui lòng thử lại sau.',

  hubDown: 'Hệ thống tạm gián đoạn',
  hubDownDetail: 'Tạm ngừng cấp số. Vui lòng chờ trong giây lát hoặc liên hệ cán bộ hướng dẫn.',
  hubConnecting: 'Đang kết nối tới hệ thống…',
  hubRefused: 'Máy lấy số chưa được ghép nối với hệ thống. Vui lòng liên hệ quản trị viên.',

  printer: {
    'paper-out': 'Máy in hết giấy',
    'cover-open': 'Nắp máy in đang mở',
    offline: 'Máy in không hoạt động',
    error: 'Máy in báo lỗi',
  } satisfies Record<PrinterProblem, string>,
  printerStopped: 'Tạm ngừng cấp số. Vui lòng liên hệ cán bộ hướng dẫn.',
  paperNearEnd: 'Máy in sắp hết giấy',

  checkIn: {
    /** The entry on the main screen. */
    entry: 'Đã đặt lịch / lấy số trực tuyến?',
    entryAction: 'Quét mã hoặc nhập mã',
    title: 'Quét mã QR hoặc nhập mã 6 ký tự',
    scanHint: 'Đưa mã QR trên điện thoại vào đầu đọc mã, hoặc nhập mã trong tin nhắn đặt lịch',
    codeLabel: 'Mã đã nhập',
    keypad: 'Bàn phím nhập mã',
    backspace: 'Xoá ký tự cuối',
    clear: 'Xoá hết',
    submit: 'Nhận số',
    working: 'Đang kiểm tra mã…',
    refusedTitle: 'Chưa nhận được số',
    retype: 'Nhập lại mã',
    /** Why a check-in was refused (`checkInRefusalText`). */
    refusals: {
      notFound: 'Không tìm thấy mã. Vui lòng kiểm tra lại mã trong tin nhắn hoặc trên điện thoại.',
      tooEarly: 'Chưa đến giờ nhận lịch hẹn — mời quý khách quay lại gần giờ hẹn.',
      tooEarlyFrom: (time: string) =>
        `Chưa đến giờ nhận lịch hẹn — mời quý khách quay lại từ ${time}.`,
      tooLate: 'Lịch hẹn đã quá thời gian nhận số. Mời quý khách lấy số thứ tự mới.',
      wrongSite: 'Lịch hẹn này thuộc điểm phục vụ khác.',
      notOffered:
        'Điểm phục vụ này chưa nhận lịch hẹn và số lấy trực tuyến. Mời quý khách lấy số thứ tự mới.',
      used: 'Mã này đã được dùng để nhận số. Vui lòng liên hệ cán bộ hướng dẫn.',
      offline: 'Hệ thống tạm gián đoạn. Vui lòng thử lại sau.',
    },
  },

  idleTitle: 'Chạm vào màn hình để lấy số thứ tự',
  idleSubtitle: 'Touch the screen to take a number',

  /** The accessibility bar on every citizen screen; each choice lasts one visit. */
  access: {
    bar: 'Hỗ trợ tiếp cận',
    largeText: 'Chữ lớn',
    highContrast: 'Tương phản cao',
    voice: 'Hướng dẫn bằng giọng nói',
    /** The language button shows the other language, in that language. */
    otherLanguage: 'English',
    otherLanguageCode: 'en',
    /** With large text, the field buttons come a few at a time; this tile shows the next ones. */
    moreFields: 'Xem lĩnh vực khác',
    page: (n: number, of: number) => `Trang ${n}/${of}`,
  },

  settings: {
    open: 'Cài đặt',
    pinTitle: 'Nhập mã PIN quản trị',
    wrongPin: 'Mã PIN không đúng.',
    locked: 'Nhập sai quá nhiều lần. Vui lòng thử lại sau 5 phút.',
    damaged:
      'Tệp cài đặt của máy bị hỏng nên phần cài đặt bị khóa. Kỹ thuật viên cần khởi động lại ứng dụng với tùy chọn --reset-settings.',
    quit: 'Thoát ứng dụng',
    title: 'Cài đặt máy lấy số',
    setupTitle: 'Thiết lập máy lấy số lần đầu',
    hubUrl: 'Địa chỉ máy chủ (hub)',
    deviceToken: 'Mã thiết bị (từ lệnh luot device pair)',
    publicUrl: 'Địa chỉ cho điện thoại (in trong mã QR; để trống = địa chỉ máy chủ)',
    connection: 'Kết nối máy in',
    connectionKinds: {
      tcp: 'Mạng (TCP 9100)',
      device: 'USB (tệp thiết bị, Linux)',
      os: 'Trình điều khiển của hệ điều hành',
    },
    host: 'Địa chỉ IP máy in',
    port: 'Cổng',
    devicePath: 'Tệp thiết bị',
    osPrinter: 'Tên máy in',
    mode: 'Cách in',
    modes: {
      raster: 'Ảnh (mọi máy in, đủ dấu tiếng Việt)',
      text: 'Chữ của máy in (bảng mã Windows-1258)',
    },
    paper: 'Khổ giấy',
    newPin: 'Mã PIN mới (4–8 chữ số; để trống = giữ nguyên)',
    newPinRequired: 'Mã PIN mới (4–8 chữ số)',
    save: 'Lưu và khởi động lại',
    cancel: 'Đóng',
    invalid: 'Thông tin chưa hợp lệ',
    browserOnly:
      'Đang chạy trong trình duyệt: phiếu được in ra máy in ảo (ảnh PNG). Cài đặt máy in chỉ có trên máy kiosk.',
  },

  idCard: {
    title: 'Quét căn cước công dân',
    requiredLead: 'Lĩnh vực này cần căn cước công dân (CCCD) để lấy số.',
    optionalLead: 'Quý khách có thể quét căn cước công dân (CCCD) hoặc bỏ qua.',
    howTo: 'Đưa mặt trước của thẻ, chỗ có mã QR ở góc trên bên phải, vào đầu đọc mã.',
    cardPicture: 'Hình mặt trước thẻ căn cước công dân, mã QR ở góc trên bên phải',
    qrLabel: 'Mã QR',
    purpose:
      'Thẻ dùng để xác nhận ưu tiên theo độ tuổi và giới hạn số lượt mỗi người trong ngày. Máy không lưu họ tên, ngày sinh hay địa chỉ; không in lên phiếu.',
    typeNumber: 'Nhập số CCCD',
    skip: 'Bỏ qua',
    keypadTitle: 'Nhập 12 chữ số căn cước công dân',
    keypadHint: 'Số định danh cá nhân in ở mặt trước thẻ, cạnh ảnh chân dung (Số / No.).',
    numberLabel: 'Số đã nhập',
    keypad: 'Bàn phím số',
    backspace: 'Xoá số cuối',
    clear: 'Xoá hết',
    confirm: 'Xác nhận',
    badNumber: 'Số vừa nhập không phải số căn cước công dân. Vui lòng kiểm tra lại 12 chữ số.',
    /** On the home screen after a card was scanned there, before a field was chosen. */
    heldOnHome: 'Đã đọc thẻ căn cước. Mời quý khách chọn lĩnh vực.',
    notUsed: 'Máy không cần căn cước công dân. Mời quý khách chọn lĩnh vực.',
    /** On the confirm screen, once a card is read. */
    received: 'Đã nhận thẻ căn cước công dân',
    agePriority: 'Quý khách được ưu tiên theo độ tuổi',
    refusedTitle: 'Chưa lấy được số',
    rescan: 'Quét lại thẻ',
    scanRefused: {
      'not-a-card':
        'Mã vừa quét không phải căn cước công dân. Vui lòng quét mã QR ở mặt trước thẻ CCCD.',
      inconsistent:
        'Không đọc được thẻ: thông tin trong mã QR không khớp với số căn cước. Vui lòng quét lại hoặc nhập số CCCD.',
    },
    refusal: {
      ID_CARD_REQUIRED:
        'Lĩnh vực này cần căn cước công dân để lấy số. Vui lòng quét thẻ hoặc nhập số CCCD.',
      ID_CARD_INVALID:
        'Không đọc được thẻ căn cước công dân. Vui lòng quét lại mặt trước có mã QR hoặc nhập số CCCD.',
      ID_CARD_MINOR: (age: number) =>
        `Lĩnh vực này chỉ cấp số cho công dân từ đủ ${age} tuổi. Người đại diện theo pháp luật vui lòng quét thẻ của mình hoặc liên hệ cán bộ hướng dẫn.`,
      LIMIT_REACHED: (n: number) =>
        `Quý khách đã lấy đủ ${n} số trong ngày hôm nay. Vui lòng liên hệ cán bộ hướng dẫn nếu cần hỗ trợ.`,
      PRIORITY_NOT_PROVEN:
        'Ưu tiên theo độ tuổi cần quét căn cước công dân để xác nhận. Vui lòng quét thẻ hoặc lấy số thường.',
    },
  },
};

/** The shape of a kiosk catalogue: English must have every text Vietnamese has. */
export type KioskMessages = typeof vi;
