import type { DomainError, Refusal, TicketStatus } from '@luot/domain';
import { ERROR_MESSAGES_VI, type ErrorBody, type ErrorCode } from './errors.ts';

const FINAL_VI: Partial<Record<TicketStatus, string>> = {
  done: 'đã được phục vụ xong',
  cancelled: 'đã bị huỷ',
  expired: 'đã hết hiệu lực',
};

/** What a supervisor is told when an action on the floor cannot apply, in Vietnamese. */
export function refusalMessageVi(why: Refusal): string {
  switch (why.kind) {
    case 'noCounter':
      return 'Không có quầy này.';
    case 'counterClosed':
      return `${why.counter} đang đóng.`;
    case 'counterHolds':
      return `${why.counter} đang phục vụ số ${why.label}; hãy giải phóng quầy trước.`;
    case 'nothingCalled':
      return `${why.counter} không có số nào đang gọi để gọi lại.`;
    case 'noTicket':
      return 'Không tìm thấy số này trong ngày hôm nay.';
    case 'ticketFinal':
      return `Số ${why.label} ${FINAL_VI[why.status] ?? 'đã kết thúc'}; không thể thay đổi nữa.`;
    case 'ticketAtCounter':
      return `Số ${why.label} đang ở ${why.counter}; hãy giải phóng quầy trước khi chuyển.`;
    case 'noField':
      return 'Không có lĩnh vực này.';
    case 'sameField':
      return `Số ${why.label} đã ở lĩnh vực ${why.field}.`;
    case 'fieldUnserved':
      return `Không có quầy nào phục vụ lĩnh vực ${why.field}.`;
    case 'counterNotServing':
      return `${why.counter} không phục vụ lĩnh vực ${why.field}; hãy chuyển số sang lĩnh vực khác trước.`;
    case 'sameCounter':
      return `Số ${why.label} đã được chuyển cho ${why.counter}.`;
    case 'dossierCode':
      return `Mã hồ sơ không đúng định dạng: ${why.code}`;
  }
}

/** A refused command's acknowledgement: the domain's own reason when it has one, else the catalogue text. */
export function refusalOf(error: DomainError): { ok: false; error: ErrorBody } {
  const code: ErrorCode = error.code;
  return {
    ok: false,
    error: { code, message: error.why ? refusalMessageVi(error.why) : ERROR_MESSAGES_VI[code] },
  };
}
