// The supervisor's actions on the dashboard, in Vietnamese (kept beside the dashboard's
// catalogue in messages.ts so both can follow into English).

export const S = {
  menu: 'Thao tác',
  menuFor: (name: string) => `Thao tác với ${name}`,
  actions: {
    close: 'Đóng quầy',
    release: 'Giải phóng quầy',
    signOut: 'Đăng xuất cán bộ',
    recall: 'Gọi lại',
    cancel: 'Huỷ số',
    move: 'Chuyển số',
  },
  explain: {
    close: (counter: string) =>
      `${counter} sẽ đóng. Quầy đang giữ một số thì không đóng được; hãy giải phóng quầy trước.`,
    releaseCalled: (counter: string, label: string) =>
      `Số ${label} đang được gọi ở ${counter} sẽ trở lại hàng chờ đúng vị trí cũ (giữ giờ lấy số), rồi quầy đóng để cán bộ khác có thể mở.`,
    releaseServing: (counter: string, label: string) =>
      `Số ${label} đang được phục vụ ở ${counter} sẽ được ghi là đã phục vụ xong (công dân đã được tiếp), rồi quầy đóng để cán bộ khác có thể mở.`,
    releaseEmpty: (counter: string) => `${counter} không giữ số nào; giải phóng sẽ đóng quầy.`,
    signOut: (clerk: string, counter: string) =>
      `Mọi phiên đăng nhập của ${clerk} sẽ kết thúc và ${counter} sẽ đóng. Nếu quầy còn giữ một số, hãy giải phóng quầy trước.`,
    recall: (label: string, counter: string) =>
      `Số ${label} sẽ được đọc lại trên màn hình và loa: mời đến ${counter}.`,
    cancel: (label: string) =>
      `Số ${label} sẽ bị huỷ và không được gọi nữa. Công dân cần lấy số mới nếu quay lại.`,
    move: (label: string) =>
      `Số ${label} giữ nguyên giờ lấy số nên giữ vị trí của mình ở nơi chuyển đến.`,
  },
  reason: 'Lý do',
  reasonOptional: 'Lý do (không bắt buộc)',
  reasonHint: 'Ghi vào nhật ký thay đổi, tối đa 300 ký tự.',
  reasonRequired: 'Hãy nhập lý do.',
  target: 'Chuyển đến',
  chooseTarget: '— Chọn nơi chuyển đến —',
  targetRequired: 'Hãy chọn nơi chuyển đến.',
  noTargets: 'Không có lĩnh vực hay quầy nào nhận được số này.',
  fieldsGroup: 'Lĩnh vực',
  countersGroup: 'Quầy (chỉ quầy đó được gọi số)',
  noCounterOpen: 'chưa có quầy mở',
  counterClosed: 'đang đóng — số chờ đến khi quầy mở',
  confirm: 'Xác nhận',
  busy: 'Đang gửi…',
  back: 'Quay lại',
  done: {
    close: (counter: string) => `Đã đóng ${counter}.`,
    release: (counter: string) => `Đã giải phóng ${counter}.`,
    signOut: (clerk: string) => `Đã đăng xuất ${clerk}.`,
    recall: (label: string) => `Đã gọi lại số ${label}.`,
    cancel: (label: string) => `Đã huỷ số ${label}.`,
    move: (label: string) => `Đã chuyển số ${label}.`,
  },
  waiting: {
    title: 'Số đang chờ',
    allFields: 'Mọi lĩnh vực',
    filter: 'Lĩnh vực',
    number: 'Số',
    field: 'Lĩnh vực',
    state: 'Trạng thái',
    waited: 'Đã chờ',
    actions: 'Thao tác',
    statusWaiting: 'Đang chờ',
    statusNoShow: 'Vắng mặt',
    forCounter: (counter: string) => `chờ ${counter}`,
    priority: 'Ưu tiên',
    empty: 'Không có số nào đang chờ.',
    more: (n: number) => `và ${n} số khác…`,
  },
};
