import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { peopleAhead, type QueueCommand } from '@luot/domain';
import { createFakeClock } from './clock.ts';
import {
  asyncProvince,
  createProvinceStore,
  openDatabase,
  tableDigest,
  type Db,
  type SqliteSite,
} from './db/index.ts';
import { DEFAULT_SITE_ID } from './store.ts';
import { createQueueService, type CommittedBatch, type QueueService } from './queue-service.ts';
import { MONDAY_9AM, testConfig } from '../testing/test-hub.ts';

let dir: string;
let db: Db;
let store: SqliteSite;
let queue: QueueService;
let clock: ReturnType<typeof createFakeClock>;
let groups: number[];
let failNext: boolean;
let batches: CommittedBatch['events'][];

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const issue = (fieldId = 'ho-tich'): QueueCommand => ({
  type: 'issue',
  fieldId,
  priorityClassId: null,
});
const clerk = (type: 'callNext' | 'start' | 'finish', counterId = 'c1'): QueueCommand => ({
  type,
  counterId,
  clerkId: `cb-${counterId}`,
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luot-group-'));
  db = openDatabase(join(dir, 'luot.db'));
  const province = createProvinceStore(db);
  clock = createFakeClock(MONDAY_9AM);
  province.createSite(DEFAULT_SITE_ID, testConfig(3), clock.now());
  store = province.site(DEFAULT_SITE_ID);
  // Count the groups stored, and fail one on demand, as a full disk would.
  groups = [];
  failNext = false;
  const append = store.append;
  store.append = (commands) => {
    groups.push(commands.length);
    if (failNext) {
      failNext = false;
      throw new Error('disk full');
    }
    return append(commands);
  };
  let ids = 0;
  queue = await createQueueService({
    store: asyncProvince(province).site(DEFAULT_SITE_ID),
    clock,
    newId: () => `t${++ids}`,
    log: pino({ level: 'silent' }),
  });
  batches = [];
  queue.onCommit((batch) => batches.push(batch.events));
});

afterEach(async () => {
  await nextTurn();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Submits a command and records when (and whether) its sender would be answered. */
function submit(command: QueueCommand, answers: { label: string; stored: boolean; seq: number }[]) {
  const result = queue.submit(command, { actor: 'test' });
  if (!result.ok) throw new Error(result.error.code);
  const label = result.events.map((e) => e.type).join('+');
  queue.afterDurable((stored) => answers.push({ label, stored, seq: store.lastSeq() }));
  return result;
}

describe('group commit', () => {
  it('stores the commands of one turn in one transaction, in order, and answers only after it', async () => {
    await queue.execute(
      { type: 'openCounter', counterId: 'c1', clerkId: 'cb-c1' },
      { actor: 'test' },
    );
    const seqBefore = store.lastSeq();
    batches = [];
    const answers: { label: string; stored: boolean; seq: number }[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      submit(issue(), answers);
    }
    submit(clerk('callNext'), answers);
    submit(clerk('start'), answers);

    // Decided and visible to the next command at once; stored and answered only at the end of the turn.
    expect(Object.keys(queue.live.tickets)).toHaveLength(5);
    expect(queue.live.counters.c1!.currentTicketId).toBe('t1');
    expect(answers).toEqual([]);
    expect(store.lastSeq()).toBe(seqBefore);
    expect(batches).toEqual([]);

    await nextTurn();
    expect(groups.at(-1)).toBe(7);
    // Every answer came after all seven commands were stored.
    expect(answers.map((a) => [a.label, a.stored, a.seq])).toEqual([
      ...Array(5).fill(['ticket.issued', true, seqBefore + 7]),
      ['ticket.called', true, seqBefore + 7],
      ['ticket.started', true, seqBefore + 7],
    ]);
    // Stored and announced in the order they were decided, with consecutive numbers.
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => seqBefore + n));
    expect(store.services('2026-11-23')).toMatchObject([
      { ticketId: 't1', counterId: 'c1', startedAt: MONDAY_9AM + 5000 },
    ]);
    const stored = db.prepare(`SELECT label FROM tickets ORDER BY label`).all() as {
      label: string;
    }[];
    expect(stored.map((r) => r.label)).toEqual(['1001', '1002', '1003', '1004', '1005']);
  });

  it('takes a failed group back whole: the state, the stored data and the senders agree nothing happened', async () => {
    await queue.execute(
      { type: 'openCounter', counterId: 'c1', clerkId: 'cb-c1' },
      { actor: 'test' },
    );
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      await queue.execute(issue(), { actor: 'test' });
    }
    await queue.execute(clerk('callNext'), { actor: 'test' });
    const before = JSON.stringify(queue.live);
    const digest = tableDigest(db);
    batches = [];

    failNext = true;
    const answers: { label: string; stored: boolean; seq: number }[] = [];
    clock.advance(1000);
    submit(issue(), answers);
    submit(issue('dat-dai'), answers);
    submit(clerk('start'), answers);
    submit(clerk('callNext'), answers); // finishes t1, calls t2
    submit({ type: 'cancel', ticketId: 't3', reason: 'Hủy' }, answers);
    await nextTurn();

    expect(answers.map((a) => a.stored)).toEqual([false, false, false, false, false]);
    expect(batches).toEqual([]);
    expect(JSON.stringify(queue.live)).toBe(before);
    expect(tableDigest(db)).toBe(digest);
    for (const t of Object.values(queue.live.tickets))
      expect(queue.waiting.ahead(t, 0)).toBe(peopleAhead(queue.live, t.id, 0));

    // The queue carries on from where it was: the next ticket gets the number the lost one had.
    const again: typeof answers = [];
    const result = submit(issue(), again);
    await nextTurn();
    expect(again).toEqual([{ label: 'ticket.issued', stored: true, seq: store.lastSeq() }]);
    expect(
      result.ok && result.events[0]!.type === 'ticket.issued' && result.events[0]!.ticket.label,
    ).toBe('1004');
  });

  it('takes back a failed group that crossed into a new day', async () => {
    clock.advance(1000);
    await queue.execute(issue(), { actor: 'test' });
    const before = JSON.stringify(queue.live);
    // Midnight has passed but the hub has not rolled the day yet; an administrator closes it.
    clock.set(Date.parse('2026-11-23T17:00:30Z'));
    failNext = true;
    const answers: { label: string; stored: boolean; seq: number }[] = [];
    submit({ type: 'closeDay' }, answers);
    submit({ type: 'openCounter', counterId: 'c2', clerkId: 'cb-c2' }, answers);
    expect(queue.live.day).toBe('2026-11-24');
    await nextTurn();
    expect(answers.map((a) => a.stored)).toEqual([false, false]);
    expect(JSON.stringify(queue.live)).toBe(before);
    expect(queue.live.day).toBe('2026-11-23');
  });

  it('stores what is pending before anyone reads the stored state or its sequence number', async () => {
    clock.advance(1000);
    const answers: { label: string; stored: boolean; seq: number }[] = [];
    submit(issue(), answers);
    expect(store.lastSeq()).toBe(0);
    expect(queue.seq).toBe(0);
    const { state, seq } = await queue.durable();
    expect(Object.keys(state.tickets)).toHaveLength(1);
    expect(seq).toBe(1);
    expect(queue.seq).toBe(1);
    expect(store.lastSeq()).toBe(1);
    expect(answers).toEqual([{ label: 'ticket.issued', stored: true, seq: 1 }]);
    // What was read stays what was stored, whatever is decided after.
    submit(issue(), answers);
    expect(Object.keys(state.tickets)).toHaveLength(1);
    expect(Object.keys(queue.live.tickets)).toHaveLength(2);
  });
});
