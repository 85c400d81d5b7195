// Builds the hub for production: bundles src/main.ts (the server), src/cli.ts (the `luot`
// command) and the report worker into dist/ as JavaScript with source maps, and copies the
// database migrations beside them. Run with `pnpm --filter @luot/hub build`.
import { build } from 'esbuild';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const hubDir = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(hubDir, 'dist');
const manifest: { dependencies: Record<string, string> } = JSON.parse(
  readFileSync(join(hubDir, 'package.json'), 'utf8'),
);

// The workspace packages (@luot/domain, @luot/protocol: devDependencies, TypeScript source) are
// bundled in. Every runtime dependency stays in node_modules: better-sqlite3 is native, exceljs
// is loaded only when an export is asked for, and the rest run as published (see README.md).
const external = Object.keys(manifest.dependencies);

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: hubDir,
  entryPoints: {
    main: 'src/main.ts',
    cli: 'src/cli.ts',
    'report-worker': 'src/reports/report-worker.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  sourcesContent: false,
  external,
  logLevel: 'warning',
  metafile: true,
});
// open-database.ts reads `./migrations/*.sql` next to the module, which is dist/ once bundled.
cpSync(join(hubDir, 'src/db/migrations'), join(outdir, 'migrations'), { recursive: true });
// pg/migrate.ts reads `./pg-migrations/*.sql` beside the bundle (its own `./migrations/` in src).
cpSync(join(hubDir, 'src/pg/migrations'), join(outdir, 'pg-migrations'), { recursive: true });

const sizes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(([file, out]) => `${file.replace(/^.*dist\//, 'dist/')} ${Math.round(out.bytes / 1024)} KB`);
console.log(`built ${sizes.join(', ')}`);
