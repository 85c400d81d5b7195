import pino from 'pino';
import { openPgProvince, type PgProvinceStore } from './pg/index.ts';

/**
 * Opens a province's PostgreSQL database for a command-line tool (`luot … --postgres URL`):
 * migrations applied, quiet unless something fails.
 */
export function openPostgres(url: string): Promise<PgProvinceStore> {
  return openPgProvince({ url, log: pino({ level: 'warn' }), poolSize: 2 });
}
