// Bundles the chain bench's hub (chain-hub.ts) as the hub's own build bundles main.ts (esbuild,
// runtime dependencies left in node_modules), into dist/ beside main.js and its migrations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const hubDir = fileURLToPath(new URL('..', import.meta.url));

/** Builds `dist/bench-chain-hub.js` (`pnpm --filter @luot/hub build` first); resolves its path. */
export async function buildChainHub(): Promise<string> {
  const { build } = await import('esbuild');
  const manifest: { dependencies: Record<string, string> } = JSON.parse(
    readFileSync(join(hubDir, 'package.json'), 'utf8'),
  );
  const outfile = join(hubDir, 'dist', 'bench-chain-hub.js');
  await build({
    absWorkingDir: hubDir,
    entryPoints: ['bench/chain-hub.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: true,
    sourcesContent: false,
    external: Object.keys(manifest.dependencies),
    logLevel: 'warning',
  });
  return outfile;
}
