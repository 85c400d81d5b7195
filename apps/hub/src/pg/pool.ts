import pg from 'pg';
import type { Logger } from 'pino';
import { isUnavailable, unavailableOr } from './unavailable.ts';

/** bigint columns (epoch milliseconds, sequence numbers) as numbers: all stay below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/**
 * The longest a transaction may wait on its node between statements: a turn's `decide` is the
 * domain's work in memory (milliseconds), so a turn idle this long belongs to a node that hung.
 */
export const IDLE_IN_TRANSACTION_MS = 10_000;

/** The pool and the two ways the stores use it: one statement, or one transaction. */
export interface PgDb {
  pool: pg.Pool;
  /** One statement on any pooled connection. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
  /**
   * Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it
   * rejects. A connection that broke is dropped from the pool, not handed out again. With
   * `workCommits`, `work` sends COMMIT itself, pipelined behind its last statements.
   */
  tx<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    options?: { begin?: string; workCommits?: boolean },
  ): Promise<T>;
}

/**
 * A pool of connections to the province's database. An idle connection that the server ends
 * (a restart) is logged and replaced, never a crash; while the server is down, calls reject at
 * once with `StoreUnavailableError`, and the pool serves again by itself once it is back.
 */
export function openPool(options: { url: string; log: Logger; max?: number }): PgDb {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A node that vanished without closing its connection (a network cut) must not hold a
    // site's lock: the server notices the dead peer, and ends a transaction left idle.
    keepAlive: true,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    // Statements sent without waiting for the one before share a round trip (a turn's writes).
    pipeline: true,
    types,
  });
  // Transactions hold a connection while their work runs, and that work (a hub node's
  // handlers, inside a site's turn) reads through the same pool: at most half the connections
  // go to transactions, so those reads always find one and turns of many sites never wait on
  // each other for a connection none of them will give back.
  const gate = createGate(Math.max(1, Math.floor((options.max ?? 10) / 2)));
  pool.on('error', (err) =>
    options.log.warn(
      { code: (err as { code?: string }).code, reason: err.message },
      'postgres: an idle connection failed; the pool replaces it',
    ),
  );
  return {
    pool,
    async query(text, values) {
      try {
        return await pool.query(text, values);
      } catch (err) {
        return unavailableOr(err);
      }
    },
    async tx(work, options_ = {}) {
      await gate.enter();
      try {
        return await transaction(work, options_);
      } finally {
        gate.leave();
      }
    },
  };

  async function transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    { begin = 'BEGIN', workCommits = false }: { begin?: string; workCommits?: boolean },
  ): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      return unavailableOr(err);
    }
    let broken: Error | undefined;
    // An error on a checked-out client (the server went away between statements) is thrown
    // by the statement that meets it; this keeps it from being an unhandled 'error' event.
    const onError = (err: Error) => (broken = err);
    client.on('error', onError);
    try {
      // BEGIN goes out with the transaction's first statement (pipelined).
      const began = client.query(begin);
      began.catch(() => {});
      const result = await work(client);
      await began;
      if (!workCommits) await client.query('COMMIT');
      return result;
    } catch (err) {
      if (isUnavailable(err)) broken = err as Error;
      else await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      return unavailableOr(err);
    } finally {
      client.off('error', onError);
      client.release(broken ?? false);
    }
  }
}

/** At most `limit` holders at once; the others wait in order. */
function createGate(limit: number) {
  let inside = 0;
  const waiting: (() => void)[] = [];
  return {
    async enter(): Promise<void> {
      if (inside < limit) {
        inside++;
        return;
      }
      // The one leaving hands its place over.
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    leave(): void {
      const next = waiting.shift();
      if (next) next();
      else inside--;
    },
  };
}
