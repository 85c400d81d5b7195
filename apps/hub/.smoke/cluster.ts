import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { connectHub, request } from '@luot/hub-client';
import { runCli } from '../src/cli.ts';
import { startPostgres } from '../testing/postgres.ts';
import { startRedis } from '../testing/redis.ts';
import { signIn } from '../testing/test-hub.ts';

const pg = await startPostgres();
const redis = await startRedis();
const out: string[] = [];
const io = { out: (l: string) => out.push(l), err: (l: string) => console.error(l), now: () => Date.now(), env: {} };
const cfg = '/tmp/site-allday.json';
console.log('init', await runCli(['init', '--postgres', pg.url, '--site', cfg, '--site-id', 'xa-a'], io));
console.log('site b', await runCli(['site', 'add', '--postgres', pg.url, '--site', cfg, '--site-id', 'xa-b'], io));
await runCli(['user', 'add', '--postgres', pg.url, '--site-id', 'xa-a', '--username', 'cb1', '--name', 'CB', '--role', 'clerk', '--password', 'mat-khau-1'], io);
out.length = 0;
await runCli(['device', 'pair', '--postgres', pg.url, '--site-id', 'xa-a', '--id', 'kiosk', '--kind', 'kiosk', '--name', 'k'], io);
await runCli(['device', 'pair', '--postgres', pg.url, '--site-id', 'xa-a', '--id', 'board', '--kind', 'display', '--name', 'b'], io);
const [kioskToken, boardToken] = out.slice(-2);
console.log(out);

function node(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--postgres', pg.url, '--redis', redis.url, '--port', '0', '--host', '127.0.0.1', '--kiosk-interval-ms', '0'], { cwd: '/work/main/apps/hub', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LUOT_LOG_LEVEL: 'info' } });
  return new Promise((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try { const e = JSON.parse(line); if (e.level >= 40) console.log('node log', line.slice(0, 300)); if (e.msg === 'listening') resolve({ child, url: `http://127.0.0.1:${e.port}` }); } catch { console.log(line); }
    });
  });
}
const a = await node();
const b = await node();
console.log('nodes', a.url, b.url);
const board = connectHub(b.url, boardToken!);
const seen: number[] = [];
board.on('snapshot', (s) => console.log('board snapshot seq', s.seq, s.state.config.site.name));
board.on('event', (e) => { seen.push(e.seq); });
board.on('connect_error', (e) => console.log('board err', e.message));
await new Promise((r) => setTimeout(r, 1000));
const kiosk = connectHub(a.url, kioskToken!);
kiosk.on('connect_error', (e) => console.log('kiosk err', e.message));
await new Promise((r) => kiosk.once('snapshot', r));
for (let i = 0; i < 5; i++) {
  const r = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  console.log('issued', r.ok ? r.data.ticket.label : r.error);
}
const clerk = await signIn(b.url, { username: 'cb1', password: 'mat-khau-1', counterId: 'quay-01' });
const cs = connectHub(b.url, clerk.token);
await new Promise((r) => cs.once('snapshot', r));
const called = await request(cs, 'counter:callNext', {});
console.log('called on node b', called.ok ? called.data.label : called.error);
// kiosk issues on node a again, concurrently with clerk actions on b
const rs = await Promise.all([request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' }), request(cs, 'counter:start', {}), request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' })]);
console.log(rs.map((r) => (r.ok ? 'ok' : r.error.code)));
await new Promise((r) => setTimeout(r, 1000));
console.log('board saw seqs', seen.join(','));
for (const s of [board, kiosk, cs]) s.disconnect();
a.child.kill('SIGTERM'); b.child.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 1000));
await redis.stop(); await pg.stop();
process.exit(0);
