import { describe, expect, it } from 'vitest';
import { siteConfigSchema, zonedInstant } from '@luot/domain';
import { closedLineVi } from './reopening.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const config = siteConfigSchema.parse({
  site: { name: 'Trung tâm', timeZone: TZ },
  fields: [
    {
      id: 'dat-dai',
      name: 'Đất đai',
      numbering: { start: 1, digits: 3 },
      sessions: [
        { from: '07:30', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ],
    },
  ],
  counters: [{ id: 'q1', number: 1, name: 'Quầy 1', fieldIds: ['dat-dai'] }],
  calendar: {
    holidays: [
      { from: '2027-09-01', to: '2027-09-02', name: 'Quốc khánh' },
      { from: '2027-02-05', to: '2027-02-12', name: 'Tết Nguyên đán' },
    ],
  },
});
const at = (day: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedInstant(day, h! * 60 + m!, TZ);
};

describe('when issuing reopens, in Vietnamese', () => {
  it('says the time later today', () => {
    expect(closedLineVi(config, 'dat-dai', at('2027-03-10', '12:00'))).toBe('Mở lại lúc 13:30');
  });

  it('says the weekday after a weekend', () => {
    // Friday 12 March 2027, evening.
    expect(closedLineVi(config, 'dat-dai', at('2027-03-12', '17:30'))).toBe('Mở lại thứ Hai 07:30');
  });

  it('names the holiday on a holiday', () => {
    // Wednesday 1 and Thursday 2 September 2027: reopens Friday.
    expect(closedLineVi(config, 'dat-dai', at('2027-09-01', '09:00'))).toBe(
      'Nghỉ lễ Quốc khánh — Mở lại thứ Sáu 07:30',
    );
  });

  it('gives the date of a day more than a week away', () => {
    // Tết: Friday 5 to Friday 12 February 2027; reopens Monday 15/02.
    expect(closedLineVi(config, 'dat-dai', at('2027-02-05', '09:00'))).toBe(
      'Nghỉ lễ Tết Nguyên đán — Mở lại thứ Hai 15/02 07:30',
    );
  });
});
