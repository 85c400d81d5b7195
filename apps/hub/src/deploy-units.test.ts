import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const UNITS_DIR = fileURLToPath(new URL('../deploy/systemd/', import.meta.url));
const units = readdirSync(UNITS_DIR).filter((f) => /\.(service|timer)$/.test(f));
const analyzer = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
const hasAnalyzer = analyzer.status === 0;
if (!hasAnalyzer)
  console.warn('systemd-analyze is not installed here: the unit files are not verified');

describe('the systemd units in deploy/systemd', () => {
  it('are the hub, the backup service and its timer', () => {
    expect(units.sort()).toEqual(['luot-backup.service', 'luot-backup.timer', 'luot-hub.service']);
  });

  it.skipIf(!hasAnalyzer)('pass systemd-analyze verify without a complaint', () => {
    const run = spawnSync('systemd-analyze', ['verify', ...units.map((u) => join(UNITS_DIR, u))], {
      encoding: 'utf8',
    });
    // Complaints about other units installed on this machine are not ours.
    const ours = `${run.stdout}${run.stderr}`
      .split('\n')
      .filter((line) => units.some((u) => line.includes(u)));
    expect(ours).toEqual([]);
    expect(run.status).toBe(0);
  });
});
