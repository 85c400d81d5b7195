import pino, { type Logger } from 'pino';
import { openPgProvince, type PgProvinceStore } from './pg/index.ts';

/**
 * Opens a province's PostgreSQL database (`--postgres URL`) with its migrations applied: for a
 * hub node (its log), or a command-line tool (quiet unless something fails, a small pool).
 */
export function openPostgres(url: string, log?: Logger): Promise<PgProvinceStore> {
  return log
    ? openPgProvince({ url, log })
    : openPgProvince({ url, log: pino({ level: 'warn' }), poolSize: 2 });
}
