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
  endOfDayMessage: null,
  reopening: null,
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
      headline: 'Quý khách là người tiếp theo',
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
      headline: 'Mời quý khách đến',
      counter: 'Quầy số 5',
      hint: 'Xin mời quý khách đến quầy ngay, mang theo phiếu và giấy tờ.',
    });
    expect(ticketTitle(view({ status: 'called', counterNumber: 5 }))).toBe('1023 — Quầy số 5');
  });

  it('being served, done, absent, expired, cancelled', () => {
    const headline = (patch: Partial<PublicTicketView>) => presentTicket(view(patch)).headline;
    expect(headline({ status: 'serving', counterNumber: 5 })).toBe(
      'Quý khách đang được phục vụ tại quầy số 5',
    );
    expect(headline({ status: 'done' })).toBe('Đã hoàn thành. Xin cảm ơn quý khách!');
    expect(headline({ status: 'no_show' })).toBe('Quý khách đã được gọi nhưng không có mặt');
    expect(headline({ status: 'expired' })).toBe('Số đã hết hiệu lực (hết ngày làm việc)');
    expect(headline({ status: 'cancelled' })).toBe('Số đã bị hủy');
    expect(ticketTitle(view({ status: 'done' }))).toBe('1023 — Phiếu của quý khách');
  });

  it('once service is over, a waiting or absent ticket gets the end-of-day text, not "next"', () => {
    const message =
      'Đã hết giờ làm việc hôm nay. Mời quý khách quay lại vào ngày làm việc tiếp theo.';
    for (const status of ['waiting', 'no_show'] as const)
      expect(presentTicket(view({ status, ahead: 0, endOfDayMessage: message }))).toEqual({
        tone: 'ended',
        headline: 'Hết giờ phục vụ hôm nay',
        message,
        reopening: null,
      });
  });

  it('says when issuing reopens, counted from the service day', () => {
    const ended = (day: string, time: string) =>
      presentTicket(
        view({
          status: 'waiting',
          endOfDayMessage: 'Hết giờ.',
          reopening: { today: '2026-11-27', day, time },
        }),
      );
    // 2026-11-27 is a Friday.
    expect(ended('2026-11-30', '07:30')).toMatchObject({ reopening: 'Mở lại thứ Hai 07:30' });
    expect(ended('2026-11-27', '13:30')).toMatchObject({ reopening: 'Mở lại lúc 13:30' });
  });

  it('speaks to the citizen as "quý khách", never "bạn"', async () => {
    const { PHONE_TEXT } = await import('../messages.ts');
    const texts = Object.values(PHONE_TEXT).flatMap((v) =>
      typeof v === 'function' ? [String((v as (n: number) => string)(5))] : [v],
    );
    for (const text of texts) expect(text.toLowerCase()).not.toContain('bạn');
  });
});
