// A real hub's SQLite file for the tamper-evident log's tests (src/chain/): two service days
// of tickets issued, called, served, a configuration change and a person added, each day
// sealed by the hub itself (Monday at the rollover while it runs, Tuesday when it starts on
// Wednesday), then Wednesday's first ticket; the hub closed. Tests copy the file and edit it.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import type { SiteConfig } from '@luot/domain';
import type { ChainDigest } from '@luot/protocol';
import { runCli } from '../src/cli.ts';
import { staffApi } from './staff-api.ts';
import { MONDAY_9AM, request, startTestHub, type TestHub } from './test-hub.ts';

export const MONDAY = '2026-11-23';
export const TUESDAY = '2026-11-24';
/** 00:00:05 on Tuesday, Asia/Ho_Chi_Minh. */
const TUESDAY_MIDNIGHT = Date.parse('2026-11-23T17:00:05Z');
const TUESDAY_9AM = Date.parse('2026-11-24T02:00:00Z');
const WEDNESDAY_8AM = Date.parse('2026-11-25T01:00:00Z');

export interface ChainFixture {
  /** The closed hub's database file: copy it (`copyOf`) before editing. */
  dbPath: string;
  digests: ChainDigest[];
  /** Monday's events seq range and Tuesday's, as stored. */
  mondaySeqs: [number, number];
  tuesdaySeqs: [number, number];
  copyOf(): string;
  /** Removes the file and every copy. */
  remove(): void;
}

/** Serves a few tickets: issued at the kiosk, the first called, started and finished. */
async function serve(t: TestHub, tickets: number): Promise<void> {
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const { socket: clerk } = await t.connectReady((await t.login('cb1', 'c1')).token);
  for (let i = 0; i < tickets; i++) await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  await request(clerk, 'counter:callNext', {});
  await request(clerk, 'counter:start', {});
  await request(clerk, 'counter:finish', {});
  await request(clerk, 'counter:callNext', {});
  kiosk.disconnect();
  clerk.disconnect();
}

/** An admin's changes, each an audit record: a configuration change and a person added. */
async function administer(t: TestHub, visitDays: number, username: string): Promise<void> {
  const admin = (await t.login('admin')).token;
  const call = <T>(method: string, path: string, body?: unknown) =>
    staffApi<T>(t.url, admin, method, path, body);
  const got = await call<{ config: SiteConfig; version: string }>('GET', '/api/admin/config');
  if (!got.body.ok) throw new Error('no config');
  const next = structuredClone(got.body.data.config);
  next.retention.visitDays = visitDays;
  const saved = await call('PUT', '/api/admin/config', {
    config: next,
    baseVersion: got.body.data.version,
  });
  expect(saved.status).toBe(200);
  const added = await call('POST', '/api/admin/users', {
    username,
    name: 'Phạm Thị Chín',
    role: 'clerk',
    password: 'mat-khau-moi-1',
  });
  expect(added.status).toBe(200);
}

/** Waits until the hub has sealed `day` (a fixture runs in `beforeAll`: no expect.poll there). */
function sealed(t: TestHub, day: string): Promise<void> {
  return vi.waitFor(
    () => {
      if (t.store.chainDigests(day, day).length !== 1) throw new Error(`${day} is not sealed`);
    },
    { timeout: 10_000, interval: 50 },
  );
}

export async function buildChainFixture(): Promise<ChainFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'luot-i17chain-'));
  const t = await startTestHub({ counters: 2, now: MONDAY_9AM, dataDir });
  try {
    await serve(t, 4);
    await administer(t, 365, 'cb8');
    // The rollover with the hub running: Monday is closed, then sealed.
    t.clock.set(TUESDAY_MIDNIGHT);
    await sealed(t, MONDAY);
    t.clock.set(TUESDAY_9AM);
    await serve(t, 3);
    await administer(t, 200, 'cb9');
    // A hub stopped overnight closes Tuesday as it starts on Wednesday, then seals it.
    await t.restart(async () => t.clock.set(WEDNESDAY_8AM));
    await sealed(t, TUESDAY);
    await serve(t, 1);
    const digests = t.store.chainDigests(MONDAY, TUESDAY);
    const seqs = (day: string): [number, number] => {
      const events = t.store.eventsOfDay(day);
      return [events[0]!.seq, events.at(-1)!.seq];
    };
    const fixture = { mondaySeqs: seqs(MONDAY), tuesdaySeqs: seqs(TUESDAY), digests };
    await t.close();
    const dbPath = join(dataDir, 'luot.db');
    let copies = 0;
    const dirs = [dataDir];
    return {
      ...fixture,
      dbPath,
      remove: () => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })),
      copyOf() {
        const dir = mkdtempSync(join(tmpdir(), 'luot-i17chain-copy-'));
        dirs.push(dir);
        const path = join(dir, `copy-${++copies}.db`);
        copyFileSync(dbPath, path);
        return path;
      },
    };
  } catch (err) {
    await t.close();
    throw err;
  }
}

/** Runs `luot verify …`: its exit code and what it printed. */
export async function verifyCli(
  args: string[],
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['verify', ...args], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => WEDNESDAY_8AM,
    env: {},
  });
  return { code, out, err };
}
