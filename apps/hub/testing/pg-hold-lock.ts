// A hub node that takes a site's lock in a turn and never decides: started as a child process
// by src/pg/nodes.integration.test.ts, which kills it with SIGKILL while it holds the lock.
//   node --import tsx testing/pg-hold-lock.ts <url> <site>
import pino from 'pino';
import { openPgProvince } from '../src/pg/province-store.ts';
import { issueCommand } from './pg-node.ts';

const [url, site] = process.argv.slice(2) as [string, string];
const store = await openPgProvince({ url, log: pino({ level: 'silent' }), poolSize: 1 });
void store.site(site).turn!(0, async () => {
  process.stdout.write('locked\n');
  await new Promise(() => {}); // never decides
  return [issueCommand('never', 1, 'node:killed')];
});
