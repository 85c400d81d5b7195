import { describe, expect, it } from 'vitest';
import {
  decide,
  initialState,
  siteConfigSchema,
  type QueueCommand,
  type QueueState,
} from '@luot/domain';
import type { PrinterStatus } from '@luot/printing/types';
import { failure, type Ack, type IssuedTicket } from '@luot/protocol';
import type { PrintOutcome } from '../../shared/bridge.ts';
import { fieldTiles, issuingHours } from './fields.ts';
import { PRINT_FAILED_REASON, issueAndPrint, type FlowDeps } from './issue-flow.ts';
import { printerProblem } from './printer-problem.ts';
import { buildTicketData, ticketUrl } from './ticket-data.ts';

const SESSIONS = [
  { from: '07:30', to: '11:30' },
  { from: '13:30', to: '17:00' },
];
const config = siteConfigSchema.parse({
  site: { name: 'Trung tâm Phục vụ Hành chính công tỉnh Thử', timeZone: 'Asia/Ho_Chi_Minh' },
  fields: [
    {
      id: 'dat-dai',
      name: 'Đất đai',
      numbering: { start: 1001, digits: 4 },
      sessions: SESSIONS,
      kioskOrder: 2,
    },
    {
      id: 'ho-tich',
      name: 'Tư pháp – Hộ tịch',
      numbering: { prefix: 'A', start: 1, digits: 3 },
      sessions: SESSIONS,
      kioskOrder: 1,
      dailyLimit: 2,
    },
    {
      id: 'xay-dung',
      name: 'Xây dựng',
      numbering: { start: 1, digits: 3 },
      sessions: [{ from: '13:30', to: '17:00' }],
      kioskOrder: 1,
    },
  ],
  counters: [
    { id: 'q1', number: 1, name: 'Quầy 1', fieldIds: ['dat-dai', 'ho-tich'] },
    { id: 'q2', number: 2, name: 'Quầy 2', fieldIds: ['xay-dung'] },
  ],
  priorityClasses: [{ id: 'cao-tuoi', name: 'Người cao tuổi' }],
  texts: { ticketHeader: 'UBND TỈNH THỬ', ticketFooter: 'Xin cảm ơn!' },
});
/** 09:00 on Monday 2026-11-23 in Hà Nội. */
const NINE = Date.parse('2026-11-23T02:00:00Z');

function run(state: QueueState, ...commands: QueueCommand[]): QueueState {
  let id = 0;
  for (const command of commands) {
    const d = decide(state, command, {
      now: NINE,
      newId: () => `t${++id}-${Object.keys(state.tickets).length}`,
    });
    if (!d.ok) throw new Error(d.error.code);
    state = d.state;
  }
  return state;
}

describe('field tiles', () => {
  const start = initialState(config, '2026-11-23', NINE);

  it('follow the kiosk order, then the name, with waiting counts, wait and availability', () => {
    const state = run(
      start,
      { type: 'openCounter', counterId: 'q1', clerkId: 'cb1' },
      { type: 'issue', fieldId: 'dat-dai', priorityClassId: null },
      { type: 'issue', fieldId: 'dat-dai', priorityClassId: null },
    );
    const tiles = fieldTiles(state, NINE);
    // Quầy 1 serves both fields, longest wait first: a number taken in Hộ tịch now, with nobody
    // waiting there, still comes after the two Đất đai numbers (10 minutes each, plus the call).
    expect(tiles.map((t) => [t.field.id, t.waiting, t.waitMinutes, t.availability])).toEqual([
      ['ho-tich', 0, 21, 'open'],
      ['xay-dung', 0, null, 'OUTSIDE_HOURS'],
      ['dat-dai', 2, 21, 'open'],
    ]);
  });

  it('mark a field whose daily limit is reached as sold out', () => {
    const state = run(
      start,
      { type: 'issue', fieldId: 'ho-tich', priorityClassId: null },
      { type: 'issue', fieldId: 'ho-tich', priorityClassId: null },
    );
    expect(fieldTiles(state, NINE).find((t) => t.field.id === 'ho-tich')?.availability).toBe(
      'SOLD_OUT',
    );
  });

  it('are all closed at lunch and after 17:00, by the hub’s clock', () => {
    for (const at of ['2026-11-23T05:00:00Z', '2026-11-23T10:01:00Z'])
      expect(
        fieldTiles(start, Date.parse(at))
          .map((t) => t.availability)
          .filter((a) => a === 'open'),
      ).toEqual([]);
  });

  it('say the issuing hours as people read them', () => {
    expect(issuingHours(config.fields[0]!)).toBe('07:30–11:30, 13:30–17:00');
  });
});

describe('the ticket the kiosk prints', () => {
  it('takes the centre, field, priority, texts and the phone page address', () => {
    const state = run(initialState(config, '2026-11-23', NINE), {
      type: 'issue',
      fieldId: 'ho-tich',
      priorityClassId: 'cao-tuoi',
    });
    const ticket = Object.values(state.tickets)[0]!;
    const issued: IssuedTicket = {
      ticket,
      token: 'abc',
      path: '/t/abc',
      ahead: 3,
      estimatedWaitMinutes: 12,
    };
    expect(buildTicketData(state, issued, 'http://luot.local:8080/')).toEqual({
      centreName: 'Trung tâm Phục vụ Hành chính công tỉnh Thử',
      header: 'UBND TỈNH THỬ',
      fieldName: 'Tư pháp – Hộ tịch',
      label: 'A001',
      priorityName: 'Ưu tiên – Người cao tuổi',
      issuedAt: NINE,
      timeZone: 'Asia/Ho_Chi_Minh',
      ahead: 3,
      estimatedWaitMinutes: 12,
      qrUrl: 'http://luot.local:8080/t/abc',
      footer: 'Xin cảm ơn!',
    });
  });

  it('prints the site’s configured public address (else its hub address) over the kiosk’s own', () => {
    const state = run(initialState(config, '2026-11-23', NINE), {
      type: 'issue',
      fieldId: 'ho-tich',
      priorityClassId: null,
    });
    const ticket = Object.values(state.tickets)[0]!;
    const issued: IssuedTicket = {
      ticket,
      token: 'abc',
      path: '/t/abc',
      ahead: 0,
      estimatedWaitMinutes: null,
    };
    const withAddresses = (hub: string | null, pub: string | null) => ({
      ...state,
      config: { ...state.config, site: { ...state.config.site, addresses: { hub, public: pub } } },
    });
    const qr = (s: typeof state) => buildTicketData(s, issued, 'http://127.0.0.1:8080').qrUrl;
    expect(qr(withAddresses(null, null))).toBe('http://127.0.0.1:8080/t/abc');
    expect(qr(withAddresses('http://192.168.1.10:8080', null))).toBe(
      'http://192.168.1.10:8080/t/abc',
    );
    expect(qr(withAddresses('http://192.168.1.10:8080', 'https://hang-doi.example.vn'))).toBe(
      'https://hang-doi.example.vn/t/abc',
    );
  });

  it('carries a booked ticket’s origin and slot, so it prints "Lịch hẹn 09:30"', () => {
    const slotAt = NINE + 30 * 60_000;
    const state = run(initialState(config, '2026-11-23', NINE), {
      type: 'issue',
      fieldId: 'ho-tich',
      priorityClassId: null,
      origin: 'booking',
      slotAt,
    });
    const ticket = Object.values(state.tickets)[0]!;
    const issued: IssuedTicket = {
      ticket,
      token: 'b',
      path: '/t/b',
      ahead: 0,
      estimatedWaitMinutes: 5,
    };
    expect(buildTicketData(state, issued, 'http://luot.local')).toMatchObject({
      origin: 'booking',
      slotAt,
    });
    const walkIn = { ...issued, ticket: { ...ticket, origin: undefined, slotAt: undefined } };
    expect(buildTicketData(state, walkIn, 'http://luot.local')).not.toHaveProperty('origin');
  });

  it('joins the public address and the path with one slash', () => {
    expect(ticketUrl('http://10.0.0.2', '/t/x')).toBe('http://10.0.0.2/t/x');
    expect(ticketUrl('https://so.example.vn/luot/', 't/x')).toBe('https://so.example.vn/luot/t/x');
  });
});

describe('printer problems', () => {
  it.each([
    [null, 'offline'],
    [{ online: true, paper: 'ok', coverOpen: false }, null],
    [{ online: true, paper: 'near-end', coverOpen: false }, null],
    [{ online: false, paper: 'out', coverOpen: false }, 'paper-out'],
    [{ online: false, paper: 'ok', coverOpen: true }, 'cover-open'],
    [{ online: false, paper: 'ok', coverOpen: false, error: 'No answer' }, 'offline'],
    [{ online: true, paper: 'ok', coverOpen: false, error: 'cutter' }, 'error'],
  ] as [PrinterStatus | null, string | null][])('%o → %s', (status, problem) => {
    expect(printerProblem(status)).toBe(problem);
  });
});

describe('issue and print, with no phantom numbers', () => {
  const ready: PrinterStatus = { online: true, paper: 'ok', coverOpen: false };
  const issued = { ticket: { id: 't1', label: '1001' }, path: '/t/x' } as unknown as IssuedTicket;

  function deps(over: Partial<FlowDeps> = {}) {
    const calls: string[] = [];
    const d: FlowDeps = {
      printerStatus: async () => (calls.push('status'), ready),
      issue: async () => (calls.push('issue'), { ok: true, data: issued }),
      ticketData: () => ({ label: '1001' }) as never,
      print: async (): Promise<PrintOutcome> => (calls.push('print'), { ok: true }),
      cancel: async (id, reason): Promise<Ack<unknown>> => (
        calls.push(`cancel ${id} ${reason}`),
        { ok: true, data: { ticketId: id } }
      ),
      ...over,
    };
    return { d, calls };
  }

  it('checks the printer, issues, prints', async () => {
    const { d, calls } = deps();
    expect(await issueAndPrint(d)).toMatchObject({ kind: 'printed' });
    expect(calls).toEqual(['status', 'issue', 'print']);
  });

  it('asks the hub for nothing while the printer cannot print', async () => {
    const { d, calls } = deps({
      printerStatus: async () => ({ ...ready, paper: 'out', online: false }),
    });
    expect(await issueAndPrint(d)).toEqual({ kind: 'printer-not-ready', problem: 'paper-out' });
    expect(calls).toEqual([]);
  });

  it('prints nothing when the hub refuses', async () => {
    const { d, calls } = deps({ issue: async () => failure('OUTSIDE_HOURS') });
    expect(await issueAndPrint(d)).toMatchObject({ kind: 'refused', code: 'OUTSIDE_HOURS' });
    expect(calls).toEqual(['status']);
  });

  it('keeps the number and shows it when the print broke part way', async () => {
    const { d, calls } = deps({
      print: async () => ({ ok: false, printed: 'maybe', message: 'reset' }),
    });
    expect(await issueAndPrint(d)).toMatchObject({ kind: 'on-screen', why: 'maybe-printed' });
    expect(calls).toEqual(['status', 'issue']);
  });

  it('treats a failing bridge like a broken print', async () => {
    const { d } = deps({ print: () => Promise.reject(new Error('IPC gone')) });
    expect(await issueAndPrint(d)).toMatchObject({ kind: 'on-screen', why: 'maybe-printed' });
  });

  it('takes the number back when nothing can have printed', async () => {
    const { d, calls } = deps({
      print: async () => ({ ok: false, printed: 'no', message: 'refused' }),
    });
    expect(await issueAndPrint(d)).toMatchObject({ kind: 'cancelled' });
    expect(calls).toEqual(['status', 'issue', `cancel t1 ${PRINT_FAILED_REASON}`]);
  });

  it('shows the number when it cannot be taken back', async () => {
    const { d } = deps({
      print: async () => ({ ok: false, printed: 'no', message: 'refused' }),
      cancel: async () => failure('INTERNAL'),
    });
    expect(await issueAndPrint(d)).toMatchObject({ kind: 'on-screen', why: 'cancel-failed' });
  });
});
