// A hub node as the pg tests and the pg-turns bench model it: a view of one site caught up
// through `Store.turn`, issuing tickets from it. Imported by tests and benchmarks only.
import { siteConfigSchema, type QueueEvent, type SiteConfig, type Ticket } from '@luot/domain';
import type { Store, StoredCommand, StoredEvent } from '../src/store.ts';

/** A small site's configuration for the pg tests: one field, two counters. */
export function oneFieldConfig(name: string): SiteConfig {
  return siteConfigSchema.parse({
    site: { name, timeZone: 'Asia/Ho_Chi_Minh' },
    fields: [
      {
        id: 'ho-tich',
        name: 'Tư pháp – Hộ tịch',
        numbering: { start: 1, digits: 3 },
        sessions: [{ from: '07:30', to: '17:00' }],
      },
    ],
    counters: [
      { id: 'c1', number: 1, name: 'Quầy 1', fieldIds: ['ho-tich'] },
      { id: 'c2', number: 2, name: 'Quầy 2', fieldIds: ['ho-tich'] },
    ],
  });
}

const DAY = '2026-11-23';
const T0 = Date.parse('2026-11-23T02:00:00Z');

/** A kiosk's issue of ticket `number`: one event and its ticket row. */
export function issueCommand(id: string, number: number, actor: string): StoredCommand {
  const ticket: Ticket = {
    id,
    day: DAY,
    fieldId: 'ho-tich',
    originalFieldId: 'ho-tich',
    number,
    label: String(number).padStart(3, '0'),
    priorityClassId: null,
    status: 'waiting',
    issuedAt: T0 + number,
    issueSeq: number,
    waitingSince: T0 + number,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    counterId: null,
    clerkId: null,
    assignedCounterId: null,
    callCount: 0,
    transferCount: 0,
    rating: null,
  };
  const event: QueueEvent = { type: 'ticket.issued', at: ticket.issuedAt, day: DAY, ticket };
  return {
    events: [event],
    ctx: { actor },
    rows: [{ kind: 'ticket.insert', ticket, tokenHash: null, issuedBy: actor, requestKey: null }],
  };
}

/**
 * What one hub node knows of one site for these tests: the last sequence number it saw and the
 * last ticket number. It issues through `turn`, deciding from its caught-up view, the way the
 * hub's queue service does, and checks that what it is handed has no gap.
 */
export function createTestNode(name: string, store: Store) {
  let seq = 0;
  let number = 0;
  let made = 0;
  const gaps: string[] = [];
  /** How many events other nodes stored that this node was handed before deciding. */
  const handed = { count: 0 };
  const learn = (events: StoredEvent[]) => {
    for (const { seq: s, event } of events) {
      if (s !== seq + 1) gaps.push(`${name}: expected ${seq + 1}, was handed ${s}`);
      seq = s;
      if (event.type === 'ticket.issued') number = Math.max(number, event.ticket.number);
    }
  };
  return {
    gaps,
    handed,
    /** Issues `count` tickets in one turn (one transaction); resolves with their numbers. */
    async issue(count = 1): Promise<{ numbers: number[]; seqs: number[][] }> {
      const numbers: number[] = [];
      let commands: StoredCommand[] = [];
      const seqs = await store.turn!(seq, async (missed) => {
        handed.count += missed.length;
        learn(missed);
        numbers.length = 0;
        commands = [];
        for (let i = 1; i <= count; i++) {
          numbers.push(number + i);
          commands.push(issueCommand(`${name}-${++made}`, number + i, `node:${name}`));
        }
        return commands;
      });
      learn(seqs.flat().map((s, i) => ({ seq: s, event: commands[i]!.events[0]! })));
      return { numbers, seqs };
    },
    /** Catches up from the store (after a failure whose outcome it does not know). */
    async catchUp() {
      learn(await store.eventsAfter(seq));
    },
  };
}
