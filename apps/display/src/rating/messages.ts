// The rating pad's text. Kept beside the pad so it can join the display app's catalogue as is.
export const RATING_MSG = {
  idleTitle: 'Đánh giá mức độ hài lòng',
  idleBody: 'Sau khi được phục vụ, quý khách vui lòng chạm vào màn hình này để đánh giá.',
  ticket: (label: string) => `Số ${label}`,
  question: 'Quý khách có hài lòng với sự phục vụ hôm nay không?',
  hint: 'Chạm vào một ô để đánh giá',
  thanks: 'Cảm ơn quý khách!',
  thanksBody: 'Ý kiến của quý khách giúp chúng tôi phục vụ tốt hơn.',
  alreadyRated: 'Lượt phục vụ này đã được đánh giá.',
  notRateable: 'Không thể đánh giá lượt phục vụ này.',
  offline: 'Mất kết nối tới máy chủ, chưa gửi được đánh giá. Đang kết nối lại…',
  retry: 'Chưa gửi được đánh giá, vui lòng chạm lại.',
  sending: 'Đang gửi…',
  noCounter: 'Máy đánh giá này chưa được gán cho quầy nào. Vui lòng liên hệ quản trị viên.',
  connecting: 'Đang kết nối…',
} as const;
