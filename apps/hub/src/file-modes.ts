import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Directories holding personal data: their owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** The database, its -wal/-shm, backups, keys and credentials: read and written by their owner only. */
export const PRIVATE_FILE_MODE = 0o600;

/** A looser mode found and tightened. */
export interface ModeFix {
  path: string;
  from: number;
  to: number;
}

/** "0644 → 0600 /var/lib/luot/luot.db", for logs and the operator's terminal. */
export function describeFix(fix: ModeFix): string {
  return `${octal(fix.from)} → ${octal(fix.to)} ${fix.path}`;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

/**
 * Makes a data directory private: the directory and every folder in it 0700, every file 0600
 * (the database and its journal, backups, keys, the demo's credentials). A data directory made
 * before the hub set its umask was 0755 with 0644 files; this tightens it and returns what it
 * changed. Symbolic links are left alone (their target is not ours to change). POSIX only: on
 * Windows file access is the folder's ACL (see deploy/README.md), and nothing is changed.
 */
export function securePrivateTree(
  root: string,
  platform: NodeJS.Platform = process.platform,
): ModeFix[] {
  if (platform === 'win32') return [];
  const fixes: ModeFix[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    const want = stat.isDirectory() ? PRIVATE_DIR_MODE : stat.isFile() ? PRIVATE_FILE_MODE : null;
    if (want === null) return;
    const mode = stat.mode & 0o777;
    if (mode !== want) {
      chmodSync(path, want);
      fixes.push({ path, from: mode, to: want });
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return fixes;
}

/** Makes one file the owner's only (a backup, a key) whatever the process umask was. */
export function makePrivateFile(path: string, platform: NodeJS.Platform = process.platform): void {
  if (platform !== 'win32') chmodSync(path, PRIVATE_FILE_MODE);
}
