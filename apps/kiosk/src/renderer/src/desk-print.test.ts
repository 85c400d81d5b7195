import { describe, expect, it } from 'vitest';
import { decide, initialState, siteConfigSchema } from '@luot/domain';
import { renderTicket, ticketDataFor, viTicketMessages } from '@luot/printing';
import type { DeskPrintJob } from '@luot/protocol';
import { ticketDataSchema } from '../../main/ipc.ts';
import { deskTicketData } from './desk-print.ts';

const NINE = Date.parse('2026-11-23T02:00:00Z');
const config = siteConfigSchema.parse({
  site: { name: 'Bộ phận Một cửa xã Thử', timeZone: 'Asia/Ho_Chi_Minh' },
  fields: [
    {
      id: 'ho-tich',
      name: 'Tư pháp – Hộ tịch',
      numbering: { prefix: 'A', start: 1, digits: 3 },
      sessions: [{ from: '07:30', to: '17:00' }],
    },
  ],
  counters: [{ id: 'q1', number: 1, name: 'Quầy 1', fieldIds: ['ho-tich'] }],
  priorityClasses: [{ id: 'cao-tuoi', name: 'Người cao tuổi' }],
});
const issued = decide(
  initialState(config, '2026-11-23', NINE),
  { type: 'issue', fieldId: 'ho-tich', priorityClassId: 'cao-tuoi' },
  { now: NINE, newId: () => 't1' },
);
if (!issued.ok) throw new Error(issued.error.code);
const state = issued.state;
const job: DeskPrintJob = {
  ticket: state.tickets.t1!,
  path: '/t/abcdefghijklmnopqrstuv',
  ahead: 0,
  estimatedWaitMinutes: null,
  reprintedAt: null,
  deskName: 'Bàn tiếp dân',
};

describe("a reception desk's ticket printed at the kiosk", () => {
  it("is the kiosk's own ticket, drawn as the hub draws it for a desk printer", () => {
    const data = deskTicketData(state, job, 'http://192.168.1.10:8080');
    expect(data).toMatchObject({
      label: 'A001',
      priorityName: 'Ưu tiên – Người cao tuổi',
      qrUrl: 'http://192.168.1.10:8080/t/abcdefghijklmnopqrstuv',
    });
    expect(ticketDataSchema.safeParse(data).success).toBe(true);
    // The kiosk's words and the hub's (`ticketDataFor`) give the same ticket.
    const hub = ticketDataFor(state, job, 'http://192.168.1.10:8080', {
      priorityPrefix: viTicketMessages.priorityPrefix,
    });
    expect(renderTicket(data, { paper: '80mm' }).data).toEqual(
      renderTicket(hub, { paper: '80mm' }).data,
    );
  });

  it('a reprint: "IN LẠI" with its time, no QR code, and the main process accepts it', () => {
    const at = NINE + 5 * 60_000;
    const data = deskTicketData(state, { ...job, path: '', reprintedAt: at }, 'http://h');
    expect(data).toMatchObject({ label: 'A001', qrUrl: '', reprintedAt: at });
    expect(ticketDataSchema.safeParse(data).success).toBe(true);
    expect(ticketDataSchema.safeParse({ ...data, qrUrl: 'javascript:x' }).success).toBe(false);
  });
});
