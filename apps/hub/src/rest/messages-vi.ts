// Vietnamese messages of the REST API's own refusals (the events' refusals keep their own).
export const REST_MESSAGES_VI = {
  noKey: 'Thiếu khóa API, khóa không đúng hoặc đã bị thu hồi.',
  forbidden: 'Khóa API này không dùng được ở điểm phục vụ này hoặc không có quyền này.',
  noSite: 'Không có điểm phục vụ này.',
  noCounter: 'Không có quầy này.',
  noTicket: 'Không có số này trong hôm nay.',
  exportFormat: 'format: chỉ nhận csv hoặc xlsx.',
} as const;
