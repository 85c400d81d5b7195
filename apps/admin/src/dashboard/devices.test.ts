import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '@luot/protocol';
import { deviceLevel, sortDevices } from './devices.ts';

const device = (name: string, over: Partial<DeviceStatus> = {}): DeviceStatus => ({
  deviceId: name,
  kind: 'display',
  name,
  online: true,
  lastSeenAt: 1,
  printer: null,
  ...over,
});

describe('the device panel', () => {
  it('sorts names as people count: 1, 2, 10, 11', () => {
    const names = ['Màn hình 10', 'Màn hình 2', 'Màn hình 11', 'Màn hình 1'];
    expect(sortDevices(names.map((n) => device(n))).map((d) => d.name)).toEqual([
      'Màn hình 1',
      'Màn hình 2',
      'Màn hình 10',
      'Màn hình 11',
    ]);
  });

  it('sorts by kind first', () => {
    const list = [device('Quầy 1', { kind: 'rating' }), device('Máy 2', { kind: 'kiosk' })];
    expect(sortDevices(list).map((d) => d.kind)).toEqual(['kiosk', 'rating']);
  });

  it('shows a device never connected as neutral, one that went away as an alarm', () => {
    expect(deviceLevel(device('A', { online: false, lastSeenAt: null }))).toBe('never');
    expect(deviceLevel(device('A', { online: false, lastSeenAt: 5 }))).toBe('alarm');
    expect(deviceLevel(device('A'))).toBe('ok');
  });
});
