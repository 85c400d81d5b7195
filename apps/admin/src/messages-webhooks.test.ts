import { describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '@luot/protocol';
import { EVENT_GROUPS, EVENT_NAMES } from './messages-webhooks.ts';

describe("the webhook form's events", () => {
  it('offers every event the hub sends, each in exactly one group', () => {
    const grouped = EVENT_GROUPS.flatMap((g) => g.events);
    expect([...grouped].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
  });

  it('names each event differently, so no two boxes read alike', () => {
    const names = Object.values(EVENT_NAMES);
    expect(new Set(names).size).toBe(names.length);
  });
});
