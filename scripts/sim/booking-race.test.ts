import { describe, expect, it } from 'vitest';
import type { BookingView } from '@luot/protocol';
import { checkStored } from './booking-race.ts';

const view = (day: string, code: string): BookingView => ({
  siteName: 'Trung tâm',
  fieldName: 'Hộ tịch',
  day,
  start: '08:00',
  code,
  status: 'booked',
  checkInFrom: 0,
  checkInUntil: 0,
  path: `/b/${code}`,
  ticketPath: null,
});
const row = (start: string, code: string, status = 'booked') => ({
  fieldId: 'ho-tich',
  day: '2026-12-01',
  start,
  code,
  status,
});

describe("the booking race's database check", () => {
  it('passes when every accepted booking is stored once and no slot is over capacity', () => {
    const check = checkStored(
      [row('08:00', 'AAAAAA'), row('08:00', 'BBBBBB'), row('08:15', 'CCCCCC')],
      [view('2026-12-01', 'AAAAAA'), view('2026-12-01', 'BBBBBB'), view('2026-12-01', 'CCCCCC')],
      2,
    );
    expect(check).toMatchObject({ ok: true, overCapacity: 0, maxHeld: 2, storedOnce: 3 });
  });

  it('fails on a slot holding more than its capacity', () => {
    const stored = ['AAAAAA', 'BBBBBB', 'CCCCCC'].map((c) => row('08:00', c));
    const check = checkStored(
      stored,
      stored.map((b) => view(b.day, b.code)),
      2,
    );
    expect(check).toMatchObject({ ok: false, overCapacity: 1, maxHeld: 3 });
  });

  it('counts a released booking out of its slot, but not out of what was stored', () => {
    const stored = [
      row('08:00', 'AAAAAA', 'released'),
      row('08:00', 'BBBBBB'),
      row('08:00', 'CCCCCC'),
    ];
    const check = checkStored(
      stored,
      stored.map((b) => view(b.day, b.code)),
      2,
    );
    expect(check).toMatchObject({ ok: true, maxHeld: 2, storedOnce: 3 });
  });

  it('fails when an accepted booking is missing, or a stored one was never told of', () => {
    const missing = checkStored(
      [row('08:00', 'AAAAAA')],
      [view('2026-12-01', 'AAAAAA'), view('2026-12-01', 'BBBBBB')],
      2,
    );
    expect(missing).toMatchObject({ ok: false, missing: 1 });
    const unknown = checkStored(
      [row('08:00', 'AAAAAA'), row('08:15', 'ZZZZZZ')],
      [view('2026-12-01', 'AAAAAA')],
      2,
    );
    expect(unknown).toMatchObject({ ok: false, unknown: 1 });
  });
});
