// The admin app's texts for citizens outside the lobby (issue 14): a field's online settings,
// the site's limits per phone, and the report's split by origin. Beside messages.ts, which
// would pass 400 lines with them.
export const MO = {
  field: {
    legend: 'Trực tuyến',
    remote: 'Lấy số từ điện thoại',
    remoteOff: 'Không cho lấy số trực tuyến',
    remoteWalkIn: 'Cho lấy số, xếp hàng như số lấy tại ki-ốt',
    remoteCheckIn: 'Cho lấy số, phải xác nhận có mặt tại ki-ốt mới được gọi',
    booking: 'Nhận đặt lịch hẹn theo khung giờ',
    slotMinutes: 'Độ dài mỗi khung giờ (phút)',
    capacity: 'Số người mỗi khung giờ',
    daysAhead: 'Đặt trước tối đa (ngày)',
    earlyMinutes: 'Xác nhận sớm nhất trước giờ hẹn (phút)',
    graceMinutes: 'Giữ lịch sau giờ hẹn (phút)',
    bookingHelp:
      'Khung giờ chia trong các buổi lấy số của lĩnh vực. Công dân đến xác nhận tại ki-ốt (quét mã QR hoặc gõ mã lịch hẹn) và được gọi trước số thường từ giờ hẹn; quá thời gian giữ lịch mà chưa đến thì lịch hẹn bị hủy.',
    column: 'Trực tuyến',
    summaryOff: '—',
    summaryRemote: 'Lấy số',
    summaryCheckIn: 'Lấy số (xác nhận)',
    summaryBooking: 'Đặt lịch',
  },
  site: {
    title: 'Công dân trực tuyến',
    help: 'Giới hạn cho mỗi số điện thoại (đã xác nhận bằng mã OTP) trên toàn tỉnh, và cách gọi các số đặt lịch.',
    numbersPerDay: 'Số lần lấy số mỗi ngày cho một số điện thoại',
    openBookings: 'Số lịch hẹn chưa dùng tối đa cho một số điện thoại',
    bookingMaxStreak: 'Số lịch hẹn được gọi liên tiếp khi còn người lấy số tại chỗ chờ',
    nearTurnAhead: 'Nhắn tin “sắp đến lượt” khi còn số người phía trước',
  },
  report: {
    title: 'Theo nguồn lấy số',
    help: 'Số lấy tại ki-ốt, lấy trực tuyến và đặt lịch hẹn, tính riêng. Lịch hẹn công dân đến: số lịch hẹn đã xác nhận tại ki-ốt trên số lịch hẹn đã đến giờ (không tính lịch công dân tự hủy).',
    origins: { 'walk-in': 'Tại ki-ốt', remote: 'Trực tuyến', booking: 'Đặt lịch' },
    issued: 'Số phiếu',
    served: 'Đã phục vụ',
    meanWait: 'Chờ TB',
    p90Wait: 'Chờ P90',
    bookings: 'Lịch hẹn công dân đến',
    bookingsShare: (came: number, due: number) => `${came}/${due}`,
  },
} as const;
