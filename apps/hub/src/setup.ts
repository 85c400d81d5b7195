import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { siteConfigSchema, type SiteConfig } from '@luot/domain';
import { DEVICE_KINDS, USER_ROLES, type DeviceKind, type UserRole } from '@luot/protocol';
import { hashPassword, hashSecret, newSecret } from './auth.ts';
import { PRIVATE_DIR_MODE, securePrivateTree, type ModeFix } from './file-modes.ts';
import {
  asyncProvince,
  createProvinceStore,
  createStaffingSource,
  openDatabase,
  type SqliteProvince,
  type StaffingSource,
} from './db/index.ts';
import type { Logger } from 'pino';
import { createReportRunner } from './reports/report-runner.ts';
import {
  DEFAULT_SITE_ID,
  SITE_ID_PATTERN,
  type ProvinceStore,
  type ReportEngine,
  type Store,
  type Sync,
  type SyncStore,
} from './store.ts';

/** A site's store port, or the embedded one answering at once (tools and tests use it directly). */
type AnyStore = Store | SyncStore;

/** The province port, or the embedded one answering at once. */
export type AnyProvince =
  ProvinceStore | (Omit<Sync<ProvinceStore>, 'site'> & { site(id: string): SyncStore });

export const DEMO_SITE_FILE = fileURLToPath(new URL('../demo/site.json', import.meta.url));
export const DEMO_PEOPLE_FILE = fileURLToPath(new URL('../demo/people.json', import.meta.url));

/** The demo's message settings: eSMS at the local fake provider (`pnpm fake-provider`). */
export const DEMO_MESSAGE_SETTINGS = {
  push: { enabled: true },
  sms: {
    enabled: true,
    baseUrl: 'http://127.0.0.1:9099',
    apiKey: 'demo',
    secretKey: 'demo',
    brandname: 'LUOT',
  },
};

/** The database file inside a data directory. */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'luot.db');
}

/**
 * Opens a data directory's province store (every site in one SQLite file), creating the
 * directory and applying migrations: a single-site file of an older hub becomes a province of
 * one site, `DEFAULT_SITE_ID`. The directory is made private first (0700, files 0600; see
 * file-modes.ts): `onFix` hears each looser mode that an older install left, so the hub logs
 * it and `luot` prints it. Files the store creates now are made private too, whatever the
 * process umask.
 */
export function openProvince(
  dataDir: string,
  onFix: (fix: ModeFix) => void = () => undefined,
): SqliteProvince {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const fix of securePrivateTree(dataDir)) onFix(fix);
  const province = createProvinceStore(openDatabase(databasePath(dataDir)));
  securePrivateTree(dataDir);
  return province;
}

/**
 * The hub's ports over the SQLite province store: the store itself, and reports on a worker
 * thread (`reports.run(siteId, …)` reads that site's rows only).
 */
export function sqlitePorts(
  sqlite: SqliteProvince,
  log: Logger,
): { province: ProvinceStore; reports: ReportEngine } {
  return {
    province: asyncProvince(sqlite),
    reports: createReportRunner({
      path: sqlite.path,
      queries: (siteId) => sqlite.site(siteId).reports,
      staffing: staffingSources(sqlite),
      log,
    }),
  };
}

/** Each site's staffing planner input on the hub's own connection, prepared once per site. */
function staffingSources(sqlite: SqliteProvince): (siteId: string) => StaffingSource {
  const sources = new Map<string, StaffingSource>();
  return (siteId) => {
    let source = sources.get(siteId);
    if (!source) sources.set(siteId, (source = createStaffingSource(sqlite.db, siteId)));
    return source;
  };
}

/**
 * Adds a site to the deployment with its first configuration; throws for an id that is not a
 * site id (`SITE_ID_PATTERN`) or is in use.
 */
export async function initSite(
  province: AnyProvince,
  siteId: string,
  config: SiteConfig,
  at: number,
): Promise<void> {
  if (!SITE_ID_PATTERN.test(siteId))
    throw new Error('a site id is 1–40 lowercase letters, digits and dashes, e.g. xa-tan-phu');
  if (await province.site(siteId).readConfig()) throw new Error(`site ${siteId} exists`);
  await province.createSite(siteId, config, at);
}

/** Reads and validates a site configuration file; throws with every problem listed. */
export function loadSiteConfig(path: string): SiteConfig {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const parsed = siteConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `invalid site configuration ${path}:\n` +
        parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  return parsed.data;
}

/**
 * Creates a person who signs in with a password, belonging to `sites` (null: every site, a
 * province administrator when an admin).
 */
export async function addUser(
  province: AnyProvince,
  user: {
    username: string;
    name: string;
    role: UserRole;
    password: string;
    sites: string[] | null;
  },
  at: number,
): Promise<void> {
  if (!/^[a-z0-9._-]{2,32}$/.test(user.username))
    throw new Error('a username is 2–32 lowercase letters, digits, dots, dashes or underscores');
  if (user.password.length < 8) throw new Error('a password has at least 8 characters');
  if (user.sites?.some((id) => !SITE_ID_PATTERN.test(id)))
    throw new Error(`not a site id: ${user.sites.find((id) => !SITE_ID_PATTERN.test(id))}`);
  const { password, ...person } = user;
  await province.createUser({ ...person, passwordHash: await hashPassword(password) }, at);
}

/** Pairs a device to the site of `store`; returns its token, shown once and stored only as a hash. */
export async function pairDevice(
  store: AnyStore,
  device: {
    id: string;
    kind: DeviceKind;
    name: string;
    counterId?: string | null;
    speaks?: boolean;
  },
  at: number,
): Promise<string> {
  const config = await store.readConfig();
  if (device.counterId && !config?.counters.some((c) => c.id === device.counterId))
    throw new Error(`no counter ${device.counterId}`);
  if (device.kind === 'rating' && !device.counterId)
    throw new Error('a rating pad belongs to a counter');
  const token = newSecret('dev');
  await store.createDevice(
    {
      id: device.id,
      kind: device.kind,
      name: device.name,
      counterId: device.counterId ?? null,
      speaks: device.speaks ?? false,
      tokenHash: hashSecret(token),
    },
    at,
  );
  return token;
}

const demoPeopleSchema = z.object({
  password: z.string(),
  users: z.array(z.object({ username: z.string(), name: z.string(), role: z.enum(USER_ROLES) })),
  devices: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(DEVICE_KINDS),
      name: z.string(),
      counterId: z.string().optional(),
      speaks: z.boolean().optional(),
    }),
  ),
});

export interface DemoCredentials {
  password: string;
  users: { username: string; role: UserRole }[];
  devices: { id: string; kind: DeviceKind; name: string; token: string }[];
}

/**
 * Fills an empty deployment with the demo centre as the site `siteId` (the default site unless
 * told): its configuration, its people (belonging to that site) and its paired devices.
 */
export async function seedDemo(
  province: AnyProvince,
  at: number,
  siteId: string = DEFAULT_SITE_ID,
): Promise<DemoCredentials> {
  await initSite(province, siteId, loadSiteConfig(DEMO_SITE_FILE), at);
  const people = demoPeopleSchema.parse(JSON.parse(readFileSync(DEMO_PEOPLE_FILE, 'utf8')));
  for (const u of people.users)
    await addUser(province, { ...u, password: people.password, sites: [siteId] }, at);
  const site = province.site(siteId);
  const devices = [];
  for (const d of people.devices) devices.push({ ...d, token: await pairDevice(site, d, at) });
  // Messages to citizens go by SMS to `pnpm fake-provider` (it prints them), and Web Push is on.
  await province.writeMessageSettings(siteId, DEMO_MESSAGE_SETTINGS, at);
  return {
    password: people.password,
    users: people.users.map(({ username, role }) => ({ username, role })),
    devices: devices.map(({ id, kind, name, token }) => ({ id, kind, name, token })),
  };
}
