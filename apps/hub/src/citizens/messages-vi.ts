/** What the citizens' API says when it refuses, beyond the protocol's one text per code. */
export const CITIZEN_MESSAGES_VI = {
  codeTooSoon: (seconds: number) =>
    `Mã xác nhận vừa được gửi. Vui lòng đợi ${seconds} giây trước khi xin mã mới.`,
  codesFromAddress: (minutes: number) =>
    `Có quá nhiều yêu cầu gửi mã từ mạng này. Vui lòng thử lại sau ${minutes} phút.`,
  locked: (minutes: number) =>
    `Nhập sai mã xác nhận quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
  codeNotSent: 'Chưa gửi được mã xác nhận. Vui lòng thử lại sau ít phút.',
  signInFirst: 'Vui lòng xác nhận số điện thoại trước.',
  numbersPerDay: (n: number) =>
    `Mỗi số điện thoại được lấy tối đa ${n} số thứ tự mỗi ngày; quý khách đã lấy đủ.`,
  openBookings: (n: number) =>
    `Mỗi số điện thoại được giữ tối đa ${n} lịch hẹn chưa sử dụng; vui lòng dùng hoặc hủy bớt lịch hẹn.`,
  noRemote: 'Lĩnh vực này không nhận lấy số từ xa.',
  noBooking: 'Lĩnh vực này không nhận đặt lịch hẹn.',
  slotFull: 'Khung giờ này đã đủ người đặt; vui lòng chọn khung giờ khác.',
  closedDay: 'Ngày này lĩnh vực không làm việc; vui lòng chọn ngày khác.',
  tooFarAhead: (days: number) => `Chỉ đặt lịch trước tối đa ${days} ngày.`,
  slotBegun: 'Khung giờ này đã bắt đầu; vui lòng chọn khung giờ sau.',
  outsideHours: 'Ngoài giờ cấp số của lĩnh vực này.',
  soldOut: 'Lĩnh vực này đã hết số hôm nay.',
  bookingOver: 'Lịch hẹn này đã được sử dụng, đã hủy hoặc đã quá hạn.',
  checkInTooEarly: (minutes: number) =>
    `Chưa đến giờ xác nhận. Quý khách có thể xác nhận từ ${minutes} phút trước giờ hẹn.`,
  checkInTooLate: 'Đã quá thời gian xác nhận của lịch hẹn này.',
  wrongSite: 'Lịch hẹn này thuộc điểm phục vụ khác.',
  noCode: 'Không tìm thấy mã lịch hẹn. Vui lòng kiểm tra lại mã 6 ký tự.',
  idNumberRequired:
    'Lĩnh vực này cần số định danh cá nhân (12 số trên căn cước công dân) để lấy số hoặc đặt lịch.',
  idNumberInvalid:
    'Số định danh cá nhân không hợp lệ; vui lòng kiểm tra lại 12 số trên căn cước công dân.',
  idNumberMinor: 'Lĩnh vực này chỉ cấp số cho công dân đủ tuổi thành niên.',
  idNumberPerDay: (n: number) =>
    `Mỗi công dân được lấy tối đa ${n} số thứ tự mỗi ngày (tại ki-ốt và trực tuyến); số định danh này đã lấy đủ.`,
  alreadyCalled: 'Số này đã được xác nhận hoặc không còn chờ.',
};
