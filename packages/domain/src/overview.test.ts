import { describe, expect, it } from 'vitest';
import { siteConfigSchema } from './config.ts';
import { newSiteConfig, siteOverview, worstFirst, NEW_SITE_FIELD_NAME } from './overview.ts';
import { initialState } from './state.ts';
import { at, cmd, DAY, fixtureConfig, fixtureInput, fresh, run } from './test-support.ts';

const MIN = 60_000;

describe('a site in the province overview', () => {
  it('counts counters open and paused, people waiting and the longest wait of any field', () => {
    // dat-dai targets 30 min by default; ho-tich 10 min here.
    const config = fixtureConfig((c) => {
      c.fields[1]!.targetWaitMinutes = 10;
      c.fields[1]!.code = 'HT';
    });
    const { state } = run(
      [cmd.open('quay-1'), cmd.open('quay-2'), cmd.issue('dat-dai'), cmd.issue('ho-tich')],
      '08:00',
      fresh(config),
    );
    // 1001 waits since 08:02, A001 since 08:03. At 08:15: 13 min (of 30) and 12 min (of 10).
    const o = siteOverview(state, at('08:15'));
    expect(o).toMatchObject({
      name: config.site.name,
      day: DAY,
      counters: 3,
      openCounters: 2,
      pausedCounters: 0,
      waiting: 2,
      servedToday: 0,
      longestWaitMs: 13 * MIN,
      level: 'alarm',
    });
    // The share that sorts is the worst against its own target, not the longest wait's.
    expect(o.longestWaitShare).toBeCloseTo(12 / 10);
    expect(o.alarms).toEqual([
      expect.objectContaining({ kind: 'waitOverTarget', fieldId: 'ho-tich' }),
    ]);
    expect(o.fields.map((f) => [f.id, f.code, f.waiting, f.level])).toEqual([
      ['dat-dai', null, 1, 'ok'],
      ['ho-tich', 'HT', 1, 'alarm'],
      ['kinh-doanh', null, 0, 'ok'],
    ]);
  });

  it('raises the dashboard alarm of a called ticket not started', () => {
    const { state } = run([cmd.open('quay-3'), cmd.issue('kinh-doanh'), cmd.callNext('quay-3')]);
    // Called at 08:02; the default limit is 5 minutes.
    expect(siteOverview(state, at('08:07')).alarms).toEqual([]);
    const late = siteOverview(state, at('08:08'));
    expect(late.alarms).toEqual([
      expect.objectContaining({ kind: 'calledNotStarted', counterId: 'quay-3' }),
    ]);
    expect(late.level).toBe('alarm');
    expect(late.waiting).toBe(0);
  });

  it('shows a quiet site as ok with nobody waiting', () => {
    const o = siteOverview(fresh(), at('08:00'));
    expect(o).toMatchObject({ waiting: 0, longestWaitMs: null, longestWaitShare: null });
    expect(o.level).toBe('ok');
    expect(o.openCounters).toBe(0);
  });
});

describe('worst first', () => {
  const line = (
    name: string,
    alarms: number,
    level: 'ok' | 'warn' | 'alarm',
    share: number | null,
    waiting: number,
  ) => ({
    name,
    alarms: Array.from({ length: alarms }, () => ({}) as never),
    level,
    longestWaitShare: share,
    waiting,
  });

  it('puts more alarms first, then a worse level, a wait further past target, more waiting, then by name', () => {
    const sites = [
      line('Xã Bình An', 0, 'ok', null, 0),
      line('Xã An Phú', 0, 'ok', null, 0),
      line('Phường 1', 0, 'warn', 0.9, 3),
      line('Phường 2', 0, 'ok', 0.5, 9),
      line('Phường 3', 0, 'ok', 0.5, 12),
      line('Trung tâm', 2, 'alarm', 1.5, 4),
      line('Xã Đông', 1, 'alarm', 3, 40),
    ];
    expect([...sites].sort(worstFirst).map((s) => s.name)).toEqual([
      'Trung tâm',
      'Xã Đông',
      'Phường 1',
      'Phường 3',
      'Phường 2',
      'Xã An Phú',
      'Xã Bình An',
    ]);
  });
});

describe('a new site', () => {
  it('starts with one field "Tiếp nhận hồ sơ", two counters and the usual hours, and is valid', () => {
    const config = newSiteConfig({ name: 'Xã Tân Phú', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(siteConfigSchema.parse(config)).toEqual(config);
    expect(config.site).toMatchObject({ name: 'Xã Tân Phú', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(config.fields.map((f) => f.name)).toEqual([NEW_SITE_FIELD_NAME]);
    expect(config.fields[0]!.sessions).toEqual([
      { from: '07:30', to: '11:30' },
      { from: '13:30', to: '17:00' },
    ]);
    expect(config.counters.map((c) => [c.number, c.name, c.fieldIds])).toEqual([
      [1, 'Quầy 1', ['tiep-nhan']],
      [2, 'Quầy 2', ['tiep-nhan']],
    ]);
    expect(config.calendar.workingDays).toEqual([1, 2, 3, 4, 5]);
    // It issues numbers on its first Monday morning.
    const { state } = run([cmd.issue('tiep-nhan')], '08:00', initialState(config, DAY));
    expect(Object.values(state.tickets).map((t) => t.label)).toEqual(['1001']);
  });

  it('refuses a time zone that does not exist', () => {
    expect(() => newSiteConfig({ name: 'Xã A', timeZone: 'Asia/Hanoi-ish' })).toThrow();
  });
});

describe("a field's catalogue code", () => {
  it('is optional, so every configuration written before it still parses', () => {
    expect(() => fixtureConfig()).not.toThrow();
    expect(fixtureConfig().fields.every((f) => f.code === undefined)).toBe(true);
  });

  it('is short capital letters and digits', () => {
    const withCode = (code: string) =>
      siteConfigSchema.safeParse(
        fixtureInput((c) => {
          c.fields[0]!.code = code;
        }),
      ).success;
    expect(withCode('HT')).toBe(true);
    expect(withCode('DD2')).toBe(true);
    expect(withCode('ht')).toBe(false);
    expect(withCode('')).toBe(false);
    expect(withCode('2HT')).toBe(false);
    expect(withCode('ABCDEFGHIJK')).toBe(false);
  });
});
