/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time per function, the biggest first,
 * and self time per place (our code by package, a dependency, native code, GC, idle).
 * Usage: tsx scripts/sim/profile-summary.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  functions: { name: string; where: string; selfMs: number; share: number }[];
  places: { place: string; selfMs: number; share: number }[];
}

/** Where a frame's code lives: a workspace package, a dependency, Node itself, or V8's own entries. */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native';
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return dep[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/(apps|packages)\/([^/]+)\//.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return 'other';
}

/** Self time per function and per place, from the profile's samples and their time deltas. */
export function summariseProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  if (profile.samples && profile.timeDeltas) {
    profile.samples.forEach((id, i) => {
      // A sample's time is the delta to the next sample.
      const dt = profile.timeDeltas![i + 1] ?? 0;
      selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
    });
  } else {
    const interval =
      (profile.endTime - profile.startTime) /
      Math.max(
        1,
        profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0),
      );
    for (const n of profile.nodes) selfUs.set(n.id, (n.hitCount ?? 0) * interval);
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const places = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const name = frame.functionName || '(anonymous)';
    const file = frame.url
      .replace(/^file:\/\//, '')
      .replace(/^.*\/(apps|packages|node_modules)\//, '$1/');
    const where = frame.url ? `${file}:${frame.lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const place = placeOf(frame.url, name);
    places.set(place, (places.get(place) ?? 0) + us);
  }
  const share = (us: number) => (total > 0 ? us / total : 0);
  return {
    totalMs: total / 1000,
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: f.us / 1000, share: share(f.us) })),
    places: [...places.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([place, us]) => ({ place, selfMs: us / 1000, share: share(us) })),
  };
}

/** The summary as text lines for a terminal. */
export function formatProfileSummary(summary: ProfileSummary, places = 12): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`;
  const lines = [
    `profile: ${(summary.totalMs / 1000).toFixed(1)} s sampled`,
    'self time by place:',
  ];
  for (const p of summary.places.slice(0, places)) lines.push(`  ${pct(p.share)}  ${p.place}`);
  lines.push('self time by function:');
  for (const f of summary.functions) lines.push(`  ${pct(f.share)}  ${f.name}  ${f.where}`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx scripts/sim/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  console.log(formatProfileSummary(summariseProfile(profile, Number(process.argv[3] ?? 25))));
}
