import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databasePath, openDatabase, type HistorySummary } from '@luot/hub/bench';
import { generateYear } from './report-bench.ts';
import { prepareDataDir, startServer } from './server-process.ts';
import { middayTimeZone, simSiteConfig } from './site.ts';

export interface StartTiming {
  /** From spawning the hub's process to its "listening" log line. */
  listeningMs: number;
  /** From the spawn to the first answer of GET /healthz. */
  firstAnswerMs: number;
  /** Resident set size once the hub has been idle for `idleMs` after start (and packing), MB. */
  idleRssMb: number;
  peakRssMb: number;
  /** Days the hub packed for reports after listening, and when it was done (from the spawn). */
  packedDays: number;
  packedAtMs: number | null;
  /** The slowest answer of GET /healthz while the hub was packing (or idle), polled every 50 ms. */
  slowestAnswerMs: number;
  answers: number;
}

export interface StartBenchResult {
  fresh: StartTiming;
  year: StartTiming & { history: HistorySummary; fileMb: number };
  /** RSS of an idle Node process with and without the TypeScript loader the hub runs under. */
  loader: { nodeMb: number; withTsxMb: number };
}

const TSX = import.meta.resolve('tsx');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The resident set size of an idle Node process started with `args`, after `ms`. */
async function idleProcessRss(args: string[], ms = 1500): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'luot-idle-'));
  const file = join(dir, 'idle.mjs');
  writeFileSync(file, 'setInterval(() => {}, 1000);\n');
  const child = spawn(process.execPath, [...args, file], { stdio: 'ignore' });
  try {
    await sleep(ms);
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]) / 1024;
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the hub on a prepared data directory and times it (see `StartTiming`). */
async function timeStart(
  dataDir: string,
  idleMs: number,
  /** Whether the hub has closed days to pack (then its idle RSS is taken once they are). */
  packs: boolean,
): Promise<StartTiming> {
  const spawned = performance.now();
  let packedDays = 0;
  let packedAtMs: number | null = null;
  const server = await startServer({
    kind: 'hub',
    dataDir,
    onLine(line) {
      if (!line.includes('days packed for reports')) return;
      packedAtMs = performance.now() - spawned;
      packedDays = (JSON.parse(line) as { days: number }).days;
    },
  });
  const listeningMs = performance.now() - spawned;
  try {
    let firstAnswerMs: number | null = null;
    let slowest = 0;
    let answers = 0;
    // Polls /healthz while the hub packs (bounded to two minutes), then for `idleMs` more.
    const until = performance.now() + 120_000;
    let idleFrom: number | null = null;
    while (performance.now() < until) {
      const asked = performance.now();
      const res = await fetch(`${server.url}/healthz`);
      await res.arrayBuffer();
      const answered = performance.now();
      firstAnswerMs ??= answered - spawned;
      slowest = Math.max(slowest, answered - asked);
      answers++;
      if (idleFrom === null && (packs ? packedAtMs !== null : true)) idleFrom = answered;
      if (idleFrom !== null && answered - idleFrom >= idleMs) break;
      await sleep(50);
    }
    const memory = server.memory() ?? { rssMb: NaN, peakRssMb: NaN };
    return {
      listeningMs,
      firstAnswerMs: firstAnswerMs ?? NaN,
      idleRssMb: memory.rssMb,
      peakRssMb: memory.peakRssMb,
      packedDays,
      packedAtMs,
      slowestAnswerMs: slowest,
      answers,
    };
  } finally {
    await server.stop();
  }
}

/**
 * Start to listening: the hub on a fresh data directory, and on one holding a generated year
 * (about `tickets` tickets, no day packed for reports); with its idle RSS after start, and the
 * RSS an idle Node process costs with and without tsx (the loader the hub runs under here).
 */
export async function benchStart(options: {
  tickets: number;
  seed: number;
  idleMs?: number;
  log?: (message: string) => void;
}): Promise<StartBenchResult> {
  const idleMs = options.idleMs ?? 3000;
  const config = (counters: number) =>
    simSiteConfig({ counters, timeZone: middayTimeZone(Date.now()) });
  const loader = {
    nodeMb: await idleProcessRss([]),
    withTsxMb: await idleProcessRss(['--import', TSX]),
  };
  const freshDir = mkdtempSync(join(tmpdir(), 'luot-start-'));
  const yearDir = mkdtempSync(join(tmpdir(), 'luot-start-year-'));
  try {
    await prepareDataDir(freshDir, config(20), { displays: 1, kiosks: 1 });
    const fresh = await timeStart(freshDir, idleMs, false);

    await prepareDataDir(yearDir, config(40), { displays: 1, kiosks: 1 });
    options.log?.(`start: generating a year (~${options.tickets.toLocaleString('en')} tickets)`);
    const db = openDatabase(databasePath(yearDir));
    let history: HistorySummary;
    let fileMb: number;
    try {
      history = generateYear(db, options.tickets, options.seed);
      db.pragma('wal_checkpoint(TRUNCATE)');
      fileMb =
        ((db.pragma('page_count', { simple: true }) as number) *
          (db.pragma('page_size', { simple: true }) as number)) /
        1024 /
        1024;
    } finally {
      db.close();
    }
    const year = await timeStart(yearDir, idleMs, true);
    return { fresh, year: { ...year, history, fileMb }, loader };
  } finally {
    rmSync(freshDir, { recursive: true, force: true });
    rmSync(yearDir, { recursive: true, force: true });
  }
}
