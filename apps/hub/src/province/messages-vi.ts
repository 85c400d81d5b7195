// Vietnamese text of the province views' answers, in one place.

export const PROVINCE_VI = {
  adminOnly: 'Chỉ quản trị viên cấp tỉnh được thực hiện thao tác này.',
  badReportQuery: 'Khoảng ngày, cách nhóm hoặc định dạng không hợp lệ.',
  tooManyDays: (days: number) => `Một báo cáo chỉ bao gồm tối đa ${days} ngày.`,
  badCatalogue: 'Danh mục lĩnh vực không hợp lệ.',
  badSite: 'Thông tin điểm phục vụ không hợp lệ.',
  /** Which input a message of its own is about. */
  where: { from: 'Ngày bắt đầu', to: 'Ngày kết thúc' } as Record<string, string>,
  /** What is wrong, by the input it is in (zod's own messages are English). */
  inputs: {
    id: 'Mã điểm gồm chữ thường không dấu, chữ số và dấu gạch ngang, tối đa 40 ký tự.',
    name: 'Tên không được để trống (tối đa 200 ký tự).',
    timeZone: 'Múi giờ không hợp lệ.',
    code: 'Mã lĩnh vực gồm chữ in hoa và chữ số, bắt đầu bằng chữ, tối đa 10 ký tự.',
    from: 'Ngày bắt đầu không hợp lệ (YYYY-MM-DD).',
    to: 'Ngày kết thúc không hợp lệ (YYYY-MM-DD).',
    groupBy: 'Cách nhóm không hợp lệ.',
    format: 'Định dạng không hợp lệ (json, csv hoặc xlsx).',
  } as Record<string, string>,
  siteIdTaken: (id: string) => `Mã điểm "${id}" đã được dùng.`,
  workbookTitle: (sites: number) => `Toàn tỉnh (${sites} điểm)`,
};
