import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { siteConfigSchema, type SiteConfig } from '@luot/domain';
import { DEVICE_KINDS, USER_ROLES, type DeviceKind, type UserRole } from '@luot/protocol';
import { hashPassword, hashSecret, newSecret } from './auth.ts';
import { PRIVATE_DIR_MODE, securePrivateTree, type ModeFix } from './file-modes.ts';
import { createStore, openDatabase, type SqliteStore } from './db/index.ts';
import type { Logger } from 'pino';
import { createReportRunner } from './reports/report-runner.ts';
import { asyncStore, type ReportEngine, type Store, type SyncStore } from './store.ts';

/** The store port, or the embedded store answering at once (tools and tests use it directly). */
type AnyStore = Store | SyncStore;

export const DEMO_SITE_FILE = fileURLToPath(new URL('../demo/site.json', import.meta.url));
export const DEMO_PEOPLE_FILE = fileURLToPath(new URL('../demo/people.json', import.meta.url));

/** The database file inside a data directory. */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'luot.db');
}

/**
 * Opens a data directory's store, creating the directory and applying migrations. The
 * directory is made private first (0700, files 0600; see file-modes.ts): `onFix` hears each
 * looser mode that an older install left, so the hub logs it and `luot` prints it. Files the
 * store creates now are made private too, whatever the process umask.
 */
export function openStore(
  dataDir: string,
  onFix: (fix: ModeFix) => void = () => undefined,
): SqliteStore {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const fix of securePrivateTree(dataDir)) onFix(fix);
  const store = createStore(openDatabase(databasePath(dataDir)));
  securePrivateTree(dataDir);
  return store;
}

/** The hub's ports over an SQLite store: the store itself, and reports on a worker thread. */
export function sqlitePorts(
  sqlite: SqliteStore,
  log: Logger,
): { store: Store; reports: ReportEngine } {
  return {
    store: asyncStore(sqlite),
    reports: createReportRunner({ queries: sqlite.reports, log }),
  };
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

/** Creates a person who signs in with a password. */
export async function addUser(
  store: AnyStore,
  user: { username: string; name: string; role: UserRole; password: string },
  at: number,
): Promise<void> {
  if (!/^[a-z0-9._-]{2,32}$/.test(user.username))
    throw new Error('a username is 2–32 lowercase letters, digits, dots, dashes or underscores');
  if (user.password.length < 8) throw new Error('a password has at least 8 characters');
  await store.createUser({ ...user, passwordHash: await hashPassword(user.password) }, at);
}

/** Pairs a device; returns its token, which is shown once and stored only as a hash. */
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

/** Fills an empty store with the demo centre: its configuration, people and paired devices. */
export async function seedDemo(store: AnyStore, at: number): Promise<DemoCredentials> {
  await store.writeConfig(loadSiteConfig(DEMO_SITE_FILE), at);
  const people = demoPeopleSchema.parse(JSON.parse(readFileSync(DEMO_PEOPLE_FILE, 'utf8')));
  for (const u of people.users) await addUser(store, { ...u, password: people.password }, at);
  const devices = [];
  for (const d of people.devices) devices.push({ ...d, token: await pairDevice(store, d, at) });
  return {
    password: people.password,
    users: people.users.map(({ username, role }) => ({ username, role })),
    devices: devices.map(({ id, kind, name, token }) => ({ id, kind, name, token })),
  };
}
