import { describe, expect, it } from 'vitest';
import { siteConfigSchema } from '@luot/domain';
import { configIssueVi } from './config-issues.ts';

const base = {
  site: { name: 'Trung tâm' },
  fields: [
    {
      id: 'dat-dai',
      name: 'Đất đai',
      numbering: { start: 1, digits: 3 },
      sessions: [{ from: '07:30', to: '11:30' }],
    },
  ],
  counters: [{ id: 'q1', number: 1, name: 'Quầy 1', fieldIds: ['dat-dai'] }],
};

/** The Vietnamese messages a calendar is refused with. */
function refusals(calendar: unknown): string[] {
  const config = { ...base, calendar };
  const r = siteConfigSchema.safeParse(config);
  return r.success ? [] : r.error.issues.map((i) => configIssueVi(i, config).message);
}

describe('a refused calendar, in Vietnamese', () => {
  it.each([
    [
      { workingDays: [] },
      'Lịch làm việc không còn ngày làm việc nào: hãy chọn ít nhất một thứ trong tuần hoặc một ngày làm việc đặc biệt.',
    ],
    [
      {
        holidays: [{ from: '2027-09-02', name: 'Quốc khánh' }],
        specialDays: [{ date: '2027-09-02' }],
      },
      'Ngày làm việc đặc biệt 02/09/2027 trùng ngày lễ "Quốc khánh".',
    ],
    [
      {
        holidays: [
          { from: '2027-02-05', to: '2027-02-11', name: 'Tết Nguyên đán' },
          { from: '2027-02-10', name: 'Nghỉ bù' },
        ],
      },
      'Ngày lễ "Tết Nguyên đán" và "Nghỉ bù" trùng ngày 10/02/2027.',
    ],
    [
      { specialDays: [{ date: '2027-03-06' }, { date: '2027-03-06' }] },
      'Lịch làm việc › Ngày làm việc đặc biệt: Ngày 06/03/2027 được khai báo hai lần.',
    ],
    [
      { holidays: [{ from: '2027-02-29', name: 'Không có' }] },
      'Lịch làm việc › Ngày lễ thứ 1 › Từ: Ngày không có thật hoặc sai dạng (YYYY-MM-DD).',
    ],
    [
      { weekdaySessions: [{ weekday: 6, sessions: [{ from: '07:30', to: '11:30' }] }] },
      'Thứ Bảy có giờ riêng nhưng không phải ngày làm việc.',
    ],
  ])('%j', (calendar, message) => {
    expect(refusals(calendar)).toContain(message);
  });
});

describe('refused online settings, in Vietnamese', () => {
  const refused = (config: unknown) => {
    const r = siteConfigSchema.safeParse(config);
    return r.success ? [] : r.error.issues.map((i) => configIssueVi(i, config));
  };

  it("names a field's booking setting and the site's citizen limits", () => {
    const field = { ...base.fields[0]!, online: { booking: { enabled: true, slotMinutes: 2 } } };
    const issues = refused({ ...base, fields: [field], citizens: { numbersPerDay: 0 } });
    expect(issues.map((i) => i.message).sort()).toEqual([
      'Công dân trực tuyến › Số lần lấy số mỗi ngày cho một số điện thoại: phải từ 1 trở lên.',
      'Lĩnh vực "Đất đai" › Trực tuyến › Đặt lịch hẹn › Độ dài khung giờ (phút): phải từ 5 trở lên.',
    ]);
  });
});
