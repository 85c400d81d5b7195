import pg from 'pg';
import type { Logger } from 'pino';
import { COMMIT_CHANNEL } from './commit.ts';

export type CommitListener = (siteId: string, seq: number) => void;

const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5_000;

/**
 * Hears every node's commits (`NOTIFY luot_commit, '<siteId>:<seq>'`, this node's own included)
 * on one dedicated connection that LISTENs. When that connection is lost (the server restarted)
 * it reconnects by itself, retrying with a growing pause, and once listening again reports every
 * site with its head, since commits made meanwhile were not heard: nodes catch up from there.
 */
export function createCommitListener(options: {
  url: string;
  log: Logger;
  heads: (client: pg.Client) => Promise<{ id: string; head: number }[]>;
}) {
  const listeners = new Set<CommitListener>();
  let client: pg.Client | null = null;
  let closed = false;
  let lost = false;
  let retryMs = RETRY_MIN_MS;
  let timer: NodeJS.Timeout | null = null;
  let listening: Promise<void>;
  let markListening: () => void = () => {};

  const emit = (siteId: string, seq: number) => {
    for (const listener of listeners) {
      try {
        listener(siteId, seq);
      } catch (err) {
        options.log.error({ err }, 'a commit listener failed');
      }
    }
  };

  const resetListening = () => {
    listening = new Promise((resolve) => (markListening = resolve));
  };
  resetListening();

  const drop = (c: pg.Client, err?: Error) => {
    if (client !== c) return;
    client = null;
    c.end().catch(() => {});
    if (closed) return;
    if (!lost) {
      options.log.warn(
        { code: (err as { code?: string } | undefined)?.code, reason: err?.message },
        'postgres: commit listener lost its connection; reconnecting',
      );
      resetListening();
    }
    lost = true;
    timer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  const connect = async () => {
    timer = null;
    if (closed) return;
    const c = new pg.Client({ connectionString: options.url });
    client = c;
    c.on('error', (err) => drop(c, err));
    c.on('end', () => drop(c));
    c.on('notification', (msg) => {
      const at = msg.payload?.lastIndexOf(':') ?? -1;
      if (msg.channel !== COMMIT_CHANNEL || at < 0) return;
      emit(msg.payload!.slice(0, at), Number(msg.payload!.slice(at + 1)));
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${COMMIT_CHANNEL}`);
      if (lost) {
        const heads = await options.heads(c);
        options.log.info(
          { sites: heads.length },
          'postgres: commit listener back; sites may have changed',
        );
        lost = false;
        for (const { id, head } of heads) emit(id, head);
      }
      retryMs = RETRY_MIN_MS;
      markListening();
    } catch (err) {
      drop(c, err as Error);
    }
  };

  void connect();

  return {
    /** Calls `listener(siteId, seq)` for every commit heard; returns the way to stop. */
    on(listener: CommitListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Resolves once the connection LISTENs (again, after a loss). */
    listening: () => listening,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      listeners.clear();
      await c?.end().catch(() => {});
    },
  };
}
