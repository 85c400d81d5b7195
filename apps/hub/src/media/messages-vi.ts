// Vietnamese refusals of the media endpoints (the admin app shows them as they come).

/** "12,5 MB", "300 KB": a size written the Vietnamese way. */
export function megabytesVi(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb < 1) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${mb.toLocaleString('vi-VN', { maximumFractionDigits: mb < 10 ? 1 : 0 })} MB`;
}

export const MEDIA_MESSAGES_VI = {
  unsupported:
    'Tệp này không phải ảnh (PNG, JPEG, WebP) hay video (MP4, WebM) nên không tải lên được.',
  empty: 'Tệp rỗng, không có gì để tải lên.',
  fileTooLarge: (limit: number) =>
    `Tệp lớn hơn ${megabytesVi(limit)}, không tải lên được; hãy thu nhỏ hoặc cắt ngắn rồi thử lại.`,
  siteFull: (used: number, limit: number) =>
    `Kho nội dung của điểm đã dùng ${megabytesVi(used)} trên ${megabytesVi(limit)}; tệp này sẽ vượt giới hạn. Hãy xoá bớt tệp không dùng rồi thử lại.`,
  inUse: (name: string) =>
    `Tệp "${name}" đang có trong danh sách phát của màn hình; hãy bỏ khỏi danh sách phát và lưu trước khi xoá.`,
  notFound: 'Không có tệp này (có thể đã bị xoá).',
} as const;
