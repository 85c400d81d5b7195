/** Every piece of text the ticket adds around the data, so another language can follow. */
export interface TicketMessages {
  numberHeading: string;
  ahead: (n: number) => string;
  waitAbout: (minutes: number) => string;
  waitUnderOneMinute: string;
  waitUnknown: string;
  qrCaption: string;
  /** Under the number of a booked ticket: its slot's start, "HH:MM". */
  booked: (start: string) => string;
  /** Under the number of a ticket taken from a phone. */
  remote: string;
  /** Above the number of a reprinted ticket: the reprint's time, "HH:MM dd/mm/yyyy". */
  reprinted: (at: string) => string;
  /** Before a priority class's name on the ticket: "Ưu tiên – Người cao tuổi". */
  priorityPrefix: string;
  /** Weekday names, Sunday first. */
  weekdays: readonly [string, string, string, string, string, string, string];
}

/** Formats a duration in minutes as Vietnamese text, e.g. "1 giờ 15 phút". */
function viDuration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} phút`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? `${h} giờ` : `${h} giờ ${rest} phút`;
}

/** The Vietnamese ticket text, the default. The citizen is "quý khách", never "bạn". */
export const viTicketMessages: TicketMessages = {
  numberHeading: 'SỐ THỨ TỰ CỦA QUÝ KHÁCH',
  ahead: (n) => `Số người đang chờ trước: ${n}`,
  waitAbout: (minutes) => `Thời gian chờ dự kiến: khoảng ${viDuration(minutes)}`,
  waitUnderOneMinute: 'Thời gian chờ dự kiến: dưới 1 phút',
  waitUnknown: 'Thời gian chờ dự kiến: chưa xác định',
  qrCaption: 'Quét mã để theo dõi lượt của quý khách',
  booked: (start) => `Lịch hẹn ${start}`,
  remote: 'Lấy số trực tuyến',
  reprinted: (at) => `IN LẠI – ${at}`,
  priorityPrefix: 'Ưu tiên – ',
  weekdays: ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
};
