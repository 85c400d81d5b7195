import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@luot/protocol';
import { describeActor, describeEntry } from './AuditPage.tsx';

const entry = (e: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: 0,
  actor: 'admin',
  action: 'auth.sign-in',
  target: null,
  detail: {},
  ...e,
});

describe('sign-ins in the audit log', () => {
  it('reads each kind of sign-in entry in Vietnamese', () => {
    expect(
      describeEntry(
        entry({
          action: 'auth.sign-in',
          actor: 'cb1',
          target: 'cb1',
          detail: { address: '10.0.0.5' },
        }),
      ),
    ).toBe('Đăng nhập: cb1, từ 10.0.0.5');
    expect(
      describeEntry(
        entry({
          action: 'auth.sign-in-failed',
          actor: 'address:10.0.0.9',
          target: null,
          detail: { address: '10.0.0.9', suppressed: 37 },
        }),
      ),
    ).toBe(
      'Đăng nhập sai: tên đăng nhập không tồn tại, từ 10.0.0.9, và 37 lần khác trước đó không ghi riêng',
    );
    expect(
      describeEntry(
        entry({
          action: 'auth.locked-out',
          actor: 'address:10.0.0.9',
          target: 'giamsat',
          detail: { address: '10.0.0.9', scope: 'account', minutes: 15 },
        }),
      ),
    ).toBe('Tạm khóa đăng nhập: giamsat, từ 10.0.0.9, khóa tài khoản này từ máy đó 15 phút');
    expect(
      describeEntry(
        entry({
          action: 'auth.locked-out',
          detail: { address: '10.0.0.9', scope: 'address', minutes: 9 },
        }),
      ),
    ).toBe('Tạm khóa đăng nhập: từ 10.0.0.9, khóa mọi tài khoản từ máy đó 9 phút');
    expect(
      describeEntry(entry({ action: 'auth.hash-busy', detail: { address: '10.0.0.9' } })),
    ).toBe('Từ chối đăng nhập vì máy chủ bận: từ 10.0.0.9');
    expect(
      describeEntry(
        entry({ action: 'auth.sign-out', target: 'cb1', detail: { address: '10.0.0.5' } }),
      ),
    ).toBe('Đăng xuất: cb1, từ 10.0.0.5');
  });

  it('names an unknown person by the address the attempt came from', () => {
    expect(describeActor('address:10.0.0.9')).toBe('Máy 10.0.0.9');
    expect(describeActor('admin')).toBe('admin');
  });
});

describe('a supervisor’s actions in the audit log', () => {
  it('reads what was done, where the ticket went, and why', () => {
    expect(
      describeEntry(
        entry({
          action: 'counter.release',
          actor: 'giamsat',
          target: 'Quầy 1',
          detail: { reason: 'Cán bộ vắng', counterId: 'c1', to: 'số 1001: trở lại hàng chờ' },
        }),
      ),
    ).toBe('Giám sát giải phóng quầy: Quầy 1 → số 1001: trở lại hàng chờ — lý do: Cán bộ vắng');
    expect(
      describeEntry(
        entry({
          action: 'clerk.sign-out',
          target: 'cb2',
          detail: { reason: 'Về sớm', name: 'Cán bộ 2' },
        }),
      ),
    ).toBe('Giám sát đăng xuất cán bộ: cb2 "Cán bộ 2" — lý do: Về sớm');
    expect(
      describeEntry(
        entry({ action: 'ticket.recall', target: 'số 1001', detail: { counterId: 'c1' } }),
      ),
    ).toBe('Giám sát gọi lại số: số 1001');
  });
});

describe('webhook changes in the audit log', () => {
  it('names the change and the address, not the ids', () => {
    const url = 'https://motcua.tinh.gov.vn/luot';
    expect(
      describeEntry(
        entry({
          action: 'webhook.create',
          target: 'wh_1',
          detail: { url, events: ['ticket.issued'] },
        }),
      ),
    ).toBe(`Thêm đăng ký webhook: ${url}`);
    expect(
      describeEntry(entry({ action: 'webhook.delete', target: 'wh_1', detail: { url } })),
    ).toBe(`Xoá đăng ký webhook: ${url}`);
    expect(
      describeEntry(
        entry({ action: 'webhook.retry', target: 'd1', detail: { url, idempotencyKey: 'k' } }),
      ),
    ).toBe(`Gửi lại sự kiện webhook: ${url}`);
  });
});
