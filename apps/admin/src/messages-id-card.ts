// The admin app's texts for the citizen's ID card at the kiosk (issue 15): the site's card rules
// and a field's. Beside messages.ts, which is past 400 lines.
export const MI = {
  site: {
    title: 'Căn cước công dân tại ki-ốt',
    help: 'Ki-ốt đọc mã QR trên căn cước công dân (CCCD) bằng đầu đọc, hoặc công dân gõ 12 số định danh. Chỉ giữ một mã băm của số định danh (có khóa riêng của điểm phục vụ) để đếm số lượt mỗi ngày, trong thời hạn lưu dữ liệu lượt phục vụ; không giữ họ tên, địa chỉ, ngày sinh.',
    scan: 'Quét căn cước (mặc định cho các lĩnh vực)',
    priorityAge: 'Ưu tiên từ tuổi',
    priorityAgeOff: 'Không ưu tiên theo tuổi',
    priorityAgeHelp:
      'Căn cước của người từ tuổi này được tự động xếp vào đối tượng ưu tiên bên cạnh; đối tượng đó không chọn được ở ki-ốt nếu không quét căn cước đủ tuổi (ở lĩnh vực có quét căn cước).',
    priorityClassId: 'Đối tượng ưu tiên theo tuổi',
    noClass: '(chưa chọn)',
    adultAge: 'Tuổi thành niên (lĩnh vực chỉ cấp số cho người thành niên)',
    limitNote: (n: number) =>
      `Mỗi người (theo số định danh) lấy tối đa ${n} số mỗi ngày tại điểm này, tính chung ki-ốt và trực tuyến — đặt ở mục “Công dân trực tuyến”.`,
  },
  modes: {
    site: 'Theo cài đặt chung của điểm',
    off: 'Không quét',
    optional: 'Quét nếu công dân muốn (để được ưu tiên theo tuổi)',
    required: 'Bắt buộc quét căn cước để lấy số',
  },
  field: {
    legend: 'Căn cước công dân',
    scan: 'Quét căn cước khi lấy số',
    adultsOnly: 'Chỉ cấp số cho người đủ tuổi thành niên',
    requiredHelp:
      'Khi bắt buộc, công dân lấy số trực tuyến cũng phải nhập 12 số định danh cá nhân; số lượt được tính chung với ki-ốt.',
    column: 'CCCD',
    summaryOff: '—',
    summaryOptional: 'Tùy chọn',
    summaryRequired: 'Bắt buộc',
    summaryAdults: 'Người thành niên',
  },
} as const;
