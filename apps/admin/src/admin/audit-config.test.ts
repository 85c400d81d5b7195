import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@luot/protocol';
import { describeChange, formatValue, keyLabel } from './audit-config.ts';
import { describeEntry } from './AuditPage.tsx';

const update = (changes: NonNullable<AuditEntry['detail']['changes']>): AuditEntry => ({
  id: 1,
  at: 0,
  actor: 'admin',
  action: 'config.update',
  target: null,
  detail: { changes },
});

describe('a configuration change in the audit log', () => {
  it('says what changed from what to what, in Vietnamese', () => {
    expect(
      describeChange({
        section: 'fields',
        item: 'dat-dai',
        name: 'Đất đai',
        change: 'changed',
        keys: ['sessions', 'dailyLimit'],
        values: {
          sessions: {
            before: [{ from: '07:30', to: '11:30' }],
            after: [{ from: '07:30', to: '11:00' }],
          },
          dailyLimit: { before: null, after: 120 },
        },
      }),
    ).toBe(
      'Lĩnh vực «Đất đai»: Giờ lấy số 07:30–11:30 → 07:30–11:00; Giới hạn số mỗi ngày không giới hạn → 120',
    );
    expect(
      describeChange({
        section: 'counters',
        item: 'q3',
        name: 'Quầy 3',
        change: 'changed',
        keys: ['fieldIds', 'rule'],
        values: {
          fieldIds: { before: ['Đất đai', 'Hộ tịch'], after: ['Đất đai'] },
          rule: { before: 'priority-then-longest-wait', after: 'fields-in-order' },
        },
      }),
    ).toBe(
      'Quầy 3: Lĩnh vực phục vụ Đất đai, Hộ tịch → Đất đai; Quy tắc gọi số Ưu tiên trước, rồi người chờ lâu nhất → Lần lượt theo thứ tự lĩnh vực',
    );
  });

  it('words the site, texts, the rating scale, the streak and retention', () => {
    const text = describeEntry(
      update([
        {
          section: 'site',
          item: 'timeZone',
          name: 'timeZone',
          change: 'changed',
          keys: ['timeZone'],
          values: { timeZone: { before: 'Asia/Ho_Chi_Minh', after: 'Asia/Bangkok' } },
        },
        {
          section: 'site',
          item: 'addresses',
          name: 'addresses',
          change: 'changed',
          keys: ['addresses'],
          values: {
            addresses: {
              before: { hub: null, public: null },
              after: { hub: 'http://192.168.1.10:8080', public: null },
            },
          },
        },
        {
          section: 'ratingScale',
          item: 'ratingScale',
          name: 'ratingScale',
          change: 'changed',
          keys: [],
          values: {
            ratingScale: {
              before: [
                { score: 2, label: 'Hài lòng' },
                { score: 1, label: 'Không hài lòng' },
              ],
              after: [{ score: 3, label: 'Rất hài lòng' }],
            },
          },
        },
        {
          section: 'other',
          item: 'priorityMaxStreak',
          name: 'priorityMaxStreak',
          change: 'changed',
          keys: ['priorityMaxStreak'],
          values: { priorityMaxStreak: { before: 3, after: 2 } },
        },
        {
          section: 'other',
          item: 'retention.visitDays',
          name: 'retention.visitDays',
          change: 'changed',
          keys: ['visitDays'],
          values: { visitDays: { before: 180, after: 90 } },
        },
        {
          section: 'priorityClasses',
          item: 'mang-thai',
          name: 'Phụ nữ mang thai',
          change: 'added',
          keys: [],
        },
      ]),
    );
    expect(text).toBe(
      'Sửa cấu hình — Múi giờ: «Asia/Ho_Chi_Minh» → «Asia/Bangkok»; ' +
        'Địa chỉ máy chủ: Địa chỉ trong trung tâm (trống) → «http://192.168.1.10:8080»; ' +
        'Thang đánh giá: 2 Hài lòng, 1 Không hài lòng → 3 Rất hài lòng; ' +
        'Số lượt ưu tiên liên tiếp tối đa: 3 → 2; ' +
        'Số ngày giữ dữ liệu lượt phục vụ: 180 ngày → 90 ngày; ' +
        'Đối tượng ưu tiên «Phụ nữ mang thai»: thêm mới',
    );
  });

  it('still reads entries written before values were recorded, and keys nobody named', () => {
    expect(
      describeChange({
        section: 'fields',
        item: 'ho-tich',
        name: 'Hộ tịch',
        change: 'changed',
        keys: ['targetWaitMinutes'],
      }),
    ).toBe('Lĩnh vực «Hộ tịch»: sửa Thời gian chờ mục tiêu');
    expect(
      describeChange({
        section: 'texts',
        item: 'ticketFooter',
        name: 'ticketFooter',
        change: 'changed',
        keys: ['ticketFooter'],
      }),
    ).toBe('Cuối phiếu: sửa');
    expect(keyLabel('endOfDay.lateMessage')).toBe('end of day late message');
    expect(formatValue('numbering', { prefix: 'A', start: 1, digits: 3 })).toBe(
      'từ A001 (3 chữ số)',
    );
    expect(formatValue('notice', 'x'.repeat(100))).toBe(`«${'x'.repeat(59)}…»`);
  });
});

describe('the ID card settings in the audit log', () => {
  it('names the card keys and words the scan modes', () => {
    expect(keyLabel('scan')).toBe('Quét căn cước');
    expect(keyLabel('idCard.priorityAge')).toBe('Ưu tiên từ tuổi');
    expect(formatValue('scan', 'required')).toBe('Bắt buộc quét căn cước để lấy số');
    expect(formatValue('idCard', { scan: 'site', adultsOnly: true })).toBe(
      'Quét căn cước Theo cài đặt chung của điểm; Chỉ cấp số cho người thành niên có',
    );
  });
});
