import { describe, expect, it } from 'vitest';
import type { PublicTicketView } from '@luot/protocol';
import { presentTicket, ticketTitle } from './ticket-status.ts';

const view = (patch: Partial<PublicTicketView>): PublicTicketView => ({
  centreName: 'Bộ phận Một cửa xã Thử',
  label: '1023',
  fieldName: 'Hộ tịch',
  status: 'waiting',
  counterNumber: null,
  ahead: 4,
  estimatedWaitMinutes: 12,
  issuedAt: 0,
  seq: 1,
  ...patch,
});

describe('phone page wording', () => {
  it('while waiting: the people ahead and the estimate', () => {
    expect(presentTicket(view({}))).toEqual({
      tone: 'waiting',
      headline: 'Đang chờ đến lượt',
      ahead: 4,
      wait: 'khoảng 12 phút',
    });
    expect(presentTicket(view({ ahead: 0, estimatedWaitMinutes: 0 }))).toMatchObject({
      headline: 'Bạn là người tiếp theo',
      wait: 'khoảng dưới 1 phút',
    });
  });

  it('says plainly when no counter is open for the field, instead of guessing a wait', () => {
    expect(presentTicket(view({ estimatedWaitMinutes: null }))).toMatchObject({
      wait: 'Chưa có quầy mở cho lĩnh vực này',
    });
  });

  it('when called: the counter to go to', () => {
    expect(presentTicket(view({ status: 'called', counterNumber: 5 }))).toEqual({
      tone: 'called',
      headline: 'Mời bạn đến',
      counter: 'Quầy số 5',
      hint: 'Vui lòng đến quầy ngay, mang theo phiếu và giấy tờ.',
    });
    expect(ticketTitle(view({ status: 'called', counterNumber: 5 }))).toBe('1023 — Quầy số 5');
  });

  it('being served, done, absent, expired, cancelled', () => {
    const headline = (patch: Partial<PublicTicketView>) => presentTicket(view(patch)).headline;
    expect(headline({ status: 'serving', counterNumber: 5 })).toBe(
      'Bạn đang được phục vụ tại quầy số 5',
    );
    expect(headline({ status: 'done' })).toBe('Đã hoàn thành. Cảm ơn bạn!');
    expect(headline({ status: 'no_show' })).toBe('Bạn đã được gọi nhưng không có mặt');
    expect(headline({ status: 'expired' })).toBe('Số đã hết hiệu lực (hết ngày làm việc)');
    expect(headline({ status: 'cancelled' })).toBe('Số đã bị hủy');
    expect(ticketTitle(view({ status: 'done' }))).toBe('1023 — Phiếu của bạn');
  });
});
