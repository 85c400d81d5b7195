// The admin app's texts for the log's daily digest (issue 17): the reports page's panel of
// sealed days and their codes.
export const MDG = {
  title: 'Mã kiểm chứng nhật ký',
  help:
    'Cuối mỗi ngày làm việc, hệ thống niêm phong nhật ký: mã của ngày được tính từ mọi sự kiện xếp hàng và mọi bản ghi nhật ký thay đổi đến hết ngày đó, và hiện trên bảng sảnh suốt ngày làm việc kế tiếp. ' +
    'Lưu hoặc gửi các mã này ra ngoài trung tâm (kèm báo cáo); lệnh “luot verify” so cơ sở dữ liệu với chúng và chỉ ra bản ghi đầu tiên bị sửa, xóa, thêm hay đổi thứ tự.',
  day: 'Ngày',
  code: 'Mã kiểm chứng',
  events: 'Sự kiện trong ngày',
  eventsSeq: 'Đến sự kiện số',
  auditId: 'Đến bản ghi nhật ký số',
  madeAt: 'Niêm phong lúc',
  copy: 'Sao chép',
  copied: 'Đã sao chép',
  copyFailed: 'Không sao chép được: hãy chọn mã và nhấn Ctrl+C.',
  none: 'Chưa có ngày nào được niêm phong trong kỳ này (ngày đang làm việc được niêm phong lúc nửa đêm).',
  unknown: '—',
};
