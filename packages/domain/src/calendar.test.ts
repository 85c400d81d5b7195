import { describe, expect, it } from 'vitest';
import { isWorkingDay, nextOpening, pastCalendarAdditions, sessionsOn } from './calendar.ts';
import { siteConfigSchema, type SiteConfigInput } from './config.ts';
import { fieldAvailability } from './selectors.ts';
import { initialState } from './state.ts';
import { at, attempt, fixtureConfig, fixtureInput, fresh, refusal } from './test-support.ts';

// DAY (2025-03-10) is a Monday; 2025-03-15/16 are Saturday and Sunday.
const QUOC_KHANH = { from: '2025-09-01', to: '2025-09-02', name: 'Quốc khánh' };
const withCalendar = (calendar: SiteConfigInput['calendar']) =>
  fixtureConfig((c) => void (c.calendar = calendar));
const issue = { type: 'issue', fieldId: 'dat-dai', priorityClassId: null } as const;

describe('working days', () => {
  it('keeps every existing configuration valid, working Monday to Friday', () => {
    const config = fixtureConfig();
    expect(config.calendar).toEqual({
      workingDays: [1, 2, 3, 4, 5],
      weekdaySessions: [],
      holidays: [],
      specialDays: [],
    });
    expect(isWorkingDay(config, '2025-03-14')).toBe(true);
    expect(isWorkingDay(config, '2025-03-15')).toBe(false);
  });

  it('refuses a number on Sunday at 09:00, which the old rules issued', () => {
    const sunday = initialState(fixtureConfig(), '2025-03-16');
    expect(fieldAvailability(sunday, 'dat-dai', at('2025-03-16 09:00'))).toBe('OUTSIDE_HOURS');
    expect(fieldAvailability(fresh(), 'dat-dai', at('09:00'))).toBe('open');
  });

  it('refuses a number on a holiday, in every field', () => {
    const config = withCalendar({ holidays: [{ from: '2025-03-10', name: 'Giỗ Tổ' }] });
    const state = fresh(config);
    expect(refusal(state, issue, '09:00').code).toBe('OUTSIDE_HOURS');
    expect(isWorkingDay(config, '2025-03-10')).toBe(false);
  });

  it('opens a special Saturday, with its own sessions and only its fields', () => {
    const config = withCalendar({
      specialDays: [
        {
          date: '2025-03-15',
          name: 'Giải quyết hồ sơ đất đai',
          sessions: [{ from: '07:30', to: '11:30' }],
          fieldIds: ['dat-dai'],
        },
      ],
    });
    const saturday = initialState(config, '2025-03-15');
    expect(fieldAvailability(saturday, 'dat-dai', at('2025-03-15 09:00'))).toBe('open');
    expect(fieldAvailability(saturday, 'dat-dai', at('2025-03-15 14:00'))).toBe('OUTSIDE_HOURS');
    expect(fieldAvailability(saturday, 'ho-tich', at('2025-03-15 09:00'))).toBe('OUTSIDE_HOURS');
    const datDai = config.fields[0]!;
    expect(sessionsOn(config, datDai, '2025-03-15')).toEqual([{ from: '07:30', to: '11:30' }]);
    expect(isWorkingDay(config, '2025-03-15', 'ho-tich')).toBe(false);
  });

  it('works Saturday mornings only, with the weekday’s own sessions for every field', () => {
    const config = withCalendar({
      workingDays: [1, 2, 3, 4, 5, 6],
      weekdaySessions: [{ weekday: 6, sessions: [{ from: '07:30', to: '11:30' }] }],
    });
    const saturday = initialState(config, '2025-03-15');
    expect(fieldAvailability(saturday, 'ho-tich', at('2025-03-15 09:00'))).toBe('open');
    expect(fieldAvailability(saturday, 'ho-tich', at('2025-03-15 14:00'))).toBe('OUTSIDE_HOURS');
    expect(fieldAvailability(fresh(config), 'ho-tich', at('14:00'))).toBe('open');
    // Saturday afternoon: the week reopens on Monday.
    expect(nextOpening(config, 'ho-tich', at('2025-03-15 12:00'))).toMatchObject({
      day: '2025-03-17',
      time: '07:30',
    });
  });

  it('gives a special day without sessions the fields’ usual ones', () => {
    const config = withCalendar({ specialDays: [{ date: '2025-03-15' }] });
    const saturday = initialState(config, '2025-03-15');
    expect(fieldAvailability(saturday, 'ho-tich', at('2025-03-15 14:00'))).toBe('open');
  });
});

describe('nextOpening', () => {
  const opening = (config = fixtureConfig(), time: string) =>
    nextOpening(config, 'dat-dai', at(time));

  it('is later today between the sessions', () => {
    expect(opening(undefined, '12:00')).toEqual({
      at: at('13:30'),
      day: '2025-03-10',
      time: '13:30',
    });
  });

  it('skips the weekend: Friday evening opens Monday 07:30', () => {
    expect(opening(undefined, '2025-03-14 18:00')).toMatchObject({
      day: '2025-03-17',
      time: '07:30',
    });
    expect(opening(undefined, '2025-03-16 09:00')?.at).toBe(at('2025-03-17 07:30'));
  });

  it('skips a holiday across a weekend', () => {
    // Monday 1 September 2025 and Tuesday the 2nd: the week reopens on Wednesday.
    const config = withCalendar({ holidays: [QUOC_KHANH] });
    expect(opening(config, '2025-08-29 17:30')).toMatchObject({ day: '2025-09-03', time: '07:30' });
  });

  it('opens on a special day at its own first session', () => {
    const config = withCalendar({
      specialDays: [{ date: '2025-03-15', sessions: [{ from: '08:00', to: '11:00' }] }],
    });
    expect(opening(config, '2025-03-14 18:00')).toMatchObject({ day: '2025-03-15', time: '08:00' });
  });

  it('is null for an unknown field', () => {
    expect(nextOpening(fixtureConfig(), 'thue', at('12:00'))).toBeNull();
  });
});

describe('bad calendars', () => {
  const problems = (calendar: SiteConfigInput['calendar']) => {
    const r = siteConfigSchema.safeParse(fixtureInput((c) => void (c.calendar = calendar)));
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it.each([
    ['no working day at all', { workingDays: [] }, 'the calendar leaves no working day'],
    [
      'a special day that is also a holiday',
      { holidays: [QUOC_KHANH], specialDays: [{ date: '2025-09-02' }] },
      'special day 2025-09-02 falls on holiday "Quốc khánh"',
    ],
    [
      'two holidays on one date',
      { holidays: [QUOC_KHANH, { from: '2025-09-02', name: 'Nghỉ bù' }] },
      'holidays "Quốc khánh" and "Nghỉ bù" share the date 2025-09-02',
    ],
    [
      'a special day twice',
      { specialDays: [{ date: '2025-03-15' }, { date: '2025-03-15' }] },
      'special day 2025-03-15 is listed twice',
    ],
    [
      'a date that does not exist',
      { holidays: [{ from: '2025-02-29', name: 'X' }] },
      'a real date',
    ],
    [
      'a holiday that ends before it starts',
      { holidays: [{ from: '2025-05-01', to: '2025-04-30', name: 'Lễ' }] },
      'holiday "Lễ" ends before it starts',
    ],
    [
      'own sessions for a weekday that is not worked',
      { weekdaySessions: [{ weekday: 6, sessions: [{ from: '07:30', to: '11:30' }] }] },
      'weekday 6 has its own sessions but is not a working day',
    ],
    [
      'a special day for an unknown field',
      { specialDays: [{ date: '2025-03-15', fieldIds: ['thue'] }] },
      'special day 2025-03-15 opens unknown field "thue"',
    ],
  ])('refuses %s', (_name, calendar, message) => {
    expect(problems(calendar).join('\n')).toContain(message);
  });

  it('accepts a calendar with only special days', () => {
    expect(problems({ workingDays: [], specialDays: [{ date: '2025-03-15' }] })).toEqual([]);
  });
});

describe('a holiday in the past', () => {
  const update = (calendar: SiteConfigInput['calendar']) => ({
    type: 'updateConfig' as const,
    config: withCalendar(calendar),
  });

  it('is refused when added, changing nothing', () => {
    const error = refusal(
      fresh(),
      update({ holidays: [{ from: '2025-03-09', name: 'Hôm qua' }] }),
      '09:00',
    );
    expect(error).toEqual({
      code: 'INVALID_CONFIG',
      detail: 'holiday "Hôm qua" on 2025-03-09 is in the past',
    });
  });

  it('is accepted for today and later, and kept once it has passed', () => {
    const old = withCalendar({ holidays: [{ from: '2025-01-01', name: 'Tết Dương lịch' }] });
    expect(pastCalendarAdditions(old, old, '2025-03-10')).toEqual([]);
    const today = update({ holidays: [{ from: '2025-03-10', name: 'Hôm nay' }] });
    expect(attempt(fresh(), today, '09:00').ok).toBe(true);
  });

  it('refuses a special day added in the past', () => {
    const error = refusal(fresh(), update({ specialDays: [{ date: '2025-03-08' }] }), '09:00');
    expect(error.detail).toBe('special day 2025-03-08 is in the past');
  });
});
