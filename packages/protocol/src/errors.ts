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
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
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
  BAD_REQUEST: 'Yêu cầu không hợp lệ.',
  UNAUTHENTICATED: 'Chưa đăng nhập hoặc thiết bị chưa được ghép nối.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  RATE_LIMITED: 'Thao tác quá nhanh, vui lòng đợi giây lát.',
  INTERNAL: 'Lỗi hệ thống, vui lòng thử lại.',
  UNAVAILABLE: 'Mất kết nối tới máy chủ, vui lòng thử lại.',
};

/** A failed acknowledgement with the catalogue message, optionally extended with a detail. */
export function failure(code: ErrorCode, detail?: string): { ok: false; error: ErrorBody } {
  const message = detail ? `${ERROR_MESSAGES_VI[code]} (${detail})` : ERROR_MESSAGES_VI[code];
  return { ok: false, error: { code, message } };
}
