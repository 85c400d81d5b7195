// A hub node reduced to its device presence, run as its own process so a test can SIGKILL it:
// `node --import tsx presence-node.ts <redis url> <site> <device,device…> <ttl ms> <heartbeat ms>`.
// Prints "ready" once its devices are counted online, then runs until killed.
import { pino } from 'pino';
import { connectRedis } from '../src/shared-state/redis-client.ts';
import { createRedisPresenceBook } from '../src/shared-state/presence-book.ts';

const [url, siteId, devices, ttl, heartbeat] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const log = pino({ level: 'silent' });
const redis = await connectRedis(url, { log, name: 'presence-node' });
const book = createRedisPresenceBook({
  redis,
  log,
  options: { nodeTtlMs: Number(ttl), heartbeatMs: Number(heartbeat) },
});
for (const deviceId of devices.split(',')) await book.connected(siteId, deviceId);
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
