import { describe, expect, it } from 'vitest';
import { numberingCapacity, siteConfigSchema, type SiteConfigInput } from './config.ts';
import { fixtureInput } from './test-support.ts';

type Patch = (c: SiteConfigInput) => void;

const datDai = (c: SiteConfigInput) => c.fields[0]!;

const invalid: { name: string; patch: Patch; message: string }[] = [
  {
    name: 'two fields that can print the same number',
    patch: (c) => {
      c.fields[1]!.numbering = { ...datDai(c).numbering };
    },
    message: 'can print the same numbers',
  },
  {
    name: 'a duplicate field id',
    patch: (c) => void c.fields.push({ ...datDai(c), name: 'Đất đai 2' }),
    message: 'field id "dat-dai" is used twice',
  },
  {
    name: 'a duplicate counter id',
    patch: (c) => void c.counters.push({ ...c.counters[0]!, number: 9 }),
    message: 'counter id "quay-1" is used twice',
  },
  {
    name: 'a duplicate counter number',
    patch: (c) => void c.counters.push({ ...c.counters[0]!, id: 'quay-9' }),
    message: 'counter number 1 is used twice',
  },
  {
    name: 'a duplicate priority class',
    patch: (c) => void c.priorityClasses!.push({ id: 'cao-tuoi', name: 'Người già' }),
    message: 'priority class "cao-tuoi" is used twice',
  },
  {
    name: 'a field no counter serves',
    patch: (c) => {
      c.counters = c.counters.filter((k) => k.id !== 'quay-3');
    },
    message: 'field "Đăng ký kinh doanh" has no counter',
  },
  {
    name: 'a counter serving an unknown field',
    patch: (c) => void c.counters[2]!.fieldIds.push('thue'),
    message: 'counter 3 serves unknown field "thue"',
  },
  {
    name: 'overlapping sessions',
    patch: (c) => {
      datDai(c).sessions = [
        { from: '13:30', to: '17:00' },
        { from: '07:30', to: '14:00' },
      ];
    },
    message: 'field "Đất đai" has overlapping sessions',
  },
  {
    name: 'a session that ends before it starts',
    patch: (c) => {
      datDai(c).sessions = [{ from: '11:30', to: '07:30' }];
    },
    message: 'a session must end after it starts',
  },
  {
    name: 'a number format that cannot hold the daily limit',
    patch: (c) => {
      datDai(c).dailyLimit = 9000; // 1001 + 9000 - 1 = 10000 needs 5 digits
    },
    message: 'field "Đất đai": 4 digits from 1001 cannot hold a daily limit of 9000',
  },
  {
    name: 'a first number longer than the format',
    patch: (c) => {
      datDai(c).numbering = { start: 1001, digits: 3 };
    },
    message: 'field "Đất đai" starts at 1001, more than 3 digits hold',
  },
  {
    name: 'a time zone that does not exist',
    patch: (c) => {
      c.site.timeZone = 'Asia/Hanoi';
    },
    message: 'an IANA time zone such as Asia/Ho_Chi_Minh',
  },
  {
    name: 'an offset instead of a time zone',
    patch: (c) => {
      c.site.timeZone = 'UTC+7';
    },
    message: 'an IANA time zone such as Asia/Ho_Chi_Minh',
  },
  {
    name: 'an id with Vietnamese letters',
    patch: (c) => {
      datDai(c).id = 'đất-đai';
    },
    message: 'lowercase letters, digits and dashes',
  },
];

const valid: { name: string; patch: Patch }[] = [
  { name: 'the fixture', patch: () => {} },
  {
    name: 'back-to-back sessions',
    patch: (c) => {
      datDai(c).sessions = [
        { from: '07:30', to: '11:30' },
        { from: '11:30', to: '17:00' },
      ];
    },
  },
  {
    name: 'a daily limit that exactly fills the format',
    patch: (c) => {
      datDai(c).dailyLimit = 8999; // 1001..9999
    },
  },
  {
    name: 'the old name of the time zone',
    patch: (c) => {
      c.site.timeZone = 'Asia/Saigon';
    },
  },
];

describe('siteConfigSchema', () => {
  it.each(invalid)('rejects $name', ({ patch, message }) => {
    const result = siteConfigSchema.safeParse(fixtureInput(patch));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContainEqual(
      expect.stringContaining(message),
    );
  });

  it.each(valid)('accepts $name', ({ patch }) => {
    const result = siteConfigSchema.safeParse(fixtureInput(patch));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('fills the defaults a small centre does not need to write', () => {
    const config = siteConfigSchema.parse({
      site: { name: 'Bộ phận Một cửa xã Thử' },
      fields: [
        {
          id: 'ho-tich',
          name: 'Hộ tịch',
          numbering: { start: 1, digits: 3 },
          sessions: [{ from: '07:30', to: '11:30' }],
        },
      ],
      counters: [{ id: 'quay-1', number: 1, name: 'Quầy 1', fieldIds: ['ho-tich'] }],
    });
    expect(config.site.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(config.counters[0]!.rule).toBe('priority-then-longest-wait');
    expect(config.fields[0]).toMatchObject({ dailyLimit: null, numbering: { prefix: '' } });
    expect(config.ratingScale.map((r) => r.label)).toEqual([
      'Rất hài lòng',
      'Hài lòng',
      'Không hài lòng',
    ]);
    expect(config.texts.announcement).toBe(
      'Mời công dân có số thứ tự {number} đến quầy số {counter}',
    );
  });
});

describe('numberingCapacity', () => {
  it.each([
    { digits: 1, capacity: 9 },
    { digits: 3, capacity: 999 },
    { digits: 4, capacity: 9999 },
  ])('$digits digits hold up to $capacity', ({ digits, capacity }) => {
    expect(numberingCapacity({ numbering: { prefix: '', start: 1, digits } })).toBe(capacity);
  });
});
