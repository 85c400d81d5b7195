import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import type { Snapshot } from '@luot/protocol';
import { hashSecret, verifyPassword } from './auth.ts';
import { CLI_ACTOR, runCli } from './cli.ts';
import { createFakeClock } from './clock.ts';
import {
  createProvinceStore,
  openDatabase,
  tableDigest,
  type SqliteProvince,
  type SqliteSite,
} from './db/index.ts';
import { DEFAULT_SITE_ID } from './store.ts';
import { createHub, type Hub } from './hub.ts';
import {
  databasePath,
  DEMO_SITE_FILE,
  loadSiteConfig,
  openProvince,
  sqlitePorts,
} from './setup.ts';

const PASSWORD = 'mat-khau-cua-lan';
/** 09:00 on Monday 2026-11-23 in Asia/Ho_Chi_Minh: inside the demo fields' morning session. */
const MONDAY_9AM = Date.parse('2026-11-23T02:00:00Z');

let dir: string;
let hub: {
  hub: Hub;
  store: SqliteProvince;
  clock: ReturnType<typeof createFakeClock>;
  url: string;
} | null = null;
const sockets: HubSocket[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-cli-'));
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  if (hub) {
    await hub.hub.close();
    hub.store.close();
    hub = null;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one CLI command with collected output, a fixed clock and only the given environment. */
async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => MONDAY_9AM,
    env,
  });
  return { code, out, err };
}

async function init() {
  const res = await cli(['init', '--data', dir, '--site', DEMO_SITE_FILE]);
  expect(res).toMatchObject({ code: 0, err: [] });
}

/**
 * Reads the data directory through its own store, the way an operator's tools would: the
 * deployment's people, and the default site's part.
 */
function withStore<T>(read: (store: SqliteProvince & SqliteSite) => T): T {
  const province = openProvince(dir);
  try {
    return read({ ...province, ...province.site(DEFAULT_SITE_ID) });
  } finally {
    province.close();
  }
}

function liveDigest(path: string): string {
  const db = openDatabase(path);
  try {
    return tableDigest(db);
  } finally {
    db.close();
  }
}

/** A real hub on the data directory, 09:00 on a Monday (inside the demo's issuing hours). */
async function startHub(): Promise<string> {
  const store = openProvince(dir);
  const clock = createFakeClock(MONDAY_9AM);
  const h = await createHub({
    ...sqlitePorts(store, pino({ level: 'silent' })),
    clock,
    log: pino({ level: 'silent' }),
    options: { sweepIntervalMs: 200 },
  });
  const port = await h.listen(0, '127.0.0.1');
  hub = { hub: h, store, clock, url: `http://127.0.0.1:${port}` };
  return hub.url;
}

function connect(url: string, token: string): Promise<{ socket: HubSocket; snapshot: Snapshot }> {
  const socket = connectHub(url, token);
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('snapshot', (snapshot) => resolve({ socket, snapshot }));
    socket.once('connect_error', reject);
  });
}

/** Pairs a kiosk through the CLI and returns the token it printed. */
async function pairKiosk(id: string): Promise<string> {
  const res = await cli([
    'device',
    'pair',
    '--data',
    dir,
    '--id',
    id,
    '--kind',
    'kiosk',
    '--name',
    'Kiosk sảnh',
  ]);
  expect(res.code).toBe(0);
  expect(res.out).toHaveLength(1);
  return res.out[0]!;
}

describe('luot init', () => {
  it('stores the validated site configuration and refuses to initialise twice', async () => {
    await init();
    expect(withStore((s) => s.readConfig())).toEqual(loadSiteConfig(DEMO_SITE_FILE));

    const before = liveDigest(databasePath(dir));
    const again = await cli(['init', '--data', dir, '--site', DEMO_SITE_FILE]);
    expect(again.code).toBe(2);
    expect(again.err).toEqual([`luot: ${dir} is already initialised`]);
    expect(liveDigest(databasePath(dir))).toBe(before);
  });

  it('needs a site file or --demo', async () => {
    const res = await cli(['init', '--data', dir]);
    expect(res.code).toBe(2);
    expect(res.err.join('\n')).toContain('missing --site');
    expect(withStore((s) => s.readConfig())).toBeNull();
  });
});

describe('luot user', () => {
  it('adds a clerk whose password is stored only as a scrypt hash', async () => {
    await init();
    const res = await cli([
      'user',
      'add',
      '--data',
      dir,
      '--username',
      'cb99',
      '--name',
      'Nguyễn Thị Lan',
      '--role',
      'clerk',
      '--password',
      PASSWORD,
    ]);
    expect(res).toEqual({ code: 0, out: ['Created clerk cb99.'], err: [] });

    const user = withStore((s) => s.findUser('cb99'))!;
    expect(user).toMatchObject({
      username: 'cb99',
      name: 'Nguyễn Thị Lan',
      role: 'clerk',
      disabled: false,
    });
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(user.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword(PASSWORD, user.passwordHash)).toBe(true);
    expect(await verifyPassword('mat-khau-khac', user.passwordHash)).toBe(false);
  });

  it('takes the password from LUOT_PASSWORD when --password is not given', async () => {
    await init();
    const res = await cli(
      [
        'user',
        'add',
        '--data',
        dir,
        '--username',
        'quantri',
        '--name',
        'Quản trị',
        '--role',
        'admin',
      ],
      { LUOT_PASSWORD: PASSWORD },
    );
    expect(res.code).toBe(0);
    const user = withStore((s) => s.findUser('quantri'))!;
    expect(await verifyPassword(PASSWORD, user.passwordHash)).toBe(true);
  });

  it('refuses a too-short password, a missing password and an unknown role, creating nobody', async () => {
    await init();
    const base = ['user', 'add', '--data', dir, '--username', 'cb98', '--name', 'Trần Văn Minh'];

    const short = await cli([...base, '--role', 'clerk', '--password', 'ngan']);
    expect(short.code).toBe(2);
    expect(short.err).toEqual(['luot: a password has at least 8 characters']);

    const none = await cli([...base, '--role', 'clerk']);
    expect(none.code).toBe(2);
    expect(none.err.join('\n')).toContain('LUOT_PASSWORD');

    const role = await cli([...base, '--role', 'boss', '--password', PASSWORD]);
    expect(role.code).toBe(2);
    expect(role.err).toEqual(['luot: unknown role boss']);

    expect(withStore((s) => s.findUser('cb98'))).toBeNull();
  });

  it('lists users by role, then username', async () => {
    await init();
    for (const [username, role, name] of [
      ['cb02', 'clerk', 'Trần Văn Minh'],
      ['cb01', 'clerk', 'Nguyễn Thị Lan'],
      ['quantri', 'admin', 'Quản trị hệ thống'],
    ] as const)
      expect(
        (
          await cli([
            'user',
            'add',
            '--data',
            dir,
            '--username',
            username,
            '--name',
            name,
            '--role',
            role,
            '--password',
            PASSWORD,
          ])
        ).code,
      ).toBe(0);

    const res = await cli(['user', 'list', '--data', dir]);
    expect(res).toEqual({
      code: 0,
      out: [
        'quantri\tadmin\tQuản trị hệ thống',
        'cb01\tclerk\tNguyễn Thị Lan',
        'cb02\tclerk\tTrần Văn Minh',
      ],
      err: [],
    });
  });
});

describe('luot device, against a running hub', () => {
  it('pairs a kiosk whose printed token the hub accepts, and a revocation cuts it off within seconds', async () => {
    await init();
    const token = await pairKiosk('kiosk-9');
    expect(token).toMatch(/^dev_[\w-]{32}$/);
    // Only the token's SHA-256 is stored.
    const db = openDatabase(databasePath(dir));
    expect(db.prepare(`SELECT token_hash AS hash FROM devices WHERE id = 'kiosk-9'`).get()).toEqual(
      {
        hash: hashSecret(token),
      },
    );
    db.close();

    const url = await startHub();
    const { socket, snapshot } = await connect(url, token);
    expect(snapshot.you).toMatchObject({ role: 'kiosk', deviceId: 'kiosk-9' });
    // The demo's đất đai asks for the citizen's ID card (a made-up adult's number, typed).
    const issued = await request(socket, 'ticket:issue', {
      fieldId: 'dat-dai',
      idCard: { number: '079085001234' },
    });
    expect(issued.ok && issued.data.ticket.label).toBe('1001');

    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const revoke = await cli(['device', 'revoke', '--data', dir, '--id', 'kiosk-9']);
    expect(revoke).toMatchObject({ code: 0, err: [] });
    // The CLI writes to the file from its own connection; the hub's sweep notices.
    await expect(
      Promise.race([
        disconnected,
        new Promise((_, reject) => setTimeout(() => reject(new Error('still connected')), 5000)),
      ]),
    ).resolves.toBe('io server disconnect');

    const again = connectHub(url, token);
    sockets.push(again);
    const refused = await new Promise<Error>((resolve) => again.once('connect_error', resolve));
    expect(refused.message).toBe('UNAUTHENTICATED');
    again.disconnect();

    const list = await cli(['device', 'list', '--data', dir]);
    expect(list.out).toHaveLength(1);
    expect(list.out[0]!.split('\t').slice(0, 5)).toEqual([
      'kiosk-9',
      'kiosk',
      'Kiosk sảnh',
      '-',
      'revoked',
    ]);
    expect((await cli(['device', 'revoke', '--data', dir, '--id', 'kiosk-9'])).code).toBe(2);
  });

  it('a clerk created by the CLI signs in at the running hub', async () => {
    await init();
    expect(
      (
        await cli([
          'user',
          'add',
          '--data',
          dir,
          '--username',
          'cb99',
          '--name',
          'Lê Thị Hồng',
          '--role',
          'clerk',
          '--password',
          PASSWORD,
        ])
      ).code,
    ).toBe(0);
    const url = await startHub();
    const res = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cb99', password: PASSWORD, counterId: 'quay-03' }),
    });
    expect(await res.json()).toMatchObject({
      ok: true,
      data: { counterId: 'quay-03', user: { role: 'clerk' } },
    });
  });

  it('refuses to pair a device at an unknown counter, or under an id already taken', async () => {
    await init();
    const unknown = await cli([
      'device',
      'pair',
      '--data',
      dir,
      '--id',
      'sign-99',
      '--kind',
      'display',
      '--name',
      'Màn hình quầy 99',
      '--counter',
      'quay-99',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toEqual([]);
    expect(unknown.err).toEqual(['luot: no counter quay-99']);
    expect(withStore((s) => s.deviceById('sign-99'))).toBeNull();

    await pairKiosk('kiosk-1');
    const taken = await cli([
      'device',
      'pair',
      '--data',
      dir,
      '--id',
      'kiosk-1',
      '--kind',
      'kiosk',
      '--name',
      'Khác',
    ]);
    expect(taken.code).toBe(2);
    expect(taken.out).toEqual([]);
    expect((await cli(['device', 'list', '--data', dir])).out).toHaveLength(1);
  });
});

describe('luot backup', () => {
  it('copies the live database while the hub runs, encrypted, table for table', async () => {
    await init();
    const url = await startHub();
    const { socket } = await connect(url, await pairKiosk('kiosk-1'));
    for (const fieldId of ['dat-dai', 'ho-tich', 'dat-dai']) {
      const idCard = fieldId === 'dat-dai' ? { idCard: { number: '079085001234' } } : {};
      expect((await request(socket, 'ticket:issue', { fieldId, ...idCard })).ok).toBe(true);
      hub!.clock.advance(5_000); // past the kiosk's minimum interval between tickets
    }
    const key = join(dir, 'backup.key');
    expect((await cli(['backup-key', '--out', key])).code).toBe(0);

    const out = join(dir, 'luot-2026-11-23.luotbak');
    const res = await cli(['backup', '--data', dir, '--out', out, '--key-file', key]);
    expect(res).toMatchObject({ code: 0, err: [] });
    const live = liveDigest(databasePath(dir));
    expect(res.out).toEqual([`Backed up to ${out}, encrypted (digest ${live.slice(0, 16)}).`]);
    // Not one readable SQLite page: the file is the cipher's output.
    expect(readFileSync(out).includes(Buffer.from('SQLite format 3'))).toBe(false);

    // Restored elsewhere, it holds the day's tickets.
    const copyDir = join(dir, 'restored');
    const restored = await cli(['restore', '--in', out, '--key-file', key, '--data', copyDir]);
    expect(restored).toMatchObject({ code: 0, err: [] });
    expect(liveDigest(databasePath(copyDir))).toBe(live);
    const backupFile = createProvinceStore(openDatabase(databasePath(copyDir)));
    const backup = backupFile.site(DEFAULT_SITE_ID);
    try {
      const issued = backup
        .eventsOfDay('2026-11-23')
        .flatMap(({ event }) => (event.type === 'ticket.issued' ? [event.ticket.label] : []));
      expect(issued).toEqual(['1001', 'A001', '1002']);
      expect(backup.lastSeq()).toBe(hub!.hub.queue.seq);
    } finally {
      backupFile.close();
    }
    // The hub keeps working after the backup.
    expect((await request(socket, 'ticket:issue', { fieldId: 'ho-tich' })).ok).toBe(true);

    // An existing file is never overwritten.
    const before = readFileSync(out);
    const again = await cli(['backup', '--data', dir, '--out', out, '--key-file', key]);
    expect(again.code).toBe(2);
    expect(again.err).toEqual([`luot: ${out} exists`]);
    expect(readFileSync(out).equals(before)).toBe(true);

    // Nor is a directory created for it.
    const nowhere = await cli([
      'backup',
      '--data',
      dir,
      '--out',
      join(dir, 'missing', 'x.db'),
      '--key-file',
      key,
    ]);
    expect(nowhere.code).not.toBe(0);
    expect(nowhere.err.join('\n')).toContain('directory does not exist');
    expect(existsSync(join(dir, 'missing'))).toBe(false);

    // Without a key there is no backup.
    const keyless = await cli(['backup', '--data', dir, '--out', join(dir, 'plain.db')]);
    expect(keyless).toMatchObject({ code: 2, err: ['luot: missing --key-file'] });
    expect(existsSync(join(dir, 'plain.db'))).toBe(false);
  });
});

describe('luot with a wrong command line', () => {
  it('refuses an unknown command with exit code 2, naming it', async () => {
    await init();
    const res = await cli(['frobnicate', '--data', dir]);
    expect(res.code).toBe(2);
    expect(res.err.join('\n')).toContain('unknown command "frobnicate"');
  });

  it('prints the usage with no command, and for --help', async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.out.join('\n')).toContain('luot device pair');
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toEqual(none.out);
  });

  it('prints the usage text for an unknown command, with or without --data', async () => {
    for (const argv of [['frobnicate'], ['frobnicate', '--data', dir]]) {
      const res = await cli(argv);
      expect(res.code).toBe(2);
      expect(res.err.join('\n')).toContain('unknown command "frobnicate"');
      expect([...res.out, ...res.err].join('\n')).toContain('luot device pair');
    }
  });

  // KNOWN GAP in cli.ts (see the report): parseArgs runs outside the try, so an unknown option
  // rejects runCli (an uncaught ERR_PARSE_ARGS_UNKNOWN_OPTION stack trace) instead of exiting 2.
  it('refuses an unknown option with exit code 2', async () => {
    await init();
    const res = await cli(['user', 'list', '--data', dir, '--colour']);
    expect(res.code).toBe(2);
  });
});

describe('luot and the audit trail', () => {
  it('records each change it makes, as the admin pages do, and nothing for a refused one', async () => {
    await init();
    const pw = ['--password', PASSWORD];
    const steps = [
      ['user', 'add', '--username', 'lan', '--name', 'Nguyễn Thị Lan', '--role', 'clerk', ...pw],
      ['user', 'password', '--username', 'lan', ...pw],
      ['user', 'disable', '--username', 'lan'],
      ['device', 'pair', '--id', 'kiosk-2', '--kind', 'kiosk', '--name', 'Kiosk tầng 2'],
      ['device', 'revoke', '--id', 'kiosk-2'],
      ['user', 'disable', '--username', 'khong-co'],
    ];
    for (const [a, b, ...rest] of steps) await cli([a!, b!, '--data', dir, ...rest]);
    const entries = withStore((s) => s.listAudit(10)).reverse();
    expect(entries.map((e) => [e.actor, e.action, e.target, e.detail])).toEqual([
      [CLI_ACTOR, 'user.create', 'lan', { role: 'clerk', name: 'Nguyễn Thị Lan' }],
      [CLI_ACTOR, 'user.password', 'lan', {}],
      [CLI_ACTOR, 'user.disable', 'lan', {}],
      [CLI_ACTOR, 'device.pair', 'kiosk-2', { kind: 'kiosk', name: 'Kiosk tầng 2' }],
      [CLI_ACTOR, 'device.revoke', 'kiosk-2', { kind: 'kiosk', name: 'Kiosk tầng 2' }],
    ]);
    expect(entries.every((e) => e.at === MONDAY_9AM)).toBe(true);
  });
});
