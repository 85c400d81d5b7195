#!/usr/bin/env node
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DEVICE_KINDS,
  USER_ROLES,
  type AuditAction,
  type AuditEntry,
  type DeviceKind,
  type UserRole,
} from '@luot/protocol';
import { hashPassword } from './auth.ts';
import { backupDatabase, openDatabase, tableDigest } from './db/index.ts';
import { addUser, databasePath, loadSiteConfig, openStore, pairDevice, seedDemo } from './setup.ts';

/** Who the audit trail names for changes made with this command line. */
export const CLI_ACTOR = 'luot (dòng lệnh)';

const USAGE = `luot — operator commands for a Lượt hub

  luot init      --data DIR (--site FILE | --demo)
  luot user add  --data DIR --username U --name "Full Name" --role clerk|supervisor|admin
                 [--password P]   (or set LUOT_PASSWORD)
  luot user password --data DIR --username U [--password P]
  luot user disable  --data DIR --username U
  luot user list     --data DIR
  luot device pair   --data DIR --id ID --kind kiosk|display|rating --name "Name"
                     [--counter COUNTER_ID] [--speaks]     prints the device token once
  luot device revoke --data DIR --id ID
  luot device list   --data DIR
  luot backup        --data DIR --out FILE                online copy of the database
`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  now: () => number;
  env: Record<string, string | undefined>;
}

const COMMANDS = [
  'init',
  'user add',
  'user password',
  'user disable',
  'user list',
  'device pair',
  'device revoke',
  'device list',
  'backup',
];

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      site: { type: 'string' },
      demo: { type: 'boolean', default: false },
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      id: { type: 'string' },
      kind: { type: 'string' },
      counter: { type: 'string' },
      speaks: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
}

/** Runs one operator command; returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (err) {
    io.err(`luot: ${(err as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals.join(' ');
  if (values.help || !command) {
    io.out(USAGE);
    return values.help ? 0 : 2;
  }
  if (!COMMANDS.includes(command)) {
    io.err(`luot: unknown command "${command}"`);
    io.err(USAGE);
    return 2;
  }
  const need = (key: keyof typeof values): string => {
    const value = values[key];
    if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${key}`);
    return value;
  };

  try {
    const dataDir = resolve(need('data'));
    if (command === 'init') {
      const store = openStore(dataDir);
      try {
        if (store.readConfig()) throw new UsageError(`${dataDir} is already initialised`);
        if (values.demo) {
          const demo = await seedDemo(store, io.now());
          io.out(
            `Initialised ${dataDir} with the demo centre. Password for every account: ${demo.password}`,
          );
          for (const d of demo.devices) io.out(`device ${d.id}\t${d.kind}\t${d.token}`);
        } else {
          store.writeConfig(loadSiteConfig(need('site')), io.now());
          io.out(`Initialised ${dataDir}. Next: luot user add --role admin …`);
        }
      } finally {
        store.close();
      }
      return 0;
    }

    if (!existsSync(databasePath(dataDir)))
      throw new UsageError(`${dataDir} has no database; run luot init`);
    const store = openStore(dataDir);
    // Changes made here are in the audit trail beside those made in the admin pages.
    const audit = (action: AuditAction, target: string, detail: AuditEntry['detail']) =>
      store.appendAudit({ at: io.now(), actor: CLI_ACTOR, action, target, detail });
    try {
      switch (command) {
        case 'user add': {
          const role = need('role');
          if (!(USER_ROLES as readonly string[]).includes(role))
            throw new UsageError(`unknown role ${role}`);
          const password = values.password ?? io.env.LUOT_PASSWORD;
          if (!password) throw new UsageError('give --password or set LUOT_PASSWORD');
          if (password.length < 8) throw new UsageError('a password has at least 8 characters');
          await addUser(
            store,
            { username: need('username'), name: need('name'), role: role as UserRole, password },
            io.now(),
          );
          audit('user.create', need('username'), { role: role as UserRole, name: need('name') });
          io.out(`Created ${role} ${values.username}.`);
          return 0;
        }
        case 'user password': {
          const password = values.password ?? io.env.LUOT_PASSWORD;
          if (!password || password.length < 8)
            throw new UsageError('a password has at least 8 characters');
          // Ends every session of that person; a running hub's sweep drops their sockets.
          if (!store.setPassword(need('username'), await hashPassword(password), io.now()))
            throw new UsageError(`no user ${values.username}`);
          audit('user.password', need('username'), {});
          io.out(`Password of ${values.username} changed; their sessions are ended.`);
          return 0;
        }
        case 'user disable': {
          if (!store.setDisabled(need('username'), true, io.now()))
            throw new UsageError(`no user ${values.username}`);
          audit('user.disable', need('username'), {});
          io.out(`Disabled ${values.username}; their sessions are ended.`);
          return 0;
        }
        case 'user list': {
          for (const u of store.listUsers())
            io.out(`${u.username}\t${u.role}\t${u.name}${u.disabled ? '\t(disabled)' : ''}`);
          return 0;
        }
        case 'device pair': {
          const kind = need('kind');
          if (!(DEVICE_KINDS as readonly string[]).includes(kind))
            throw new UsageError(`unknown kind ${kind}`);
          const id = need('id');
          if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id))
            throw new UsageError('a device id is lowercase letters, digits and dashes');
          if (store.deviceById(id))
            throw new UsageError(`device ${id} exists; revoke it or pick another id`);
          if (values.counter && !store.readConfig()?.counters.some((c) => c.id === values.counter))
            throw new UsageError(`no counter ${values.counter}`);
          const token = await pairDevice(
            store,
            {
              id,
              kind: kind as DeviceKind,
              name: need('name'),
              counterId: values.counter ?? null,
              speaks: values.speaks,
            },
            io.now(),
          );
          audit('device.pair', id, { kind: kind as DeviceKind, name: need('name') });
          io.out(token);
          return 0;
        }
        case 'device revoke': {
          const device = store.deviceById(need('id'));
          if (!store.revokeDevice(need('id'), io.now()))
            throw new UsageError(`no active device ${values.id}`);
          audit('device.revoke', need('id'), { kind: device!.kind, name: device!.name });
          io.out(`Revoked ${values.id}; the hub disconnects it within seconds.`);
          return 0;
        }
        case 'device list': {
          for (const d of store.listDevices())
            io.out(
              [
                d.id,
                d.kind,
                d.name,
                d.counterId ?? '-',
                d.revokedAt ? 'revoked' : 'active',
                d.lastSeenAt ? new Date(d.lastSeenAt).toISOString() : 'never seen',
              ].join('\t'),
            );
          return 0;
        }
        case 'backup': {
          const out = resolve(need('out'));
          if (existsSync(out)) throw new UsageError(`${out} exists`);
          const db = openDatabase(databasePath(dataDir));
          try {
            await backupDatabase(db, out);
          } finally {
            db.close();
          }
          const copy = openDatabase(out);
          const digest = tableDigest(copy);
          copy.close();
          io.out(`Backed up to ${out} (digest ${digest.slice(0, 16)}).`);
          return 0;
        }
        default:
          throw new UsageError(`unknown command "${command}"`);
      }
    } finally {
      store.close();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`luot: ${err.message}`);
      return 2;
    }
    io.err(`luot: ${(err as Error).message}`);
    return 1;
  }
}

class UsageError extends Error {}

/** Whether this module is the program node was started with (also through a `bin` symlink). */
function isMainModule(): boolean {
  const script = process.argv[1];
  return !!script && existsSync(script) && realpathSync(script) === fileURLToPath(import.meta.url);
}

if (isMainModule()) {
  // The database and its backups hold personal data: readable by the hub's own user only.
  process.umask(0o077);
  runCli(process.argv.slice(2), {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
    now: () => Date.now(),
    env: process.env,
  }).then((code) => process.exit(code));
}
