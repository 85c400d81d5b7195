import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isCalendarDay } from '@luot/domain';
import { decryptFile, readKey } from '../backup-file.ts';
import { databasePath } from '../setup.ts';
import { normalizeDigestCode } from './chain.ts';
import type { ChainSource } from './source.ts';
import { openSqliteChainSource } from '../db/chain-source.ts';
import { verifyChains, type PublishedCode } from './verify.ts';
import { verificationLines } from './verify-output.ts';

export const VERIFY_USAGE = `  luot verify       --data DIR|FILE [--site ID] [--published FILE] [--code DAY=CODE …] [--json]
  luot verify       --backup FILE --key KEY [--site ID] [--published FILE] [--code DAY=CODE …] [--json]
                     checks the tamper-evident log: every event and audit record, every sealed
                     day, and the codes published on the lobby board; exit 0 intact,
                     1 tampering found, 2 cannot read`;

export interface VerifyArgs {
  data?: string;
  backup?: string;
  key?: string;
  site?: string;
  published?: string;
  code?: string[];
  json: boolean;
}

/** Why verify could not run: a bad argument or an unreadable source (exit code 2). */
export class VerifyUsageError extends Error {}

/**
 * `luot verify`: reads a data directory, a database file, or an encrypted backup (decrypted
 * into a private temporary directory, removed afterwards), and prints one line per site and
 * chain (or JSON). Returns the exit code: 0 intact, 1 tampering found, 2 cannot read.
 */
export async function runVerify(
  args: VerifyArgs,
  io: { out: (line: string) => void; err: (line: string) => void },
  /** Opens another store's source (`--postgres`; the PostgreSQL part passes it). */
  openOther?: () => Promise<ChainSource>,
): Promise<number> {
  let cleanup = (): void => undefined;
  let source: ChainSource | null = null;
  try {
    const published = publishedCodes(args);
    if (openOther) source = await openOther();
    else if (args.backup) {
      if (args.data) throw new VerifyUsageError('give --data or --backup, not both');
      if (!args.key) throw new VerifyUsageError('--backup needs --key KEYFILE (luot backup-key)');
      const input = resolve(args.backup);
      if (!existsSync(input)) throw new VerifyUsageError(`${input} does not exist`);
      const key = readKey(resolve(args.key));
      // Decrypted where only this user can read (mkdtemp makes the directory 0700).
      const dir = mkdtempSync(join(tmpdir(), 'luot-verify-'));
      cleanup = () => rmSync(dir, { recursive: true, force: true });
      const plain = join(dir, 'luot.db');
      await decryptFile(input, plain, key);
      source = openSqliteChainSource(plain);
    } else if (args.data) {
      const path = resolve(args.data);
      if (!existsSync(path)) throw new VerifyUsageError(`${path} does not exist`);
      const file = statSync(path).isDirectory() ? databasePath(path) : path;
      if (!existsSync(file)) throw new VerifyUsageError(`${path} has no database`);
      source = openSqliteChainSource(file);
    } else
      throw new VerifyUsageError('give --data DIR, --backup FILE --key KEY, or --postgres URL');

    let sites: string[] | undefined;
    if (args.site) {
      if (!(await source.sites()).includes(args.site))
        throw new VerifyUsageError(`no site ${args.site} in ${source.name}`);
      sites = [args.site];
    } else if (published.length > 0 && (await source.sites()).length > 1)
      throw new VerifyUsageError('published codes belong to one site: add --site ID');
    const result = await verifyChains(source, { ...(sites && { sites }), published });
    if (args.json) io.out(JSON.stringify(result, null, 2));
    else for (const line of verificationLines(result)) io.out(line);
    return result.intact ? 0 : 1;
  } catch (err) {
    io.err(`luot: ${(err as Error).message}`);
    return 2;
  } finally {
    await source?.close().catch(() => undefined);
    cleanup();
  }
}

/** The codes of --published FILE (lines "YYYY-MM-DD CODE", # comments) and --code DAY=CODE. */
function publishedCodes(args: VerifyArgs): PublishedCode[] {
  const codes: PublishedCode[] = [];
  const add = (day: string, code: string, where: string) => {
    if (!isCalendarDay(day))
      throw new VerifyUsageError(`${where}: ${day} is not a date (YYYY-MM-DD)`);
    const normal = normalizeDigestCode(code);
    if (!normal) throw new VerifyUsageError(`${where}: ${code} is not a code like 7KQ2-M9XD-3F0A`);
    const other = codes.find((c) => c.day === day);
    if (other && other.code !== normal)
      throw new VerifyUsageError(`${where}: two different codes for ${day}`);
    if (!other) codes.push({ day, code: normal });
  };
  if (args.published) {
    const path = resolve(args.published);
    if (!existsSync(path)) throw new VerifyUsageError(`${path} does not exist`);
    readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .forEach((raw, i) => {
        const line = raw.replace(/#.*/, '').trim();
        if (line === '') return;
        const [day, ...rest] = line.split(/\s+/);
        if (rest.length === 0)
          throw new VerifyUsageError(`${path} line ${i + 1}: expected "YYYY-MM-DD CODE"`);
        add(day!, rest.join(''), `${path} line ${i + 1}`);
      });
  }
  for (const pair of args.code ?? []) {
    const [day, code] = pair.split('=');
    if (!day || !code) throw new VerifyUsageError(`--code ${pair}: expected DAY=CODE`);
    add(day.trim(), code, `--code ${pair}`);
  }
  return codes;
}
