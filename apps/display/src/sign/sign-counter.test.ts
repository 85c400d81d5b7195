import { describe, expect, it } from 'vitest';
import type { Identity } from '@luot/protocol';
import { config } from '../test-fixture.ts';
import { readCounterParam, signCounter } from './sign-counter.ts';

const display = (counterId: string | null): Identity => ({
  role: 'display',
  siteId: 'trung-tam',
  deviceId: 'sign-x',
  name: 'Màn hình quầy',
  counterId,
  speaks: false,
});

describe('which counter a sign shows', () => {
  it('shows the counter its device is paired with, whatever the address says', () => {
    const shown = signCounter(config, display('q2'), 'q1');
    expect(shown.kind === 'counter' && shown.counter.id).toBe('q2');
  });

  it('lets an unbound display name a counter by id or number', () => {
    const byId = signCounter(config, display(null), 'q12');
    const byNumber = signCounter(config, display(null), '12');
    expect(byId.kind === 'counter' && byId.counter.number).toBe(12);
    expect(byNumber.kind === 'counter' && byNumber.counter.id).toBe('q12');
  });

  it('says when no counter is named, or the name is unknown', () => {
    expect(signCounter(config, display(null), null)).toEqual({ kind: 'none' });
    expect(signCounter(config, display(null), 'q9')).toEqual({ kind: 'unknown', id: 'q9' });
  });

  it('keeps ?counter= for a sign that restarts on the bare address', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    };
    expect(readCounterParam('?counter=q2', storage)).toBe('q2');
    expect(readCounterParam('', storage)).toBe('q2');
    expect(readCounterParam('', null)).toBeNull();
  });
});
