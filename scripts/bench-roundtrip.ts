/**
 * Issue-and-call round trip on this machine: a kiosk socket issues a ticket and a clerk
 * socket calls it, against a real hub on a temporary SQLite file (WAL, synchronous=FULL).
 * Prints the median and p90 over N rounds. Usage: pnpm bench:roundtrip [rounds]
 */
import { performance } from 'node:perf_hooks';
import { request, startTestHub } from '@luot/hub/testing';

const rounds = Number(process.argv[2] ?? 300);
const t = await startTestHub({ counters: 1 });
try {
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const session = await t.login('cb1', 'c1');
  const { socket: clerk } = await t.connectReady(session.token);
  const samples: number[] = [];
  for (let i = 0; i < rounds + 20; i++) {
    const start = performance.now();
    const issued = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    const called = await request(clerk, 'counter:callNext', {});
    const elapsed = performance.now() - start;
    if (!issued.ok || !called.ok) throw new Error(`round ${i} failed`);
    await request(clerk, 'counter:start', {});
    if (i >= 20) samples.push(elapsed); // the first rounds warm up the JIT and the file
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  console.log(
    `issue+call round trip over ${samples.length} rounds: median ${at(0.5).toFixed(2)} ms, ` +
      `p90 ${at(0.9).toFixed(2)} ms, max ${at(1).toFixed(2)} ms`,
  );
} finally {
  await t.close();
}
