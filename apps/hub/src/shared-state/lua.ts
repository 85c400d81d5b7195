import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script run atomically in Redis: by its hash, sent whole when Redis does not know it yet (after a restart). */
export function luaScript(source: string) {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (client: Redis, keys: readonly string[], args: readonly (string | number)[]) => {
    try {
      return await client.evalsha(sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return client.eval(source, keys.length, ...keys, ...args);
    }
  };
}
