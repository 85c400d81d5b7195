import { describe, expect, it } from 'vitest';
import type { Ack } from '@luot/protocol';
import { createUnansweredIssues, newRequestId } from './unanswered-issues.ts';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

const ok: Ack<unknown> = { ok: true, data: { ticketId: null } };
const offline: Ack<unknown> = { ok: false, error: { code: 'UNAVAILABLE', message: 'x' } };
const called: Ack<unknown> = { ok: false, error: { code: 'INVALID_STATE', message: 'x' } };

describe('issue requests whose answer was lost', () => {
  it('takes each back once the hub answers, and keeps those it could not ask about', async () => {
    const storage = memoryStorage();
    const pending = createUnansweredIssues(storage);
    pending.add('aaaaaaaa1');
    pending.add('bbbbbbbb2');
    pending.add('cccccccc3');
    const asked: string[] = [];
    const answers: Record<string, Ack<unknown>> = {
      aaaaaaaa1: ok,
      bbbbbbbb2: offline,
      cccccccc3: called,
    };
    await pending.settle(async (id) => {
      asked.push(id);
      return answers[id]!;
    });
    expect(asked).toEqual(['aaaaaaaa1', 'bbbbbbbb2', 'cccccccc3']);
    // A restarted kiosk reads the same storage: only the unasked one is left.
    expect(createUnansweredIssues(storage).list()).toEqual(['bbbbbbbb2']);
  });

  it('makes request ids the hub accepts', () => {
    const id = newRequestId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newRequestId()).not.toBe(id);
  });
});
