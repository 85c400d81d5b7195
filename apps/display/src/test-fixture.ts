// A small centre for the display's unit tests, driven through the real domain rules.
// Imported by tests only.
import {
  decide,
  initialState,
  siteConfigSchema,
  type QueueCommand,
  type QueueEvent,
  type QueueState,
} from '@luot/domain';
import type { SequencedEvent } from '@luot/protocol';

/** 09:00 on Monday 2026-11-23 in Hà Nội. */
export const NINE = Date.parse('2026-11-23T02:00:00Z');

export const config = siteConfigSchema.parse({
  site: { name: 'Bộ phận Một cửa xã Thử', notice: 'Giữ phiếu.' },
  fields: [
    {
      id: 'ho-tich',
      name: 'Hộ tịch',
      numbering: { start: 1001, digits: 4 },
      sessions: [{ from: '07:30', to: '17:00' }],
      kioskOrder: 2,
    },
    {
      id: 'dat-dai',
      name: 'Đất đai',
      numbering: { prefix: 'A', start: 1, digits: 3 },
      sessions: [{ from: '07:30', to: '17:00' }],
      kioskOrder: 1,
    },
    {
      id: 'xay-dung',
      name: 'Xây dựng',
      numbering: { prefix: 'C', start: 1, digits: 3 },
      sessions: [{ from: '07:30', to: '17:00' }],
      kioskOrder: 3,
    },
  ],
  counters: [
    { id: 'q1', number: 1, name: 'Quầy 1', fieldIds: ['ho-tich'] },
    { id: 'q2', number: 2, name: 'Quầy 2', fieldIds: ['dat-dai'] },
    { id: 'q12', number: 12, name: 'Quầy 12', fieldIds: ['ho-tich', 'dat-dai', 'xay-dung'] },
  ],
});

/** A queue that runs commands through `decide`, a second apart, keeping every event. */
export function centre() {
  let state: QueueState = initialState(config, '2026-11-23', NINE);
  let now = NINE;
  let seq = 0;
  let ids = 0;
  const log: SequencedEvent[] = [];
  return {
    get state() {
      return state;
    },
    /** Runs commands; returns the events they caused, numbered as the hub would. */
    run(...commands: QueueCommand[]): SequencedEvent[] {
      const out: SequencedEvent[] = [];
      for (const command of commands) {
        now += 1000;
        const d = decide(state, command, { now, newId: () => `t${++ids}` });
        if (!d.ok) throw new Error(`${command.type}: ${d.error.code} ${d.error.detail}`);
        state = d.state;
        for (const event of d.events as QueueEvent[]) out.push({ seq: ++seq, event });
      }
      log.push(...out);
      return out;
    },
    get now() {
      return now;
    },
    log,
  };
}

/** Commands of one clerk at one counter. */
export function at(counterId: string, clerkId = `cb-${counterId}`) {
  return {
    open: (): QueueCommand => ({ type: 'openCounter', counterId, clerkId }),
    callNext: (): QueueCommand => ({ type: 'callNext', counterId, clerkId }),
    recall: (): QueueCommand => ({ type: 'recall', counterId, clerkId }),
    start: (): QueueCommand => ({ type: 'start', counterId, clerkId }),
    finish: (): QueueCommand => ({ type: 'finish', counterId, clerkId }),
    pause: (): QueueCommand => ({ type: 'pause', counterId, clerkId, reason: '' }),
  };
}

/** A kiosk command. */
export const issue = (fieldId: string): QueueCommand => ({
  type: 'issue',
  fieldId,
  priorityClassId: null,
});
