import { DOSSIER_REQUIREMENT_LABELS_VI } from '@luot/domain';

// The admin app's texts for dossier codes and outcomes recorded at finish (issue 16): the site's
// setting on /admin/trung-tam, the report's outcome columns and the export of ratings per dossier.
export const MD = {
  site: {
    title: 'Hồ sơ khi hoàn thành',
    help: 'Khi bấm “Hoàn thành”, cán bộ quét mã vạch/QR trên phiếu hẹn (đầu đọc USB) hoặc gõ mã hồ sơ, rồi chọn kết quả: Tiếp nhận hồ sơ, Trả kết quả, Hướng dẫn hoặc Từ chối tiếp nhận (kèm lý do). Đánh giá của công dân được gắn với các mã hồ sơ đó (chỉ số hài lòng theo Quyết định 766/QĐ-TTg).',
    required: 'Cán bộ phải ghi',
    pattern: 'Định dạng mã hồ sơ (biểu thức chính quy)',
    patternHelp:
      'Mặc định theo mã của Hệ thống thông tin giải quyết thủ tục hành chính, ví dụ 000.00.01.H29-231115-0001 (mã cơ quan, ngày tiếp nhận yymmdd, số thứ tự). Mã quét được từ một địa chỉ hay đoạn văn bản sẽ được tách ra theo định dạng này.',
    patternDefault: 'Dùng định dạng mặc định',
    sample: 'Thử một mã',
    sampleOk: 'Đúng định dạng.',
    sampleBad: 'Không đúng định dạng.',
    maxCodes: 'Số mã hồ sơ tối đa mỗi lượt phục vụ',
  },
  required: DOSSIER_REQUIREMENT_LABELS_VI as Record<string, string>,
  report: {
    title: 'Kết quả giải quyết tại quầy',
    help: 'Số lượt đã phục vụ theo kết quả cán bộ ghi khi hoàn thành; lượt không ghi kết quả không được tính ở cột nào.',
    download: 'Tải đánh giá theo hồ sơ',
    downloadHelp:
      'Mỗi dòng là một mã hồ sơ của một lượt phục vụ: mã, điểm phục vụ, lĩnh vực, quầy, cán bộ, thời điểm hoàn thành, kết quả và điểm đánh giá (để trống nếu công dân không đánh giá).',
  },
};
