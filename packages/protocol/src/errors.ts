import { DOMAIN_ERROR_CODES } from '@luot/domain';

/** Every code a client can receive in a failed acknowledgement. Closed set. */
export const ERROR_CODES = [
  ...DOMAIN_ERROR_CODES,
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'URI_TOO_LONG',
  'UNSUPPORTED_MEDIA_TYPE',
  'HEADERS_TOO_LARGE',
  'CODE_WRONG',
  'PRINTER_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /**
   * With TOO_EARLY: when the refused thing opens (epoch ms), so a screen can say when to come
   * back ("mời quý khách quay lại từ 09:00"), e.g. a booking's check-in opening.
   */
  opensAt?: number;
}

/** Every client-to-server event is acknowledged with one of these, never an exception. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** The Vietnamese text shown to people for each error code (one catalogue, so English can follow). */
export const ERROR_MESSAGES_VI: Record<ErrorCode, string> = {
  NOT_FOUND: 'Không tìm thấy mục được yêu cầu.',
  INVALID_STATE: 'Thao tác không phù hợp với trạng thái hiện tại của số.',
  NOTHING_WAITING: 'Không có công dân nào đang chờ.',
  OUTSIDE_HOURS: 'Ngoài giờ lấy số.',
  SOLD_OUT: 'Đã hết số trong ngày.',
  COUNTER_CLOSED: 'Quầy chưa mở hoặc không do bạn phụ trách.',
  COUNTER_PAUSED: 'Quầy đang tạm dừng.',
  COUNTER_BUSY: 'Quầy đang phục vụ một số khác; hãy xử lý số đó trước.',
  ALREADY_RATED: 'Lượt phục vụ này đã được đánh giá.',
  DAY_NOT_OVER: 'Ngày làm việc chưa kết thúc.',
  STALE_DAY: 'Đang chuyển sang ngày làm việc mới, vui lòng thử lại.',
  INVALID_ARGUMENT: 'Giá trị không hợp lệ.',
  INVALID_CONFIG: 'Cấu hình không hợp lệ.',
  NOT_OFFERED: 'Lĩnh vực này không nhận lấy số hoặc đặt lịch trực tuyến.',
  SLOT_FULL: 'Khung giờ này đã đủ người đặt; vui lòng chọn khung giờ khác.',
  CLOSED_DAY: 'Ngày này trung tâm không làm việc.',
  TOO_EARLY: 'Chưa đến thời gian cho phép.',
  TOO_LATE: 'Đã quá thời gian cho phép.',
  WRONG_SITE: 'Lịch hẹn này thuộc điểm phục vụ khác.',
  LIMIT_REACHED: 'Quý khách đã dùng hết số lượt cho phép.',
  NOT_ARRIVED: 'Công dân lấy số trực tuyến chưa xác nhận có mặt tại ki-ốt, chưa thể gọi số này.',
  ID_CARD_REQUIRED: 'Lĩnh vực này cần quét căn cước công dân (CCCD) để lấy số.',
  ID_CARD_INVALID: 'Không đọc được thẻ căn cước công dân; vui lòng quét lại mặt trước có mã QR.',
  ID_CARD_MINOR: 'Lĩnh vực này chỉ cấp số cho công dân đủ tuổi thành niên.',
  PRIORITY_NOT_PROVEN: 'Ưu tiên theo độ tuổi cần quét căn cước công dân để xác nhận.',
  CODE_WRONG: 'Mã xác nhận không đúng hoặc đã hết hạn.',
  NOT_REPRINTABLE: 'Số này đã phục vụ xong, đã hết hạn hoặc đã bị hủy; không in lại được.',
  DOSSIER_REQUIRED:
    'Cần chọn kết quả của lượt phục vụ (tiếp nhận, trả kết quả…) trước khi hoàn thành.',
  DOSSIER_CODE_REQUIRED: 'Cần quét hoặc nhập mã hồ sơ trước khi hoàn thành.',
  DOSSIER_CODE_INVALID: 'Mã hồ sơ không đúng định dạng.',
  DOSSIER_TOO_MANY_CODES: 'Lượt phục vụ này có quá nhiều mã hồ sơ.',
  REFUSAL_REASON_REQUIRED: 'Cần ghi lý do từ chối tiếp nhận hồ sơ.',
  PRINTER_UNAVAILABLE:
    'Không in được: máy in của bàn không phản hồi. Số vẫn được cấp; hãy ghi số cho công dân.',
  BAD_REQUEST: 'Yêu cầu không hợp lệ.',
  UNAUTHENTICATED: 'Chưa đăng nhập hoặc thiết bị chưa được ghép nối.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  RATE_LIMITED: 'Thao tác quá nhanh, vui lòng đợi giây lát.',
  INTERNAL: 'Lỗi hệ thống, vui lòng thử lại.',
  UNAVAILABLE: 'Mất kết nối tới máy chủ, vui lòng thử lại.',
  METHOD_NOT_ALLOWED: 'Địa chỉ này không nhận phương thức yêu cầu đã gửi.',
  PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên quá lớn.',
  URI_TOO_LONG: 'Địa chỉ yêu cầu quá dài.',
  UNSUPPORTED_MEDIA_TYPE: 'Định dạng dữ liệu gửi lên không được hỗ trợ; hãy gửi JSON.',
  HEADERS_TOO_LARGE: 'Phần đầu của yêu cầu quá lớn.',
};

/**
 * The English text for each error code, for screens a citizen can switch to English (the
 * kiosk). The hub always answers in Vietnamese; a client shows this by the answer's code.
 */
export const ERROR_MESSAGES_EN: Record<ErrorCode, string> = {
  NOT_FOUND: 'Not found.',
  INVALID_STATE: 'This cannot be done with the number in its current state.',
  NOTHING_WAITING: 'Nobody is waiting.',
  OUTSIDE_HOURS: 'Numbers are not issued at this time.',
  SOLD_OUT: 'No more numbers today.',
  COUNTER_CLOSED: 'The counter is not open or not yours.',
  COUNTER_PAUSED: 'The counter is paused.',
  COUNTER_BUSY: 'The counter is serving another number; finish that one first.',
  ALREADY_RATED: 'This service has already been rated.',
  DAY_NOT_OVER: 'The working day is not over yet.',
  STALE_DAY: 'A new working day is starting; please try again.',
  INVALID_ARGUMENT: 'Invalid value.',
  INVALID_CONFIG: 'Invalid configuration.',
  NOT_OFFERED: 'This service does not take online numbers or bookings.',
  SLOT_FULL: 'This time slot is full; please choose another.',
  CLOSED_DAY: 'The centre is closed on this day.',
  TOO_EARLY: 'It is too early for this.',
  TOO_LATE: 'It is too late for this.',
  WRONG_SITE: 'This booking is for another service point.',
  LIMIT_REACHED: 'You have already taken as many numbers as allowed today.',
  NOT_ARRIVED: 'This online number has not checked in at a kiosk yet and cannot be called.',
  ID_CARD_REQUIRED: 'This service needs your citizen ID card (CCCD) scanned to issue a number.',
  ID_CARD_INVALID:
    'The ID card could not be read; please scan the front side with the QR code again.',
  ID_CARD_MINOR: 'This service issues numbers to adults only.',
  PRIORITY_NOT_PROVEN: 'Priority by age needs your ID card scanned to confirm it.',
  NOT_REPRINTABLE:
    'This number has been served, has expired or was cancelled; it cannot be reprinted.',
  DOSSIER_REQUIRED: 'Choose the outcome of the visit (dossier received, result returned…) first.',
  DOSSIER_CODE_REQUIRED: 'Scan or type the dossier code first.',
  DOSSIER_CODE_INVALID: 'The dossier code is not in the expected format.',
  DOSSIER_TOO_MANY_CODES: 'Too many dossier codes for one visit.',
  REFUSAL_REASON_REQUIRED: 'Give the reason the dossier was refused.',
  PRINTER_UNAVAILABLE: 'The printer cannot be reached; the number stands, please write it down.',
  CODE_WRONG: 'The code is wrong or has expired.',
  BAD_REQUEST: 'Invalid request.',
  UNAUTHENTICATED: 'Not signed in, or the device is not paired.',
  FORBIDDEN: 'You are not allowed to do this.',
  RATE_LIMITED: 'Too fast; please wait a moment.',
  INTERNAL: 'System error; please try again.',
  UNAVAILABLE: 'No connection to the server; please try again.',
  METHOD_NOT_ALLOWED: 'This address does not take the request method sent.',
  PAYLOAD_TOO_LARGE: 'The data sent is too large.',
  URI_TOO_LONG: 'The request address is too long.',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported data format; send JSON.',
  HEADERS_TOO_LARGE: 'The request headers are too large.',
};

/**
 * The HTTP status each code is answered with, written once for every HTTP endpoint of the hub.
 * Refusals of the request itself are 4xx by what is wrong with it: malformed or invalid input,
 * a site configuration that fails validation included, is 400; an action the current state of
 * the queue does not allow (a busy counter, a day not over, an edit made on a stale version)
 * is 409, so a client knows retrying the same request later may succeed.
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  NOTHING_WAITING: 409,
  OUTSIDE_HOURS: 409,
  SOLD_OUT: 409,
  COUNTER_CLOSED: 409,
  COUNTER_PAUSED: 409,
  COUNTER_BUSY: 409,
  ALREADY_RATED: 409,
  DAY_NOT_OVER: 409,
  STALE_DAY: 409,
  INVALID_ARGUMENT: 400,
  INVALID_CONFIG: 400,
  NOT_OFFERED: 409,
  SLOT_FULL: 409,
  CLOSED_DAY: 409,
  TOO_EARLY: 409,
  TOO_LATE: 409,
  WRONG_SITE: 409,
  LIMIT_REACHED: 429,
  NOT_ARRIVED: 409,
  ID_CARD_REQUIRED: 400,
  ID_CARD_INVALID: 400,
  ID_CARD_MINOR: 409,
  PRIORITY_NOT_PROVEN: 409,
  CODE_WRONG: 400,
  NOT_REPRINTABLE: 409,
  DOSSIER_REQUIRED: 400,
  DOSSIER_CODE_REQUIRED: 400,
  DOSSIER_CODE_INVALID: 400,
  DOSSIER_TOO_MANY_CODES: 400,
  REFUSAL_REASON_REQUIRED: 400,
  PRINTER_UNAVAILABLE: 503,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
};

/**
 * A failed acknowledgement with the catalogue message, optionally extended with a detail and,
 * for a refusal that will pass with time, when it opens (`opensAt`).
 */
export function failure(
  code: ErrorCode,
  detail?: string,
  extra: { opensAt?: number } = {},
): { ok: false; error: ErrorBody } {
  const message = detail ? `${ERROR_MESSAGES_VI[code]} (${detail})` : ERROR_MESSAGES_VI[code];
  return {
    ok: false,
    error:
      extra.opensAt === undefined ? { code, message } : { code, message, opensAt: extra.opensAt },
  };
}
