// Makes a release tarball a centre unpacks to /opt/luot (see deploy/README.md): the built hub
// with its production node modules (better-sqlite3 compiled for this OS and Node), and the
// built front ends where the hub looks for them (apps/<name>/dist). Run `pnpm build` first.
// Usage: pnpm --filter @luot/hub pack:release   → release/luot-<version>-<os>-<arch>-node<N>.tar.gz
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const hubDir = fileURLToPath(new URL('..', import.meta.url));
const root = join(hubDir, '../..');
const { version }: { version: string } = JSON.parse(
  readFileSync(join(hubDir, 'package.json'), 'utf8'),
);
const frontEnds = ['display/dist', 'counter/dist', 'admin/dist', 'kiosk/out/renderer'];
const needed = ['hub/dist/main.js', ...frontEnds.map((f) => `${f}/index.html`)];
const missing = needed.filter((f) => !existsSync(join(root, 'apps', f)));
if (missing.length > 0) {
  console.error(`missing ${missing.join(', ')}: run \`pnpm build\` first`);
  process.exit(1);
}

const name = `luot-${version}-${process.platform}-${process.arch}-node${process.versions.node.split('.')[0]}`;
const releaseDir = join(root, 'release');
const out = join(releaseDir, name);
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'apps'), { recursive: true });
// The hub's "files" (dist, demo, deploy) and its production dependencies only.
execFileSync(
  'pnpm',
  ['--filter', '@luot/hub', 'deploy', '--prod', '--legacy', join(out, 'apps/hub')],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
// A bench's own hub entry (the chain bench's, built beside main.js) is not for centres.
for (const f of readdirSync(join(out, 'apps/hub/dist')))
  if (f.startsWith('bench-')) rmSync(join(out, 'apps/hub/dist', f), { force: true });
for (const f of frontEnds) cpSync(join(root, 'apps', f), join(out, 'apps', f), { recursive: true });
cpSync(join(root, 'README.md'), join(out, 'README.md'));
const tarball = join(releaseDir, `${name}.tar.gz`);
execFileSync('tar', ['-czf', tarball, '-C', releaseDir, name]);
rmSync(out, { recursive: true, force: true });
console.log(`${tarball}\nunpack: tar -xzf ${name}.tar.gz && mv ${name} /opt/luot`);
