import type { TicketData } from './types.ts';

/**
 * A realistic ticket for demos, screenshots, benchmarks and tests: 08:15 on Saturday
 * 21/11/2026 in Bắc Ninh, an elderly citizen's ticket 1023 for civil status.
 */
export function sampleTicket(overrides: Partial<TicketData> = {}): TicketData {
  return {
    centreName: 'Trung tâm Phục vụ Hành chính công tỉnh Bắc Ninh',
    header: 'UBND TỈNH BẮC NINH',
    fieldName: 'Tư pháp – Hộ tịch',
    label: '1023',
    priorityName: 'Ưu tiên – Người cao tuổi',
    issuedAt: Date.UTC(2026, 10, 21, 1, 15),
    timeZone: 'Asia/Ho_Chi_Minh',
    ahead: 12,
    estimatedWaitMinutes: 25,
    qrUrl: 'http://192.168.1.10:8080/t/EXAMPLETOKEN',
    footer: 'Xin cảm ơn quý khách. Vui lòng giữ phiếu cho đến khi được phục vụ.',
    ...overrides,
  };
}
