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
import { isCalendarDay, serviceDay } from '@luot/domain';
import { hashPassword } from './auth.ts';
import { readKey, writeNewKey } from './backup-file.ts';
import { encryptedBackup, RestoreRefused, restoreBackup } from './backup.ts';
import { describeFix } from './file-modes.ts';
import { purgePlan, runPurge } from './retention.ts';
import {
  addUser,
  databasePath,
  loadSiteConfig,
  openStore as openDataStore,
  pairDevice,
  seedDemo,
} from './setup.ts';
import { asyncStore } from './store.ts';
import { issueTls, trustSteps } from './tls-files.ts';

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
  luot backup        --data DIR --out FILE --key-file KEY
                     online copy of the database, encrypted with the operator's key
  luot restore       --in FILE --key-file KEY --data DIR [--force]
                     a backup back into a data directory (the hub stopped)
  luot backup-key    --out KEY                            a new backup key (keep a copy off the machine)
  luot purge         --data DIR [--before YYYY-MM-DD | --older-than-days N] [--dry-run]
                     removes visits, free text, phone links and sessions past the retention
  luot tls           --data DIR --name HOST [--name HOST…] [--ip ADDR…]
                     makes the centre's CA once (DIR/tls/ca.crt), issues DIR/tls/server.crt
                     for these names, and prints how to trust ca.crt on each machine
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
  'tls',
  'restore',
  'backup-key',
  'purge',
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
      // Several with `luot tls`; the last one elsewhere.
      name: { type: 'string', multiple: true },
      ip: { type: 'string', multiple: true },
      role: { type: 'string' },
      password: { type: 'string' },
      id: { type: 'string' },
      kind: { type: 'string' },
      counter: { type: 'string' },
      speaks: { type: 'boolean', default: false },
      out: { type: 'string' },
      in: { type: 'string' },
      'key-file': { type: 'string' },
      force: { type: 'boolean', default: false },
      before: { type: 'string' },
      'older-than-days': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
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
    const raw = values[key];
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${key}`);
    return value;
  };

  try {
    if (command === 'backup-key') {
      const out = resolve(need('out'));
      if (existsSync(out)) throw new UsageError(`${out} exists; a key is never replaced`);
      writeNewKey(out);
      io.out(
        `Wrote a new backup key to ${out} (readable by you only). Keep a copy off this machine: without it no backup can be restored.`,
      );
      return 0;
    }
    const dataDir = resolve(need('data'));
    // A data directory readable by others (made before the hub set its umask) is tightened.
    const openStore = (dir: string) =>
      openDataStore(dir, (fix) => io.err(`luot: tightened ${describeFix(fix)}`));
    if (command === 'restore') {
      const key = readKey(resolve(need('key-file')));
      const input = resolve(need('in'));
      if (!existsSync(input)) throw new UsageError(`${input} does not exist`);
      const digest = await restoreBackup(input, key, dataDir, values.force, (line) => io.err(line));
      io.out(`Restored ${input} into ${dataDir} (digest ${digest.slice(0, 16)}).`);
      return 0;
    }
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

    if (command === 'tls') {
      const names = { names: values.name ?? [], ips: values.ip ?? [] };
      if (names.names.length + names.ips.length === 0)
        throw new UsageError("give the hub's names and addresses: --name HOST, --ip ADDR");
      let issued: ReturnType<typeof issueTls>;
      try {
        issued = issueTls(dataDir, names, new Date(io.now()));
      } catch (err) {
        if (err instanceof Error && /^(not a|give)/.test(err.message))
          throw new UsageError(err.message);
        throw err;
      }
      const { paths } = issued;
      io.out(
        issued.caCreated
          ? `Made the centre's certificate authority: ${paths.caCert} (key ${paths.caKey}, keep it secret).`
          : `Kept the centre's certificate authority ${paths.caCert}.`,
      );
      io.out(
        `Issued ${paths.serverCert} (key ${paths.serverKey}) for ${[...names.names, ...names.ips].join(', ')}, valid until ${issued.notAfter.toISOString().slice(0, 10)}.`,
      );
      const first = names.names[0] ?? names.ips[0]!;
      for (const line of trustSteps(
        paths.caCert,
        `https://${first.includes(':') ? `[${first}]` : first}:8080/`,
      ))
        io.out(line);
      return 0;
    }

    if (!existsSync(databasePath(dataDir)))
      throw new UsageError(`${dataDir} has no database; run luot init`);
    const store = openStore(dataDir);
    // Changes made here are in the audit trail beside those made in the admin pages.
    const audit = (action: AuditAction, target: string | null, detail: AuditEntry['detail']) =>
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
          const key = readKey(resolve(need('key-file')));
          const digest = await encryptedBackup(databasePath(dataDir), out, key);
          io.out(`Backed up to ${out}, encrypted (digest ${digest.slice(0, 16)}).`);
          return 0;
        }
        case 'purge': {
          const config = store.readConfig();
          if (!config) throw new UsageError(`${dataDir} has no site configuration`);
          let override: { before?: string; olderThanDays?: number } = {};
          if (values.before !== undefined && values['older-than-days'] !== undefined)
            throw new UsageError('give --before or --older-than-days, not both');
          if (values.before !== undefined) {
            if (!isCalendarDay(values.before))
              throw new UsageError(`--before ${values.before} is not a date (YYYY-MM-DD)`);
            override = { before: values.before };
          } else if (values['older-than-days'] !== undefined) {
            const n = Number(values['older-than-days']);
            if (!/^\d+$/.test(values['older-than-days']) || n < 1 || n > 36500)
              throw new UsageError('--older-than-days is a whole number of days, at least 1');
            override = { olderThanDays: n };
          }
          // Today is the site's service day, or the newest stored one if a hub's clock is ahead.
          const now = io.now();
          const latest = store.latestDay();
          const local = serviceDay(now, config.site.timeZone);
          const today = latest !== null && latest > local ? latest : local;
          const plan = purgePlan(config.retention, today, now, override);
          const counts = values['dry-run']
            ? store.purgeCounts(plan.before, plan.sessionsBefore, plan.auditBefore)
            : await runPurge(asyncStore(store), plan, now);
          io.out(
            `${values['dry-run'] ? 'Would remove' : 'Removed'} ${counts.days} service days before ${plan.before} ` +
              `(${counts.tickets} tickets, ${counts.services} visits, ${counts.events} events), ` +
              `${counts.sessions} ended sessions and ${counts.audit} audit entries older than ` +
              `${config.retention.auditDays} days. Reports of those days keep their figures.`,
          );
          if (!values['dry-run'] && counts.days + counts.sessions + counts.audit > 0)
            audit('data.purge', null, { before: plan.before, removed: { ...counts } });
          return 0;
        }
        default:
          throw new UsageError(`unknown command "${command}"`);
      }
    } finally {
      store.close();
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof RestoreRefused) {
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
