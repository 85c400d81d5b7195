import { describe, expect, it } from 'vitest';
import { DEFAULT_END_OF_DAY_TEXT, siteConfigSchema } from './config.ts';
import { endOfDayMessageFor, lastSessionEnd, serviceOver } from './end-of-day.ts';
import { at, cmd, fixtureConfig, fixtureInput, fresh, NEXT_DAY, run } from './test-support.ts';

// The fixture's fields all run 07:30–11:30 and 13:30–17:00.
describe('serviceOver', () => {
  const quiet = fresh();

  it.each([
    ['07:00', false],
    ['12:00', false], // lunch: the afternoon session is still to come
    ['16:59', false],
    ['17:00', true],
    ['17:30', true],
    ['23:59', true],
  ])('with every counter closed, at %s: %s', (time, over) => {
    expect(serviceOver(quiet, at(time))).toBe(over);
  });

  it('is not over while a counter is open or paused after the last session', () => {
    const open = run([cmd.open('quay-3')], '16:00').state;
    expect(serviceOver(open, at('17:30'))).toBe(false);
    const paused = run([cmd.pause('quay-3')], '16:30', open).state;
    expect(serviceOver(paused, at('17:30'))).toBe(false);
    const closed = run([cmd.resume('quay-3'), cmd.close('quay-3')], '17:10', paused).state;
    expect(serviceOver(closed, at('17:30'))).toBe(true);
  });

  it('waits for the field whose last session ends latest', () => {
    const config = fixtureConfig((input) => {
      input.fields[2]!.sessions = [{ from: '13:00', to: '19:00' }];
    });
    expect(lastSessionEnd(config, '2025-03-10')).toBe(19 * 60);
    expect(serviceOver(fresh(config), at('18:30'))).toBe(false);
    expect(serviceOver(fresh(config), at('19:00'))).toBe(true);
  });

  it('follows the calendar: a holiday has no session, a short weekday ends early', () => {
    const holiday = fixtureConfig((input) => {
      input.calendar = { holidays: [{ from: '2025-03-10', name: 'Giỗ Tổ Hùng Vương' }] };
    });
    expect(serviceOver(fresh(holiday), at('09:00'))).toBe(true);
    // 2025-03-10 is a Monday, given 07:30–11:30 only.
    const morning = fixtureConfig((input) => {
      input.calendar = {
        weekdaySessions: [{ weekday: 1, sessions: [{ from: '07:30', to: '11:30' }] }],
      };
    });
    expect(serviceOver(fresh(morning), at('11:45'))).toBe(true);
    expect(serviceOver(fresh(morning), at('11:15'))).toBe(false);
  });

  it('is over past midnight before the day is rolled over', () => {
    expect(serviceOver(quiet, at(`${NEXT_DAY} 00:00`))).toBe(true);
  });
});

describe('endOfDayMessageFor', () => {
  const { state } = run([cmd.issue('dat-dai'), cmd.issue('dat-dai')], '16:00');

  it('gives the site text to tickets that still wait, once service is over', () => {
    expect(endOfDayMessageFor(state, 'waiting', at('17:30'))).toBe(DEFAULT_END_OF_DAY_TEXT);
    expect(endOfDayMessageFor(state, 'no_show', at('17:30'))).toBe(DEFAULT_END_OF_DAY_TEXT);
  });

  it('gives nothing before the end, or to tickets no longer waiting', () => {
    expect(endOfDayMessageFor(state, 'waiting', at('16:30'))).toBeNull();
    for (const status of ['called', 'serving', 'done', 'expired', 'cancelled'] as const)
      expect(endOfDayMessageFor(state, status, at('17:30'))).toBeNull();
  });

  it('uses the configured text, and refuses an empty one', () => {
    const text = 'Hết giờ. Mời quý khách quay lại sáng mai.';
    const config = fixtureConfig((input) => {
      input.texts = { endOfDay: text };
    });
    expect(endOfDayMessageFor(fresh(config), 'waiting', at('17:30'))).toBe(text);
    const empty = fixtureInput((input) => {
      input.texts = { endOfDay: '  ' };
    });
    expect(siteConfigSchema.safeParse(empty).success).toBe(false);
  });

  it('has a default that speaks to the citizen as "quý khách"', () => {
    expect(DEFAULT_END_OF_DAY_TEXT).toContain('quý khách');
    expect(DEFAULT_END_OF_DAY_TEXT.toLowerCase()).not.toContain('bạn');
  });
});
