import { describe, expect, it } from 'vitest';
import { KIOSK_CANCEL_WINDOW_MS, kioskAbandonRefusal, kioskCancelRefusal } from './kiosk-rules.ts';
import type { TicketStatus } from './state.ts';
import { at, byLabel, cmd, run } from './test-support.ts';

const MINUTE = 60_000;
// 1001 issued at 08:00 and still waiting; A001 issued at 08:01 and called at quay-1.
const day = run([
  cmd.issue('dat-dai'),
  cmd.issue('ho-tich'),
  cmd.open('quay-1'),
  cmd.callTicket('quay-1', 't2'),
]).state;
const waiting = byLabel(day, '1001');
const inStatus = (status: TicketStatus) => ({ ...waiting, status });

describe('kioskCancelRefusal: a kiosk takes back only its own fresh, waiting ticket', () => {
  it.each([
    {
      name: 'its own waiting ticket, just issued',
      ticket: waiting,
      own: true,
      after: 0,
      code: null,
    },
    {
      name: 'at exactly the end of the window',
      ticket: waiting,
      own: true,
      after: 5 * MINUTE,
      code: null,
    },
    {
      name: 'one millisecond after the window',
      ticket: waiting,
      own: true,
      after: 5 * MINUTE + 1,
      code: 'INVALID_STATE',
    },
    {
      name: 'an hour later',
      ticket: waiting,
      own: true,
      after: 60 * MINUTE,
      code: 'INVALID_STATE',
    },
    {
      name: 'a ticket another kiosk issued',
      ticket: waiting,
      own: false,
      after: 0,
      code: 'FORBIDDEN',
    },
    {
      name: 'another kiosk’s ticket, called',
      ticket: byLabel(day, 'A001'),
      own: false,
      after: 0,
      code: 'FORBIDDEN',
    },
    {
      name: 'its own ticket, already called',
      ticket: byLabel(day, 'A001'),
      own: true,
      after: 0,
      code: 'INVALID_STATE',
    },
    {
      name: 'its own ticket, in service',
      ticket: inStatus('serving'),
      own: true,
      after: 0,
      code: 'INVALID_STATE',
    },
    {
      name: 'its own ticket, marked absent',
      ticket: inStatus('no_show'),
      own: true,
      after: 0,
      code: 'INVALID_STATE',
    },
    {
      name: 'its own ticket, already cancelled',
      ticket: inStatus('cancelled'),
      own: true,
      after: 0,
      code: 'INVALID_STATE',
    },
    {
      name: 'a ticket that does not exist',
      ticket: undefined,
      own: true,
      after: 0,
      code: 'NOT_FOUND',
    },
    {
      name: 'a ticket that does not exist, asked by anyone',
      ticket: undefined,
      own: false,
      after: 0,
      code: 'NOT_FOUND',
    },
  ])('$name: $code', ({ ticket, own, after, code }) => {
    const now = (ticket?.issuedAt ?? at('08:00')) + after;
    expect(
      kioskCancelRefusal(ticket, { issuedByThisKiosk: own, now, windowMs: KIOSK_CANCEL_WINDOW_MS }),
    ).toBe(code);
  });

  it('uses the window it is given', () => {
    const ctx = { issuedByThisKiosk: true, now: waiting.issuedAt + 2 * MINUTE };
    expect(kioskCancelRefusal(waiting, { ...ctx, windowMs: MINUTE })).toBe('INVALID_STATE');
    expect(kioskCancelRefusal(waiting, { ...ctx, windowMs: 3 * MINUTE })).toBeNull();
  });
});

describe('kioskAbandonRefusal: a kiosk takes back an unanswered number only while it waits', () => {
  it.each([
    { status: 'waiting', code: null },
    { status: 'called', code: 'INVALID_STATE' },
    { status: 'serving', code: 'INVALID_STATE' },
    { status: 'done', code: 'INVALID_STATE' },
    { status: 'no_show', code: 'INVALID_STATE' },
    { status: 'expired', code: 'INVALID_STATE' },
    { status: 'cancelled', code: 'INVALID_STATE' },
  ] satisfies { status: TicketStatus; code: string | null }[])(
    '$status: $code',
    ({ status, code }) => {
      expect(kioskAbandonRefusal(inStatus(status))).toBe(code);
    },
  );

  it('refuses a ticket the queue no longer holds', () => {
    expect(kioskAbandonRefusal(undefined)).toBe('INVALID_STATE');
  });
});
