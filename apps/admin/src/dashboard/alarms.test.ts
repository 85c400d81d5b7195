import { describe, expect, it } from 'vitest';
import type { DashboardAlarm } from '@luot/domain';
import { newAlarmKeys } from './alarms.ts';

const late = (fieldId: string): DashboardAlarm => ({
  key: `wait:${fieldId}`,
  kind: 'waitOverTarget',
  fieldId,
  fieldName: fieldId,
  waitMs: 11 * 60_000,
  targetMinutes: 10,
});
const calledLong: DashboardAlarm = {
  key: 'called:q1:1001',
  kind: 'calledNotStarted',
  counterId: 'q1',
  counterName: 'Quầy 1',
  ticketLabel: '1001',
  sinceCalledMs: 6 * 60_000,
  limitMinutes: 5,
};

describe('alarm sounds', () => {
  it('sounds once per new alarm: not again while it lasts, again when it comes back', () => {
    expect(newAlarmKeys(new Set(), [late('dat-dai')])).toEqual(['wait:dat-dai']);
    expect(newAlarmKeys(new Set(['wait:dat-dai']), [late('dat-dai')])).toEqual([]);
    expect(newAlarmKeys(new Set(['wait:dat-dai']), [late('dat-dai'), calledLong])).toEqual([
      'called:q1:1001',
    ]);
    // Gone at one look, back at the next: sounds again.
    expect(newAlarmKeys(new Set(), [late('dat-dai')])).toEqual(['wait:dat-dai']);
  });
});
