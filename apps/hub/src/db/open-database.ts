import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Opens (or creates) the hub's SQLite file with the durability the queue needs: WAL and
 * synchronous=FULL, so an acknowledged command survives power loss. Applies numbered
 * migrations (`migrations/NNN-name.sql`) that the file has not seen yet, each in a transaction.
 */
export function openDatabase(path: string, options: { exclusive?: boolean } = {}): Db {
  if (options.exclusive) return openExclusive(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Another connection (a hub that is running) has the file open: it cannot be held alone. */
export class DatabaseInUseError extends Error {
  constructor(path: string) {
    super(`${path} is open in another process (is the hub still running?)`);
    this.name = 'DatabaseInUseError';
  }
}

/**
 * Opens an existing file held by this connection alone until it closes (`locking_mode =
 * EXCLUSIVE`, set before the first access, so no shared memory is used): throws
 * `DatabaseInUseError` at once when a hub has it open, and a hub that starts meanwhile cannot
 * open it. Migrations are applied as the hub would.
 */
function openExclusive(path: string): Db {
  const db = new Database(path, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY'))
        throw new DatabaseInUseError(path);
      throw err;
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * Applies the migrations after `user_version`, each in its own transaction. Foreign keys are off
 * meanwhile (a migration that remakes a table drops the one others point to; SQLite's own
 * procedure for changing a table) and checked before each commit: a migration that leaves a
 * dangling reference is rolled back.
 */
function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const files = readdirSync(migrationsDir)
    .filter((f) => /^\d{3}-.+\.sql$/.test(f))
    .sort()
    .filter((f) => Number(f.slice(0, 3)) > current);
  if (files.length === 0) return;
  db.pragma('foreign_keys = OFF');
  try {
    for (const file of files) {
      const version = Number(file.slice(0, 3));
      const sql = readFileSync(migrationsDir + file, 'utf8');
      db.transaction(() => {
        db.exec(sql);
        const dangling = db.pragma('foreign_key_check') as unknown[];
        if (dangling.length > 0)
          throw new Error(`migration ${file} leaves ${dangling.length} dangling references`);
        db.pragma(`user_version = ${version}`);
      })();
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** Copies the live database to `destination` without stopping writers (SQLite online backup). */
export async function backupDatabase(db: Db, destination: string): Promise<void> {
  await db.backup(destination);
}

/**
 * Checks that a file is a sound SQLite database (opened read-only, `quick_check`) and returns
 * the digest of its tables (`tableDigest`); throws with the reason otherwise.
 */
export function verifyDatabaseFile(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${path} is damaged: ${String(check)}`);
    return tableDigest(db);
  } finally {
    db.close();
  }
}

/**
 * A digest of every table's rows, in a stable order: equal digests mean equal stored data.
 * Used to prove a refused command changed nothing, and to check a backup against its source.
 */
export function tableDigest(db: Db): string {
  const tables = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const parts: string[] = [];
  for (const name of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    parts.push(name, JSON.stringify(rows));
  }
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}
