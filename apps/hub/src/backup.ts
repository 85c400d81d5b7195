import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { decryptFile, encryptFile } from './backup-file.ts';
import { backupDatabase, openDatabase, verifyDatabaseFile } from './db/index.ts';
import { describeFix, makePrivateFile, PRIVATE_DIR_MODE, securePrivateTree } from './file-modes.ts';
import { databasePath } from './setup.ts';

/** Removes an SQLite file with its journal files. */
function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/**
 * An online backup of the live database (SQLite's backup API: safe while the hub writes),
 * checked by reading it back, then encrypted into `out` (see backup-file.ts). The plain copy
 * lives only beside `out`, 0600, until it is encrypted. Returns the tables' digest, which a
 * restore of this file prints again.
 */
export async function encryptedBackup(dbPath: string, out: string, key: Buffer): Promise<string> {
  const plain = `${out}.plain-tmp`;
  removeDatabaseFiles(plain);
  try {
    const db = openDatabase(dbPath);
    try {
      await backupDatabase(db, plain);
    } finally {
      db.close();
    }
    makePrivateFile(plain);
    const digest = verifyDatabaseFile(plain);
    await encryptFile(plain, out, key);
    return digest;
  } finally {
    removeDatabaseFiles(plain);
  }
}

/** Why a restore was refused: the operator's to fix (exit code 2). */
export class RestoreRefused extends Error {}

/**
 * Decrypts a backup into a data directory. An existing database is replaced only with `force`
 * (the hub must be stopped: a running hub would keep writing to the file it has open); its
 * journal files go with it, so no stale write-ahead log is replayed onto the restored copy.
 * The backup is decrypted and checked beside the target first: a wrong key, a changed byte or
 * a damaged database leaves the data directory as it was. Returns the tables' digest.
 */
export async function restoreBackup(
  input: string,
  key: Buffer,
  dataDir: string,
  force: boolean,
  warn: (line: string) => void,
): Promise<string> {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const fix of securePrivateTree(dataDir)) warn(`luot: tightened ${describeFix(fix)}`);
  const target = databasePath(dataDir);
  if (existsSync(target) && !force)
    throw new RestoreRefused(
      `${target} exists; stop the hub, then add --force to replace it with the backup`,
    );
  const restoring = `${target}.restoring`;
  removeDatabaseFiles(restoring);
  try {
    await decryptFile(input, restoring, key);
    const digest = verifyDatabaseFile(restoring);
    removeDatabaseFiles(target);
    renameSync(restoring, target);
    makePrivateFile(target);
    return digest;
  } finally {
    removeDatabaseFiles(restoring);
  }
}
