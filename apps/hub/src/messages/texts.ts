// What citizens are told, in Vietnamese, and the values a ZNS template gets. One place for the
// wording of every message (the admin app lists the kinds by these names too).
import type { MessageKind } from '../store.ts';

export const KIND_NAMES_VI: Record<MessageKind, string> = {
  code: 'Mã xác thực',
  near: 'Sắp đến lượt',
  called: 'Mời đến quầy',
  'not-served': 'Không được phục vụ hôm nay',
  reminder: 'Nhắc lịch hẹn',
};

/** The title of a Web Push notification. */
export const PUSH_TITLE = 'Lượt – số thứ tự';

export interface Text {
  text: string;
  data: Record<string, string>;
}

export function nearText(label: string, ahead: number, centre: string): Text {
  const text =
    ahead === 0
      ? `Số ${label}: quý khách là người tiếp theo tại ${centre}. Xin mời quý khách chuẩn bị.`
      : `Số ${label}: còn ${ahead} người trước quý khách tại ${centre}. Xin mời quý khách chuẩn bị.`;
  return { text, data: { number: label, ahead: String(ahead), centre } };
}

export function calledText(label: string, counter: number, centre: string): Text {
  return {
    text: `Mời quý khách số ${label} đến quầy số ${counter} (${centre}).`,
    data: { number: label, counter: String(counter), centre },
  };
}

export function notServedText(label: string, centre: string): Text {
  return {
    text: `Số ${label} sẽ không được phục vụ hôm nay tại ${centre}. Xin mời quý khách quay lại vào ngày làm việc tiếp theo.`,
    data: { number: label, centre },
  };
}

export function reminderText(time: string, centre: string, field: string): Text {
  return {
    text: `Lịch hẹn của quý khách vào ngày mai lúc ${time} tại ${centre} (${field}). Xin mời quý khách đến đúng giờ và xác nhận tại máy lấy số.`,
    data: { time, centre, field },
  };
}

export function codeText(code: string): Text {
  return {
    text: `Mã xác thực Lượt của quý khách là ${code}. Không đưa mã này cho bất kỳ ai.`,
    data: { otp: code },
  };
}
