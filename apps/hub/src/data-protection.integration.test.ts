import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { openDatabase, tableDigest } from './db/index.ts';
import { databasePath, DEMO_SITE_FILE, openProvince } from './setup.ts';

// Item 7 of issue 11: the data directory private, backups encrypted with the operator's key.

const MONDAY_9AM = Date.parse('2026-11-23T02:00:00Z');
const PASSWORD = 'mat-khau-cua-lan';
let dir: string;
let savedUmask: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-protect-'));
  // The umask an older install ran with: everything readable by every local user.
  savedUmask = process.umask(0o022);
});

afterEach(() => {
  process.umask(savedUmask);
  rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => MONDAY_9AM,
    env: {},
  });
  return { code, out, err };
}

const mode = (path: string) => statSync(path).mode & 0o777;

function digest(path: string): string {
  const db = openDatabase(path);
  try {
    return tableDigest(db);
  } finally {
    db.close();
  }
}

/** A data directory as an install made before issue 10 left it: 0755, files 0644. */
async function looseDataDir(): Promise<string> {
  const data = join(dir, 'data');
  expect((await cli(['init', '--data', data, '--site', DEMO_SITE_FILE])).code).toBe(0);
  const user = ['--username', 'lan', '--name', 'Nguyễn Thị Lan', '--role', 'clerk'];
  expect((await cli(['user', 'add', '--data', data, ...user, '--password', PASSWORD])).code).toBe(
    0,
  );
  mkdirSync(join(data, 'old-backups'));
  writeFileSync(join(data, 'old-backups', 'luot-2026-01-01.db'), 'a copy');
  writeFileSync(join(data, 'demo-credentials.txt'), 'Demo password: …');
  for (const d of [data, join(data, 'old-backups')]) chmodSync(d, 0o755);
  for (const f of ['luot.db', 'demo-credentials.txt', 'old-backups/luot-2026-01-01.db'])
    chmodSync(join(data, f), 0o644);
  return data;
}

describe('the data directory', () => {
  it('is made private at start: folders 0700, the database, backups and credentials 0600', async () => {
    const data = await looseDataDir();
    expect(mode(data)).toBe(0o755);

    const fixes: string[] = [];
    const store = openProvince(data, (fix) => fixes.push(fix.path));
    try {
      store.listUsers(null);
    } finally {
      store.close();
    }
    expect(fixes.sort()).toEqual(
      [
        data,
        join(data, 'demo-credentials.txt'),
        join(data, 'luot.db'),
        join(data, 'old-backups'),
        join(data, 'old-backups', 'luot-2026-01-01.db'),
      ].sort(),
    );
    expect(mode(data)).toBe(0o700);
    expect(mode(join(data, 'old-backups'))).toBe(0o700);
    for (const f of ['luot.db', 'demo-credentials.txt', 'old-backups/luot-2026-01-01.db'])
      expect(mode(join(data, f))).toBe(0o600);
  });

  it('is tightened by any luot command, which says what it changed', async () => {
    const data = await looseDataDir();
    const res = await cli(['user', 'list', '--data', data]);
    expect(res.code).toBe(0);
    expect(res.err).toContain(`luot: tightened 0755 → 0700 ${data}`);
    expect(res.err).toContain(`luot: tightened 0644 → 0600 ${join(data, 'luot.db')}`);
    expect(mode(data)).toBe(0o700);
    expect(mode(databasePath(data))).toBe(0o600);
    // Once private, nothing more to say.
    expect((await cli(['user', 'list', '--data', data])).err).toEqual([]);
  });

  it('is created private, with the database and its journal 0600, whatever the umask', async () => {
    const data = join(dir, 'new');
    expect((await cli(['init', '--data', data, '--site', DEMO_SITE_FILE])).code).toBe(0);
    const store = openProvince(data);
    try {
      store.listUsers(null);
      expect(mode(data)).toBe(0o700);
      for (const f of ['luot.db', 'luot.db-wal', 'luot.db-shm'])
        if (existsSync(join(data, f))) expect(mode(join(data, f))).toBe(0o600);
      expect(existsSync(join(data, 'luot.db-wal'))).toBe(true);
    } finally {
      store.close();
    }
  });
});

describe('encrypted backups', () => {
  async function setUp() {
    const data = await looseDataDir();
    const key = join(dir, 'backup.key');
    const made = await cli(['backup-key', '--out', key]);
    expect(made.code).toBe(0);
    const out = join(dir, 'luot.luotbak');
    const backup = await cli(['backup', '--data', data, '--out', out, '--key-file', key]);
    expect(backup.code).toBe(0);
    return { data, key, out };
  }

  it('are 0600, as is the key, which is never replaced', async () => {
    const { key, out } = await setUp();
    expect(mode(key)).toBe(0o600);
    expect(mode(out)).toBe(0o600);
    expect(Buffer.from(readFileSync(key, 'utf8').trim(), 'base64')).toHaveLength(32);
    const before = readFileSync(key);
    const again = await cli(['backup-key', '--out', key]);
    expect(again.code).toBe(2);
    expect(readFileSync(key).equals(before)).toBe(true);
    expect(readdir(dir)).not.toContain('luot.luotbak.plain-tmp');
  });

  it('restore the same data with the right key, into a private directory', async () => {
    const { data, key, out } = await setUp();
    const target = join(dir, 'restored');
    const res = await cli(['restore', '--in', out, '--key-file', key, '--data', target]);
    expect(res).toMatchObject({ code: 0, err: [] });
    expect(digest(databasePath(target))).toBe(digest(databasePath(data)));
    expect(mode(target)).toBe(0o700);
    expect(mode(databasePath(target))).toBe(0o600);
    const users = await cli(['user', 'list', '--data', target]);
    expect(users.out).toEqual(['lan\tclerk\tNguyễn Thị Lan']);
  });

  it('refuse a wrong key, and leave the target as it was', async () => {
    const { out } = await setUp();
    const wrong = join(dir, 'other.key');
    await cli(['backup-key', '--out', wrong]);
    const target = join(dir, 'restored');
    const res = await cli(['restore', '--in', out, '--key-file', wrong, '--data', target]);
    expect(res.code).toBe(1);
    expect(res.err).toEqual([
      `luot: ${out} cannot be opened with this key: the key is wrong or the file was changed or damaged`,
    ]);
    expect(existsSync(databasePath(target))).toBe(false);
    expect(readdir(target)).toEqual([]);
  });

  it('refuse a file with one byte flipped, anywhere: header, data or tag', async () => {
    const { key, out } = await setUp();
    const original = readFileSync(out);
    for (const at of [8, 40, Math.floor(original.length / 2), original.length - 1]) {
      const bad = Buffer.from(original);
      bad[at]! ^= 0x01;
      const tampered = join(dir, `tampered-${at}.luotbak`);
      writeFileSync(tampered, bad);
      const target = join(dir, `restored-${at}`);
      const res = await cli(['restore', '--in', tampered, '--key-file', key, '--data', target]);
      expect(res.code, `byte ${at}`).toBe(1);
      expect(res.err.join('\n')).toMatch(/cannot be opened with this key|format \d+/);
      expect(existsSync(databasePath(target))).toBe(false);
    }
  });

  it('never replace an existing database without --force; with it, its journal goes too', async () => {
    const { data, key, out } = await setUp();
    const saved = digest(databasePath(data));
    // A change made after the backup.
    await cli([
      'user',
      'add',
      '--data',
      data,
      '--username',
      'binh',
      '--name',
      'Trần Bình',
      '--role',
      'clerk',
      '--password',
      PASSWORD,
    ]);
    const changed = digest(databasePath(data));
    expect(changed).not.toBe(saved);

    const refused = await cli(['restore', '--in', out, '--key-file', key, '--data', data]);
    expect(refused.code).toBe(2);
    expect(refused.err).toEqual([
      `luot: ${databasePath(data)} exists; stop the hub, then add --force to replace it with the backup`,
    ]);
    expect(digest(databasePath(data))).toBe(changed);

    const forced = await cli([
      'restore',
      '--in',
      out,
      '--key-file',
      key,
      '--data',
      data,
      '--force',
    ]);
    expect(forced.code).toBe(0);
    expect(digest(databasePath(data))).toBe(saved);
    expect((await cli(['user', 'list', '--data', data])).out).toEqual([
      'lan\tclerk\tNguyễn Thị Lan',
    ]);
  });
});

function readdir(path: string): string[] {
  return existsSync(path) ? readdirSync(path) : [];
}
