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
  /** Beside the number of a ticket from a booked slot. */
  booked: 'Đặt lịch',
  loading: 'Đang tải dữ liệu…',
  /** The foot of the lobby board: the previous sealed day's log code (issue 17). */
  digest: (day: string) => `Mã kiểm chứng nhật ký ngày ${day}:`,
  /** The name of the zone that plays the centre's pictures and videos (for screen readers). */
  contentZone: 'Thông tin của trung tâm',
  /** Above the site's end-of-day text once the day's service is over. */
  endOfDayTitle: 'Hết giờ phục vụ hôm nay',
  /** In place of the counters on a day no field issues numbers (a holiday, a day off). */
  dayOffTitle: 'Hôm nay không cấp số thứ tự',
  signNoCounter:
    'Màn hình này chưa được gắn với quầy nào. Quản trị viên gắn thiết bị với một quầy, hoặc thêm ?counter=<mã quầy> vào địa chỉ.',
  signUnknownCounter: (id: string) => `Không có quầy “${id}” trong cấu hình.`,
  enableSound: 'Bấm để bật âm thanh',
  enableSoundHint:
    'Trình duyệt đang chặn âm thanh. Bấm vào màn hình (hoặc nhấn phím bất kỳ) một lần để bật lời mời gọi số. Màn hình khởi động theo hướng dẫn cài đặt (cờ autoplay) không cần bấm.',
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
  /** Web Push opt-in (issue 14). */
  pushOffer: 'Nhận thông báo khi sắp đến lượt',
  pushOfferHint: 'Điện thoại sẽ báo khi còn ít người trước quý khách và khi được mời đến quầy.',
  pushAsking: 'Đang bật thông báo…',
  pushOn: 'Đã bật thông báo cho số này',
  pushDenied:
    'Trình duyệt đã chặn thông báo. Quý khách có thể bật lại trong cài đặt của trình duyệt.',
  pushFailed: 'Không bật được thông báo. Xin quý khách thử lại.',
} as const;

/**
 * Texts of a screen that has no queue to show yet: not paired (or revoked), the hub out of
 * reach, still loading; and of the `/display/` page that explains how to pair a screen.
 */
export const SCREEN_TEXT = {
  loading: 'Đang tải dữ liệu…',
  offlineTitle: 'Mất kết nối với máy chủ — đang thử lại…',
  offlineHint:
    'Màn hình sẽ tự hiện lại số thứ tự ngay khi kết nối được với máy chủ Lượt, không cần thao tác gì. Nếu kéo dài, hãy kiểm tra dây mạng, Wi-Fi và máy chủ.',
  unpairedTitle: 'Màn hình này chưa được ghép nối',
  refusedTitle: 'Mã ghép nối của màn hình này không còn hiệu lực',
  refusedHint: 'Thiết bị đã bị thu hồi hoặc mã không đúng.',
  pairSteps: [
    'Nhờ quản trị viên vào trang Quản trị → Thiết bị → “Ghép nối thiết bị” để cấp mã cho màn hình này.',
    'Trên chính màn hình này, quét mã QR hoặc mở “Địa chỉ cài đặt” quản trị viên đưa.',
    'Hoặc nhập mã thiết bị tại trang:',
  ],
  pairPageLink: 'Mở trang ghép nối',
  home: {
    title: 'Màn hình công dân Lượt',
    lead: 'Trang này giúp cài đặt một màn hình: bảng số ở sảnh chờ, màn hình trên quầy hoặc máy đánh giá mức độ hài lòng.',
    kindsTitle: 'Các loại màn hình',
    kinds: {
      lobby: {
        name: 'Bảng số sảnh chờ',
        about:
          'TV lớn ở sảnh: mọi quầy, số vừa gọi, số người đang chờ; đọc loa gọi số nếu quản trị viên bật “Phát loa gọi số”.',
        device: 'Loại thiết bị “màn hình”, không thuộc quầy nào.',
      },
      sign: {
        name: 'Màn hình trên quầy',
        about: 'Màn hình nhỏ trên một quầy: số quầy và số đang được phục vụ, rất to.',
        device: 'Loại thiết bị “màn hình”, chọn quầy ở mục “Thuộc quầy”.',
      },
      rating: {
        name: 'Máy đánh giá mức độ hài lòng',
        about: 'Máy tính bảng đặt trước quầy để công dân chấm điểm sau khi được phục vụ.',
        device: 'Loại thiết bị “máy đánh giá”, chọn quầy ở mục “Thuộc quầy”.',
      },
    },
    stepsTitle: 'Cách ghép nối màn hình này',
    steps: [
      'Nhờ quản trị viên mở trang Quản trị → Thiết bị → “Ghép nối thiết bị”, chọn loại thiết bị như mục “Các loại màn hình”.',
      'Quản trị viên nhận một mã thiết bị (chỉ hiện một lần) kèm mã QR và địa chỉ cài đặt.',
      'Quét mã QR hoặc mở địa chỉ cài đặt trên màn hình này; hoặc chọn loại màn hình và nhập mã ở khung “Nhập mã ghép nối”.',
      'Màn hình tự ghi nhớ mã: khi TV khởi động lại, màn hình tự kết nối, không cần nhập lại.',
    ],
    formTitle: 'Nhập mã ghép nối',
    kindLabel: 'Loại màn hình',
    tokenLabel: 'Mã thiết bị (quản trị viên cung cấp)',
    tokenPlaceholder: 'Dán hoặc gõ mã thiết bị',
    tokenMissing: 'Vui lòng nhập mã thiết bị.',
    open: 'Mở màn hình',
    savedTitle: 'Màn hình đã ghép nối trên thiết bị này',
    openSaved: (name: string) => `Mở ${name.toLowerCase()}`,
    tvTitle: 'TV chạy không cần người trông',
    tv: 'Để TV tự mở màn hình khi khởi động, tự phát loa không cần bấm và tự chờ máy chủ, dùng tệp khởi động trong thư mục deploy/screens của máy chủ (Linux và Windows).',
  },
} as const;

/** Texts of the citizens' public page (`/lay-so`) and a booking's page (`/b/<token>`). */
export const CITIZEN_TEXT = {
  title: 'Lấy số và đặt lịch trực tuyến',
  chooseSite: 'Chọn điểm phục vụ',
  searchSite: 'Tìm theo tên xã, phường, trung tâm',
  noSiteFound: 'Không có điểm phục vụ nào khớp với tên đã nhập.',
  chooseField: 'Chọn lĩnh vực',
  otherSite: 'Chọn điểm khác',
  back: 'Quay lại',
  loading: 'Đang tải…',
  retry: 'Thử lại',
  offline: 'Không kết nối được máy chủ. Quý khách kiểm tra mạng rồi bấm “Thử lại”.',
  noSites: 'Chưa có điểm phục vụ nào nhận lấy số trực tuyến.',
  noFields: 'Điểm phục vụ này chưa có lĩnh vực nào.',
  nothingToday:
    'Hôm nay không nhận lấy số trực tuyến. Quý khách vẫn có thể đặt lịch nếu lĩnh vực cho phép.',
  nothingOnline: 'Điểm phục vụ này chưa nhận lấy số hay đặt lịch trực tuyến.',
  updatedEvery: 'Số liệu tự cập nhật khoảng 20 giây một lần.',
  waiting: (n: number) => (n === 0 ? 'Không có người chờ' : `${n} người đang chờ`),
  waitAbout: (text: string) => `Chờ khoảng ${text}`,
  noCounterOpen: 'Chưa có quầy mở',
  takeNow: 'Lấy số ngay',
  book: 'Đặt lịch',
  notOnline: 'Lĩnh vực không nhận trực tuyến',
  outsideHours: (reopening: string) => `Ngoài giờ lấy số — ${reopening}`,
  soldOut: 'Hết số hôm nay',
  bookOnly: 'Chỉ nhận đặt lịch trước',

  signInTitle: 'Xác nhận số điện thoại',
  signInWhy:
    'Mã xác nhận gồm 6 chữ số được gửi tới số điện thoại của quý khách (tin nhắn SMS hoặc Zalo). Số điện thoại chỉ dùng để xác nhận và giới hạn số lượt lấy số.',
  phoneLabel: 'Số điện thoại di động',
  phonePlaceholder: 'Ví dụ: 0912 345 678',
  phoneInvalid: 'Số điện thoại chưa đúng. Ví dụ: 0912 345 678 hoặc +84 912 345 678.',
  sendCode: 'Gửi mã xác nhận',
  sending: 'Đang gửi…',
  codeSentTo: (phone: string, minutes: number) =>
    `Đã gửi mã tới ${phone}. Mã có hiệu lực trong ${minutes} phút.`,
  codeLabel: 'Mã xác nhận (6 chữ số)',
  codeInvalid: 'Mã xác nhận gồm đúng 6 chữ số.',
  verify: 'Xác nhận',
  resend: 'Gửi lại mã',
  changePhone: 'Đổi số điện thoại',
  signedInAs: (phone: string) => `Số điện thoại: ${phone}`,
  signOut: 'Thoát',
  holdingsNumbers: (n: number, max: number) => `Hôm nay quý khách đã lấy ${n}/${max} số`,
  holdingsBookings: (n: number, max: number) => `Lịch hẹn đang giữ: ${n}/${max}`,

  takeTitle: 'Lấy số thứ tự',
  takeConfirm: 'Xác nhận lấy số',
  taking: 'Đang lấy số…',
  takeCheckInNote:
    'Số của lĩnh vực này chỉ được gọi sau khi quý khách có mặt: khi đến trung tâm, quét mã hoặc nhập mã tại máy lấy số.',
  idNumberLabel: 'Số định danh cá nhân (CCCD)',
  idNumberWhy:
    'Lĩnh vực này cần 12 chữ số in trên căn cước công dân của người làm thủ tục, để giới hạn số lượt lấy số mỗi ngày (tính chung với máy lấy số tại trung tâm). Trung tâm không lưu số này.',
  idNumberPlaceholder: 'Ví dụ: 001 085 012345',
  idNumberInvalid: 'Số định danh cá nhân gồm đúng 12 chữ số.',
  takenTitle: 'Quý khách đã có số',
  checkInHow: (code: string) =>
    `Khi đến trung tâm, quét mã hoặc nhập mã ${code} tại máy lấy số. Số của quý khách được giữ chỗ nhưng chỉ được gọi sau khi quý khách làm thủ tục này.`,
  checkInCode: 'Mã làm thủ tục tại máy lấy số',
  openTicket: 'Xem số và theo dõi lượt',

  bookTitle: 'Đặt lịch hẹn',
  chooseDay: 'Chọn ngày',
  chooseSlot: 'Chọn giờ',
  today: 'Hôm nay',
  tomorrow: 'Ngày mai',
  dayClosed: 'Nghỉ',
  dayNotOffered: 'Không nhận',
  dayTooEarly: 'Chưa mở đặt',
  dayFull: 'Hết chỗ',
  dayOpen: 'Còn chỗ',
  noSlots: 'Ngày này không còn khung giờ nào để đặt. Quý khách chọn ngày khác.',
  slotLeft: (n: number) => `còn ${n} chỗ`,
  slotFull: 'Đã đủ',
  slotPast: 'Đã qua',
  confirmTitle: 'Xác nhận đặt lịch',
  confirmBook: 'Xác nhận đặt lịch',
  booking: 'Đang đặt lịch…',
  chooseOtherSlot: 'Chọn giờ khác',
  when: (dayWords: string, time: string) => `${dayWords} lúc ${time}`,

  bookingTitle: 'Lịch hẹn của quý khách',
  bookingSite: 'Điểm phục vụ',
  bookingField: 'Lĩnh vực',
  bookingWhen: 'Thời gian',
  bookingCode: 'Mã lịch hẹn',
  bookingQrHint: 'Đưa mã QR này vào đầu đọc của máy lấy số, hoặc nhập mã trên màn hình máy.',
  checkInWindow: (from: string, until: string) =>
    `Làm thủ tục tại máy lấy số từ ${from} đến ${until}. Sau ${until} lịch hẹn hết hiệu lực.`,
  status: {
    booked: 'Đã đặt',
    checked_in: 'Đã đến',
    cancelled: 'Đã hủy',
    released: 'Quá hạn',
  },
  statusHint: {
    booked: 'Xin quý khách đến đúng giờ và giữ trang này để làm thủ tục tại máy lấy số.',
    checked_in: 'Quý khách đã làm thủ tục. Xin mời theo dõi số thứ tự của mình.',
    cancelled: 'Lịch hẹn đã được hủy. Quý khách có thể đặt lịch khác.',
    released: 'Quý khách không làm thủ tục trong thời gian cho phép nên lịch hẹn đã hết hiệu lực.',
  },
  cancel: 'Hủy lịch hẹn',
  cancelAsk: 'Quý khách chắc chắn muốn hủy lịch hẹn này? Khung giờ sẽ được nhường cho người khác.',
  cancelYes: 'Đồng ý hủy',
  cancelNo: 'Không hủy',
  cancelling: 'Đang hủy…',
  bookingNotFound: 'Không tìm thấy lịch hẹn',
  bookingNotFoundHint:
    'Đường dẫn không đúng hoặc lịch hẹn không còn lưu. Quý khách có thể đặt lịch mới.',
  newRequest: 'Lấy số hoặc đặt lịch khác',
  keepPage: 'Quý khách lưu lại trang này (hoặc chụp màn hình mã QR) để làm thủ tục khi đến.',

  /** What the hub's refusals mean to a citizen; the rest come from the protocol's catalogue. */
  errors: {
    CODE_WRONG:
      'Mã xác nhận không đúng hoặc đã hết hạn. Quý khách kiểm tra lại tin nhắn hoặc bấm “Gửi lại mã”.',
    RATE_LIMITED: 'Quý khách đã thử quá nhiều lần. Vui lòng đợi một lúc rồi thử lại.',
    rateLimitedFor: (wait: string) =>
      `Quý khách đã thử quá nhiều lần. Vui lòng thử lại sau ${wait}.`,
    LIMIT_REACHED:
      'Quý khách đã dùng hết số lượt cho phép (số lấy trong ngày hoặc lịch hẹn đang giữ).',
    limitNumbers: (max: number) =>
      `Quý khách đã lấy đủ ${max} số hôm nay, không thể lấy thêm. Xin mời quay lại vào ngày làm việc tiếp theo.`,
    limitBookings: (max: number) =>
      `Quý khách đang giữ ${max} lịch hẹn, không thể đặt thêm. Hủy một lịch hẹn hoặc đợi sau khi đã đến.`,
    OUTSIDE_HOURS: 'Đang ngoài giờ lấy số của lĩnh vực này.',
    SOLD_OUT: 'Lĩnh vực này đã hết số hôm nay.',
    SLOT_FULL: 'Khung giờ này vừa có người đặt hết chỗ. Quý khách chọn khung giờ khác.',
    UNAUTHENTICATED: 'Phiên xác nhận đã hết hạn. Quý khách xác nhận lại số điện thoại.',
    UNAVAILABLE: 'Không kết nối được máy chủ. Quý khách kiểm tra mạng rồi thử lại.',
  },
} as const;
