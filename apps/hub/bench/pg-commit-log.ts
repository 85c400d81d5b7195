// PostgreSQL's own timing of every COMMIT, for `pnpm bench --province`: the server logs each
// statement's duration (log_min_duration_statement = 0) into a file while the bench measures
// issuance, and the COMMIT lines are read back. A COMMIT's duration is the server's time from
// receiving it to answering: writing the transaction's WAL and flushing it to disk
// (synchronous_commit on, the default), i.e. what a turn's commit costs inside PostgreSQL.
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface CommitLog {
  /** Settings for `startPostgres`: the logging collector, writing into a folder of ours. */
  settings: Record<string, string>;
  /** Starts logging every statement's duration (no restart: ALTER SYSTEM + reload). */
  start(url: string): Promise<void>;
  /** Stops logging; resolves with the COMMIT durations logged since `start`, in ms. */
  stop(url: string): Promise<number[]>;
  /** Removes the folder. */
  remove(): void;
}

async function setLogging(url: string, value: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`ALTER SYSTEM SET log_min_duration_statement = ${value}`);
    await client.query('SELECT pg_reload_conf()');
    // The reload reaches every backend at its next command: give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
  } finally {
    await client.end();
  }
}

export function commitLog(): CommitLog {
  const dir = mkdtempSync(join(tmpdir(), 'luot-pg-log-'));
  if (process.getuid?.() === 0) {
    const id = (flag: string) =>
      Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const read = () =>
    readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('');
  let from = 0;
  return {
    settings: {
      logging_collector: 'on',
      log_directory: dir,
      log_filename: 'postgresql.log',
      log_rotation_size: '0',
    },
    async start(url) {
      from = read().length;
      await setLogging(url, '0');
    },
    async stop(url) {
      await setLogging(url, '-1');
      const text = read().slice(from);
      const out: number[] = [];
      for (const m of text.matchAll(/duration: ([\d.]+) ms\s+statement: COMMIT\b/g))
        out.push(Number(m[1]));
      return out;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the server's connections are doing now (state, wait event, count), to explain a stall. */
export async function activity(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT state, wait_event_type, wait_event, left(query, 60) AS query, count(*)::int AS n
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
        GROUP BY 1, 2, 3, 4 ORDER BY n DESC`,
    );
    return rows.map((r) => JSON.stringify(r)).join('\n');
  } finally {
    await client.end();
  }
}
