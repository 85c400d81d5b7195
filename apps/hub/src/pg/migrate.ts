import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/** Beside this module in the source; `dist/pg-migrations/` once bundled (scripts/build.ts). */
const MIGRATIONS_DIR = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? './migrations/' : './pg-migrations/', import.meta.url),
);

/** Any 64-bit number, the same on every node: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 0x4c756f74; // "Luot"

/** The numbered migrations, `NNN-name.sql`, in order. */
export function migrationFiles(
  dir = MIGRATIONS_DIR,
): { version: number; name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-.+\.sql$/.test(f))
    .sort()
    .map((name) => ({
      version: Number(name.slice(0, 3)),
      name,
      sql: readFileSync(dir + name, 'utf8'),
    }));
}

/**
 * Applies the migrations the database has not seen, in order, in ONE transaction that holds an
 * advisory lock: several nodes starting at once apply each migration once (the others wait,
 * then find it recorded in `schema_migrations`). Resolves with the versions it applied.
 */
export async function migrate(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version    integer     PRIMARY KEY,
         name       text        NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const m of migrationFiles(dir)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
