import type { Worker } from 'node:worker_threads';

/** What a job thread posts back for each job: `{ id, result }` or `{ id, error }`. */
export type JobAnswer<Result> = { id: number; result: Result } | { id: number; error: string };

/**
 * One worker thread that runs jobs posted to it as `{ id, job }`, one answer each (see
 * `JobAnswer`). It starts on first use and never keeps the process alive when idle; when it
 * cannot start, or is not wanted, jobs run in this thread with `inProcess`. If the thread
 * fails or stops, the jobs waiting on it are rejected and the next job starts a new one.
 */
export function createJobThread<Job, Result>(deps: {
  spawn: () => Worker;
  inProcess: (job: Job) => Promise<Result>;
  /** False when only the in-process way works (e.g. a database in memory). */
  usable?: boolean;
  /** Keep the process alive while a job waits (a command-line tool waits for its answer). */
  holdWhileBusy?: boolean;
  onFailure?: (err: unknown, where: 'start' | 'thread') => void;
}) {
  let worker: Worker | null = null;
  let broken = deps.usable === false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  const start = (): Worker | null => {
    if (worker || broken) return worker;
    try {
      const w = deps.spawn();
      w.unref();
      w.on('message', (answer: JobAnswer<Result>) => {
        const p = pending.get(answer.id);
        if (!p) return;
        pending.delete(answer.id);
        if (pending.size === 0) w.unref();
        if ('result' in answer) p.resolve(answer.result);
        else p.reject(new Error(answer.error));
      });
      w.on('error', (err) => {
        deps.onFailure?.(err, 'thread');
        worker = null;
        failAll(err);
      });
      w.on('exit', () => {
        worker = null;
        failAll(new Error('job thread stopped'));
      });
      worker = w;
    } catch (err) {
      deps.onFailure?.(err, 'start');
      broken = true;
    }
    return worker;
  };

  return {
    /** Runs a job on the thread (in this one when the thread cannot run it). */
    run(job: Job): Promise<Result> {
      const w = start();
      if (!w) return deps.inProcess(job);
      const id = nextId++;
      return new Promise<Result>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (deps.holdWhileBusy) w.ref();
        w.postMessage({ id, job });
      });
    },
    /** Stops the thread; waiting jobs are rejected, later ones run in this thread. */
    async close(): Promise<void> {
      const w = worker;
      worker = null;
      broken = true;
      failAll(new Error('closing'));
      if (w) await w.terminate();
    },
  };
}
