import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
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
import { createQueueService, type QueueService } from './queue-service.ts';
import { DEFAULT_SITE_ID, type Store } from './store.ts';
import { MONDAY_9AM, testConfig } from '../testing/test-hub.ts';

// The queue service over a store that truly waits, as one on another server does: each write
// answers only after a few milliseconds, so commands keep arriving while a group is in flight.

let dir: string;
let db: Db;
let province: ReturnType<typeof createProvinceStore>;
let sqlite: SqliteSite;
let queue: QueueService;
let clock: ReturnType<typeof createFakeClock>;
let groups: number[];
let failNext: boolean;

const issue = (fieldId = 'ho-tich'): QueueCommand => ({
  type: 'issue',
  fieldId,
  priorityClassId: null,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luot-port-'));
  db = openDatabase(join(dir, 'luot.db'));
  province = createProvinceStore(db);
  clock = createFakeClock(MONDAY_9AM);
  province.createSite(DEFAULT_SITE_ID, testConfig(2), clock.now());
  sqlite = province.site(DEFAULT_SITE_ID);
  groups = [];
  failNext = false;
  const port = asyncProvince(province).site(DEFAULT_SITE_ID);
  const slow: Store = {
    ...port,
    async append(commands) {
      groups.push(commands.length);
      await sleep(20);
      if (failNext) {
        failNext = false;
        throw new Error('connection lost');
      }
      return port.append(commands);
    },
  };
  let ids = 0;
  queue = await createQueueService({
    store: slow,
    clock,
    newId: () => `t${++ids}`,
    log: pino({ level: 'silent' }),
  });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function submit(command: QueueCommand, answers: { id: number; stored: boolean }[], id: number) {
  const result = queue.submit(command, { actor: 'test' });
  if (!result.ok) throw new Error(result.error.code);
  queue.afterDurable((stored) => answers.push({ id, stored }));
}

it('stores commands that arrive while a group is in flight as the next group, answered after it', async () => {
  const answers: { id: number; stored: boolean }[] = [];
  submit(issue(), answers, 1);
  submit(issue(), answers, 2);
  await sleep(5); // the first group is now being written
  submit(issue('dat-dai'), answers, 3);
  expect(answers).toEqual([]);
  const { state } = await queue.durable();
  expect(groups).toEqual([2, 1]);
  expect(answers).toEqual([
    { id: 1, stored: true },
    { id: 2, stored: true },
    { id: 3, stored: true },
  ]);
  expect(Object.values(state.tickets).map((t) => t.label)).toEqual(['1001', '1002', 'A001']);
  expect(queue.seq).toBe(sqlite.lastSeq());
  expect(sqlite.lastSeq()).toBe(3);
});

it('takes back a failed group and every command decided on top of it; the queue then carries on', async () => {
  await queue.execute(issue(), { actor: 'test' });
  const before = JSON.stringify(queue.live);
  const digest = tableDigest(db);
  const answers: { id: number; stored: boolean }[] = [];
  failNext = true;
  submit(issue(), answers, 1);
  await sleep(5);
  submit(issue(), answers, 2); // decided on top of the group that will fail
  await queue.durable();
  expect(answers).toEqual([
    { id: 1, stored: false },
    { id: 2, stored: false },
  ]);
  expect(JSON.stringify(queue.live)).toBe(before);
  expect(tableDigest(db)).toBe(digest);
  for (const t of Object.values(queue.live.tickets))
    expect(queue.waiting.ahead(t, 0)).toBe(peopleAhead(queue.live, t.id, 0));

  const again = await queue.execute(issue(), { actor: 'test' });
  expect(
    again.ok && again.events[0]?.type === 'ticket.issued' && again.events[0].ticket.label,
  ).toBe('1002');
});

it("runs two sites' queues on one file: each numbers its tickets and events as if alone", async () => {
  province.createSite('xa-tan-phu', testConfig(2), clock.now());
  const other = await createQueueService({
    store: asyncProvince(province).site('xa-tan-phu'),
    clock,
    newId: () => `x${Math.random()}`,
    log: pino({ level: 'silent' }),
  });
  for (let i = 0; i < 3; i++) {
    await queue.execute(issue(), { actor: 'test' });
    await other.execute(issue(), { actor: 'test' });
  }
  await other.execute(issue('dat-dai'), { actor: 'test' });
  const labels = (q: QueueService) => Object.values(q.live.tickets).map((t) => t.label);
  expect(labels(queue)).toEqual(['1001', '1002', '1003']);
  expect(labels(other)).toEqual(['1001', '1002', '1003', 'A001']);
  expect([queue.seq, other.seq]).toEqual([sqlite.lastSeq(), province.site('xa-tan-phu').lastSeq()]);
  expect(sqlite.eventsAfter(0).map((e) => e.seq)).toEqual([1, 2, 3]);
  expect(
    province
      .site('xa-tan-phu')
      .eventsAfter(0)
      .map((e) => e.seq),
  ).toEqual([1, 2, 3, 4]);
});
