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
import { asyncProvince } from './db/index.ts';
import {
  addUser,
  databasePath,
  initSite,
  loadSiteConfig,
  openProvince as openDataProvince,
  pairDevice,
  seedDemo,
} from './setup.ts';
import { DEFAULT_SITE_ID, SITE_ID_PATTERN, type ProvinceStore } from './store.ts';
import { openPostgres } from './postgres.ts';
import { issueTls, trustSteps } from './tls-files.ts';
import { MigrationRefused, migrateToPostgres } from './migrate-to-postgres.ts';
import { runVerify, VERIFY_USAGE } from './chain/verify-command.ts';

/** Who the audit trail names for changes made with this command line. */
export const CLI_ACTOR = 'luot (dòng lệnh)';

const USAGE = `luot — operator commands for a Lượt hub

  Every command but backup, restore, backup-key and tls works on a data directory (--data DIR,
  the embedded SQLite file) or on a province's PostgreSQL (--postgres URL, or LUOT_POSTGRES_URL).
  Site commands act on --site-id ID (default ${DEFAULT_SITE_ID}, a centre's one site).

  luot init      --data DIR (--site FILE | --demo) [--site-id ID]
  luot site add  (--data DIR | --postgres URL) --site-id ID --site FILE
  luot site list (--data DIR | --postgres URL)
  luot user add  --data DIR --username U --name "Full Name" --role clerk|guide|supervisor|admin
                 [--password P]   (or set LUOT_PASSWORD)
                 [--sites ID,ID… | --all-sites]   (default: --site-id's site; --all-sites with
                 --role admin: a province administrator)
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
  luot migrate       --data DIR --postgres URL [--site-id ID] [--as ID]
                     moves a centre's site (its whole history, devices, people) into the
                     province's PostgreSQL as site --as (default: the same id); stop the hub first
  luot tls           --data DIR --name HOST [--name HOST…] [--ip ADDR…]
                     makes the centre's CA once (DIR/tls/ca.crt), issues DIR/tls/server.crt
                     for these names, and prints how to trust ca.crt on each machine
${VERIFY_USAGE}
`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  now: () => number;
  env: Record<string, string | undefined>;
}

const COMMANDS = [
  'init',
  'site add',
  'site list',
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
  'migrate',
  'verify',
];

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      postgres: { type: 'string' },
      site: { type: 'string' },
      'site-id': { type: 'string' },
      as: { type: 'string' },
      sites: { type: 'string' },
      'all-sites': { type: 'boolean', default: false },
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
      // luot verify
      backup: { type: 'string' },
      key: { type: 'string' },
      published: { type: 'string' },
      code: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
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

  /**
   * The deployment a command works on: a data directory's SQLite file (`--data`), or a
   * province's PostgreSQL (`--postgres`, LUOT_POSTGRES_URL). `creating`: init and site add
   * may make the data directory.
   */
  async function openDeployment(creating: boolean): Promise<{
    province: ProvinceStore;
    sqlite: ReturnType<typeof openDataProvince> | null;
    name: string;
    close(): Promise<void>;
  }> {
    const url = values.postgres ?? (values.data ? undefined : io.env.LUOT_POSTGRES_URL);
    if (url) {
      const province = await openPostgres(url);
      return {
        province,
        sqlite: null,
        name: 'the PostgreSQL database',
        close: () => province.close(),
      };
    }
    const dataDir = resolve(need('data'));
    if (!creating && !existsSync(databasePath(dataDir)))
      throw new UsageError(`${dataDir} has no database; run luot init`);
    // A data directory readable by others (made before the hub set its umask) is tightened.
    const sqlite = openDataProvince(dataDir, (fix) =>
      io.err(`luot: tightened ${describeFix(fix)}`),
    );
    return {
      province: asyncProvince(sqlite),
      sqlite,
      name: dataDir,
      close: async () => sqlite.close(),
    };
  }

  /** The sites a new person works at: --sites, --all-sites (every site), or --site-id's. */
  async function sitesOfNewUser(province: ProvinceStore, siteId: string): Promise<string[] | null> {
    if (values['all-sites']) {
      if (values.sites) throw new UsageError('give --sites or --all-sites, not both');
      return null;
    }
    if (!values.sites) return [siteId];
    const sites = values.sites
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const known = new Set((await province.listSites()).map((site) => site.id));
    const unknown = sites.find((id) => !known.has(id));
    if (unknown !== undefined || sites.length === 0)
      throw new UsageError(`no site ${unknown ?? '(none given)'}; luot site list`);
    return sites;
  }

  /** `luot tls`: the centre's CA and a server certificate for its names. */
  function tls(dataDir: string): number {
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
    if (command === 'restore') {
      const dataDir = resolve(need('data'));
      const key = readKey(resolve(need('key-file')));
      const input = resolve(need('in'));
      if (!existsSync(input)) throw new UsageError(`${input} does not exist`);
      const digest = await restoreBackup(input, key, dataDir, values.force, (line) => io.err(line));
      io.out(`Restored ${input} into ${dataDir} (digest ${digest.slice(0, 16)}).`);
      return 0;
    }
    if (command === 'tls') return tls(resolve(need('data')));
    if (command === 'verify') {
      if (values.postgres) {
        io.err('luot: verify --postgres is not built yet (issue 17, chain on PostgreSQL)');
        return 2;
      }
      return await runVerify(
        {
          ...(values.data !== undefined && { data: values.data }),
          ...(values.backup !== undefined && { backup: values.backup }),
          ...((values.key ?? values['key-file']) !== undefined && {
            key: (values.key ?? values['key-file'])!,
          }),
          ...((values.site ?? values['site-id']) !== undefined && {
            site: (values.site ?? values['site-id'])!,
          }),
          ...(values.published !== undefined && { published: values.published }),
          ...(values.code !== undefined && { code: values.code }),
          json: values.json,
        },
        io,
      );
    }
    if (command === 'migrate') {
      const dataDir = resolve(need('data'));
      if (!existsSync(databasePath(dataDir))) throw new UsageError(`${dataDir} has no database`);
      try {
        const counts = await migrateToPostgres({
          sqlitePath: databasePath(dataDir),
          postgresUrl: values.postgres ?? io.env.LUOT_POSTGRES_URL ?? need('postgres'),
          siteId: values['site-id'],
          as: values.as,
          now: io.now(),
          progress: io.err,
        });
        io.out(
          `Migrated ${values['site-id'] ?? DEFAULT_SITE_ID} as ${values.as ?? values['site-id'] ?? DEFAULT_SITE_ID}: ` +
            `${counts.events} events (last seq ${counts.lastSeq}), ${counts.tickets} tickets, ` +
            `${counts.visits} visits, ${counts.reportDays} packed days, ${counts.devices} devices, ` +
            `${counts.audit} audit entries, ${counts.media} board files, ${counts.users} people, ` +
            `${counts.sessions} open sessions, ${counts.apiKeys} API keys ` +
            `in ${(counts.ms / 1000).toFixed(1)} s. Do not start this hub on ${dataDir} again.`,
        );
        return 0;
      } catch (err) {
        if (err instanceof MigrationRefused) throw new UsageError(err.message);
        throw err;
      }
    }
    if (command === 'backup') {
      const dataDir = resolve(need('data'));
      if (!existsSync(databasePath(dataDir)))
        throw new UsageError(`${dataDir} has no database; run luot init`);
      const out = resolve(need('out'));
      if (existsSync(out)) throw new UsageError(`${out} exists`);
      const key = readKey(resolve(need('key-file')));
      const digest = await encryptedBackup(databasePath(dataDir), out, key);
      io.out(`Backed up to ${out}, encrypted (digest ${digest.slice(0, 16)}).`);
      return 0;
    }

    const siteId = values['site-id'] ?? DEFAULT_SITE_ID;
    if (!SITE_ID_PATTERN.test(siteId))
      throw new UsageError(
        'a site id is 1–40 lowercase letters, digits and dashes, e.g. xa-tan-phu',
      );
    const deployment = await openDeployment(command === 'init' || command === 'site add');
    const { province } = deployment;
    const store = province.site(siteId);
    try {
      if (command === 'init' || command === 'site add') {
        if (command === 'init' && (await province.listSites()).length > 0)
          throw new UsageError(`${deployment.name} is already initialised`);
        if (command === 'init' && values.demo) {
          const demo = await seedDemo(province, io.now(), siteId);
          io.out(
            `Initialised ${deployment.name} with the demo centre. Password for every account: ${demo.password}`,
          );
          for (const d of demo.devices) io.out(`device ${d.id}\t${d.kind}\t${d.token}`);
          return 0;
        }
        try {
          await initSite(province, siteId, loadSiteConfig(need('site')), io.now());
        } catch (err) {
          if (err instanceof Error && /^(a site id|site .* exists)/.test(err.message))
            throw new UsageError(err.message);
          throw err;
        }
        io.out(
          command === 'init'
            ? `Initialised ${deployment.name}. Next: luot user add --role admin …`
            : `Added site ${siteId} to ${deployment.name}. Next: luot user add --site-id ${siteId} --role admin …`,
        );
        return 0;
      }
      if (command === 'site list') {
        for (const site of await province.listSites())
          io.out(`${site.id}\t${site.config.site.name}\t${site.config.site.timeZone}`);
        return 0;
      }
      const config = await store.readConfig();
      if (!config) throw new UsageError(`${deployment.name} has no site ${siteId}; luot site list`);
      // Changes made here are in the site's audit trail beside those made in the admin pages.
      const audit = (action: AuditAction, target: string | null, detail: AuditEntry['detail']) =>
        store.appendAudit({ at: io.now(), actor: CLI_ACTOR, action, target, detail });
      switch (command) {
        case 'user add': {
          const role = need('role');
          if (!(USER_ROLES as readonly string[]).includes(role))
            throw new UsageError(`unknown role ${role}`);
          const password = values.password ?? io.env.LUOT_PASSWORD;
          if (!password) throw new UsageError('give --password or set LUOT_PASSWORD');
          if (password.length < 8) throw new UsageError('a password has at least 8 characters');
          const sites = await sitesOfNewUser(province, siteId);
          if ((await province.findUser(need('username'))) !== null)
            throw new UsageError(`user ${values.username} exists`);
          await addUser(
            province,
            {
              username: need('username'),
              name: need('name'),
              role: role as UserRole,
              password,
              sites,
            },
            io.now(),
          );
          await audit('user.create', need('username'), {
            role: role as UserRole,
            name: need('name'),
          });
          io.out(
            sites?.length === 1 && sites[0] === DEFAULT_SITE_ID
              ? `Created ${role} ${values.username}.`
              : `Created ${role} ${values.username} (${sites ? sites.join(', ') : 'every site'}).`,
          );
          return 0;
        }
        case 'user password': {
          const password = values.password ?? io.env.LUOT_PASSWORD;
          if (!password || password.length < 8)
            throw new UsageError('a password has at least 8 characters');
          // Ends every session of that person; a running hub's sweep drops their sockets.
          if (
            !(await province.setPassword(need('username'), await hashPassword(password), io.now()))
          )
            throw new UsageError(`no user ${values.username}`);
          await audit('user.password', need('username'), {});
          io.out(`Password of ${values.username} changed; their sessions are ended.`);
          return 0;
        }
        case 'user disable': {
          if (!(await province.setDisabled(need('username'), true, io.now())))
            throw new UsageError(`no user ${values.username}`);
          await audit('user.disable', need('username'), {});
          io.out(`Disabled ${values.username}; their sessions are ended.`);
          return 0;
        }
        case 'user list': {
          for (const u of await province.listUsers(siteId))
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
          if (await store.deviceById(id))
            throw new UsageError(`device ${id} exists; revoke it or pick another id`);
          if (values.counter && !config.counters.some((c) => c.id === values.counter))
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
          await audit('device.pair', id, { kind: kind as DeviceKind, name: need('name') });
          io.out(token);
          return 0;
        }
        case 'device revoke': {
          const device = await store.deviceById(need('id'));
          if (!(await store.revokeDevice(need('id'), io.now())))
            throw new UsageError(`no active device ${values.id}`);
          await audit('device.revoke', need('id'), { kind: device!.kind, name: device!.name });
          io.out(`Revoked ${values.id}; the hub disconnects it within seconds.`);
          return 0;
        }
        case 'device list': {
          for (const d of await store.listDevices())
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
        case 'purge': {
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
          const latest = await store.latestDay();
          const local = serviceDay(now, config.site.timeZone);
          const today = latest !== null && latest > local ? latest : local;
          const plan = purgePlan(config.retention, today, now, override);
          let counts;
          if (values['dry-run']) {
            if (!deployment.sqlite)
              throw new UsageError('--dry-run counts on a data directory (--data) only');
            counts = deployment.sqlite
              .site(siteId)
              .purgeCounts(plan.before, plan.sessionsBefore, plan.auditBefore);
          } else counts = await runPurge({ store, province }, plan, now);
          io.out(
            `${values['dry-run'] ? 'Would remove' : 'Removed'} ${counts.days} service days before ${plan.before} ` +
              `(${counts.tickets} tickets, ${counts.services} visits, ${counts.events} events), ` +
              `${counts.sessions} ended sessions and ${counts.audit} audit entries older than ` +
              `${config.retention.auditDays} days. Reports of those days keep their figures.`,
          );
          if (!values['dry-run'] && counts.days + counts.sessions + counts.audit > 0)
            await audit('data.purge', null, { before: plan.before, removed: { ...counts } });
          return 0;
        }
        default:
          throw new UsageError(`unknown command "${command}"`);
      }
    } finally {
      await deployment.close();
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
