// The admin app's texts for the lobby board's content (issue 15): the "Nội dung màn hình" page,
// its uploads and playlist. Beside messages.ts, which would pass 400 lines with them.

/** "1,2 MB", "350 KB": a file's size as people read it. */
export function sizeVi(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb.toLocaleString('vi-VN', { maximumFractionDigits: mb < 10 ? 1 : 0 })} MB`;
}

export const MM = {
  title: 'Nội dung màn hình',
  intro:
    'Ảnh và video của trung tâm chiếu trên màn hình sảnh chờ, bên cạnh hoặc bên dưới danh sách gọi số. Khi có số được gọi, nội dung tạm dừng và thu nhỏ để người chờ thấy rõ số gọi.',
  layout: {
    legend: 'Vùng nội dung trên màn hình sảnh chờ',
    off: 'Tắt',
    offHelp: 'chỉ hiện số gọi',
    side: 'Bên cạnh',
    sideHelp: 'nội dung bên phải, số gọi bên trái',
    bottom: 'Bên dưới',
    bottomHelp: 'nội dung ở dải dưới màn hình',
  } as Record<string, string>,
  playlist: {
    title: 'Danh sách phát',
    help: 'Chiếu lần lượt từ trên xuống rồi lặp lại. Ảnh hiện trong số giây đặt; video phát hết nhưng không quá số giây đặt. Dùng nút ▲ ▼ (hoặc Alt + mũi tên lên/xuống) để đổi thứ tự.',
    empty: 'Danh sách phát còn trống. Hãy thêm ảnh hoặc video từ các tệp đã tải lên bên dưới.',
    offNote:
      'Vùng nội dung đang tắt: danh sách phát chỉ được chiếu khi chọn "Bên cạnh" hoặc "Bên dưới".',
    order: 'Thứ tự',
    file: 'Tệp',
    seconds: 'Thời gian (giây)',
    imageSeconds: 'Hiện trong',
    videoSeconds: 'Tối đa',
    up: (name: string) => `Chuyển "${name}" lên trên`,
    down: (name: string) => `Chuyển "${name}" xuống dưới`,
    remove: (name: string) => `Bỏ "${name}" khỏi danh sách phát`,
    removeShort: 'Bỏ',
    secondsOf: (name: string) => `Số giây của "${name}"`,
    missing: 'tệp đã bị xoá',
    full: 'Danh sách phát đã đủ 100 mục.',
  },
  library: {
    title: 'Tệp đã tải lên',
    drop: 'Kéo thả ảnh hoặc video vào đây, hoặc',
    choose: 'Chọn tệp…',
    accepts: (fileLimit: string) =>
      `Ảnh PNG, JPEG, WebP hoặc video MP4, WebM; mỗi tệp tối đa ${fileLimit}.`,
    used: (used: string, limit: string) => `Đã dùng ${used} trên ${limit}.`,
    uploading: (name: string) => `Đang tải lên "${name}"…`,
    uploaded: (name: string) => `Đã tải lên "${name}".`,
    refused: (name: string, reason: string) => `"${name}": ${reason}`,
    tooLarge: (limit: string) =>
      `Tệp lớn hơn ${limit}, không tải lên được; hãy thu nhỏ hoặc cắt ngắn rồi thử lại.`,
    empty: 'Chưa có tệp nào.',
    image: 'Ảnh',
    video: 'Video',
    name: 'Tên',
    kind: 'Loại',
    size: 'Dung lượng',
    uploadedAt: 'Tải lên lúc',
    add: 'Thêm vào danh sách phát',
    addLabel: (name: string) => `Thêm "${name}" vào danh sách phát`,
    inPlaylist: 'Đã có trong danh sách phát',
    delete: 'Xoá',
    deleteLabel: (name: string) => `Xoá tệp "${name}"`,
    confirmDelete: (name: string) => `Xoá hẳn tệp "${name}"? Không thể hoàn tác.`,
    deleted: (name: string) => `Đã xoá "${name}".`,
    loadFailed: 'Không tải được danh sách tệp.',
  },
} as const;
