import { describe, expect, it } from 'vitest';
import { bookingRefusal, checkInRefusal, daysFrom, isPastGrace, slotsOn } from './bookings.ts';
import type { QueueCommand } from './commands.ts';
import type { SiteConfigInput } from './config.ts';
import { at, cmd, DAY, fixtureConfig, fresh, NEXT_DAY, refusal, run } from './test-support.ts';

/** The fixture with bookings on `dat-dai`: 30-minute slots of 2, 6 days ahead, check-in 30' early, 15' grace. */
function withBookings(patch?: (input: SiteConfigInput) => void) {
  return fixtureConfig((input) => {
    input.fields[0]!.online = {
      remote: 'walk-in',
      booking: {
        enabled: true,
        slotMinutes: 30,
        capacity: 2,
        daysAhead: 6,
        earlyMinutes: 30,
        graceMinutes: 15,
      },
    };
    patch?.(input);
  });
}

describe('slotsOn', () => {
  it("cuts each of the day's sessions into slots that end within it", () => {
    const slots = slotsOn(withBookings(), withBookings().fields[0]!, DAY);
    // 07:30–11:30 gives 8 slots, 13:30–17:00 gives 7.
    expect(slots).toHaveLength(15);
    expect(slots[0]).toEqual({ start: '07:30', at: at('07:30'), capacity: 2 });
    expect(slots[7]!.start).toBe('11:00');
    expect(slots[8]!.start).toBe('13:30');
    expect(slots[14]!.start).toBe('16:30');
  });

  it('leaves out a tail shorter than a slot', () => {
    const config = withBookings((input) => {
      input.fields[0]!.online!.booking!.slotMinutes = 45;
    });
    const starts = slotsOn(config, config.fields[0]!, DAY).map((s) => s.start);
    // 07:30, 08:15, 09:00, 09:45, 10:30 (11:15 would end at 12:00, after 11:30).
    expect(starts.slice(0, 5)).toEqual(['07:30', '08:15', '09:00', '09:45', '10:30']);
    expect(starts).not.toContain('11:15');
  });

  it('has none on a Sunday, on a holiday, or for a field that takes no bookings', () => {
    const config = withBookings((input) => {
      input.calendar = { holidays: [{ from: NEXT_DAY, name: 'Nghỉ lễ' }] };
    });
    expect(slotsOn(config, config.fields[0]!, '2025-03-16')).toEqual([]);
    expect(slotsOn(config, config.fields[0]!, NEXT_DAY)).toEqual([]);
    expect(slotsOn(config, config.fields[1]!, DAY)).toEqual([]);
  });
});

describe('bookingRefusal', () => {
  const config = withBookings((input) => {
    input.calendar = { holidays: [{ from: NEXT_DAY, name: 'Nghỉ lễ' }] };
  });
  const ask = (day: string, start: string, now: string, fieldId = 'dat-dai') =>
    bookingRefusal(config, { fieldId, day, start }, at(now))?.code ?? null;

  it('accepts a slot of an open day within the days ahead', () => {
    expect(ask('2025-03-12', '09:00', '10:00')).toBeNull();
    expect(ask(DAY, '10:30', '10:00')).toBeNull();
    // Six days ahead is the last one.
    expect(ask('2025-03-14', '09:00', '10:00')).toBeNull();
  });

  it('refuses each wrong request with its own reason', () => {
    expect(ask(DAY, '09:00', '10:00', 'ho-tich')).toBe('NOT_OFFERED');
    expect(ask(DAY, '09:00', '10:00', 'khong-co')).toBe('NOT_FOUND');
    expect(ask(NEXT_DAY, '09:00', '10:00')).toBe('CLOSED_DAY');
    expect(ask('2025-03-16', '09:00', '10:00')).toBe('CLOSED_DAY');
    expect(ask('2025-03-17', '09:00', '10:00')).toBe('TOO_EARLY');
    expect(ask(DAY, '09:15', '08:00')).toBe('NOT_FOUND');
    expect(ask(DAY, '10:00', '10:00')).toBe('TOO_LATE');
    expect(ask('2025-03-07', '09:00', '10:00')).toBe('TOO_LATE');
  });

  it('counts days ahead in local days, across a month end', () => {
    expect(daysFrom('2025-02-27', '2025-03-01')).toBe(2);
    expect(daysFrom(DAY, DAY)).toBe(0);
    expect(daysFrom(NEXT_DAY, DAY)).toBe(-1);
    // 23:30 local on DAY is still DAY (not the next UTC day's arithmetic).
    expect(ask('2025-03-16', '09:00', '2025-03-10 23:30')).toBe('CLOSED_DAY');
    expect(ask('2025-03-17', '09:00', '2025-03-11 00:10')).toBeNull();
  });
});

describe('checkInRefusal and isPastGrace', () => {
  const config = withBookings();
  const booking = {
    siteId: 'xa-a',
    fieldId: 'dat-dai',
    slotAt: at('09:00'),
    status: 'booked' as const,
  };
  const checkIn = (now: string, b: Partial<typeof booking> | { status: string } = {}) =>
    checkInRefusal(config, { ...booking, ...b } as typeof booking, 'xa-a', at(now))?.code ?? null;

  it('opens check-in earlyMinutes before the slot and closes it graceMinutes after', () => {
    expect(checkIn('08:29')).toBe('TOO_EARLY');
    expect(checkIn('08:30')).toBeNull();
    expect(checkIn('09:15')).toBeNull();
    expect(checkIn('09:16')).toBe('TOO_LATE');
  });

  it('refuses another site, a used, a released and a cancelled booking', () => {
    expect(checkInRefusal(config, booking, 'xa-b', at('09:00'))?.code).toBe('WRONG_SITE');
    expect(checkIn('09:00', { status: 'checked_in' })).toBe('INVALID_STATE');
    expect(checkIn('09:00', { status: 'released' })).toBe('TOO_LATE');
    expect(checkIn('09:00', { status: 'cancelled' })).toBe('TOO_LATE');
  });

  it('releases a booked slot only once its grace is over', () => {
    expect(isPastGrace(config, booking, at('09:15'))).toBe(false);
    expect(isPastGrace(config, booking, at('09:16'))).toBe(true);
    expect(isPastGrace(config, { ...booking, status: 'checked_in' }, at('12:00'))).toBe(false);
  });
});

describe('issuing a booked ticket', () => {
  const issue = (extra: { origin?: 'booking'; slotAt?: number }): QueueCommand => ({
    type: 'issue',
    fieldId: 'dat-dai',
    priorityClassId: null,
    ...extra,
  });
  const booked = (slot: string) => issue({ origin: 'booking', slotAt: at(slot) });

  it('is issued before the session opens (check-in opens early), a walk-in is not', () => {
    const { state, last } = run([booked('07:30')], '07:05', fresh(withBookings()));
    expect(last[0]).toMatchObject({
      type: 'ticket.issued',
      ticket: { origin: 'booking', slotAt: at('07:30') },
    });
    expect(Object.keys(state.tickets)).toHaveLength(1);
    expect(refusal(fresh(withBookings()), cmd.issue('dat-dai'), '07:05').code).toBe(
      'OUTSIDE_HOURS',
    );
  });

  it("is issued past the field's daily limit, which still stops walk-ins", () => {
    const config = withBookings((input) => {
      input.fields[0]!.dailyLimit = 1;
    });
    const { state } = run([cmd.issue('dat-dai')], '08:00', fresh(config));
    expect(refusal(state, cmd.issue('dat-dai'), '08:10').code).toBe('SOLD_OUT');
    const after = run([booked('08:30')], '08:10', state);
    expect(Object.values(after.state.tickets).map((t) => t.label)).toEqual(['1001', '1002']);
  });

  it('still needs its slot, and only a booking has one', () => {
    const state = fresh(withBookings());
    expect(refusal(state, issue({ origin: 'booking' }), '08:00').code).toBe('INVALID_ARGUMENT');
    expect(refusal(state, issue({ slotAt: at('08:00') }), '08:00').code).toBe('INVALID_ARGUMENT');
  });

  it('is called at its slot ahead of walk-ins who came first, at most bookingMaxStreak in a row', () => {
    const config = withBookings((input) => {
      input.citizens = { bookingMaxStreak: 2 };
    });
    const { state } = run(
      [
        cmd.issue('dat-dai'),
        cmd.issue('dat-dai'),
        booked('08:30'),
        booked('08:30'),
        booked('08:30'),
        cmd.open('quay-1'),
      ],
      '08:20',
      fresh(config),
    );
    const calls = run(
      [
        cmd.callNext('quay-1'),
        cmd.start('quay-1'),
        cmd.finish('quay-1'),
        cmd.callNext('quay-1'),
        cmd.start('quay-1'),
        cmd.finish('quay-1'),
        cmd.callNext('quay-1'),
      ],
      '08:31',
      state,
    );
    const called = calls.events
      .filter((e) => e.type === 'ticket.called')
      .map((e) => state.tickets[(e as { ticketId: string }).ticketId]!);
    expect(called.map((t) => t.origin ?? 'walk-in')).toEqual(['booking', 'booking', 'walk-in']);
  });
});
