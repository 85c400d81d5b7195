// A hub for the chain's issuance bench (scripts/bench-chain.ts): `dist/main.js --data DIR` with
// the flags the simulator passes, plus `--chain on|off`. Off opens the SQLite store with
// `hashChain: false` (no hashes written), the baseline the chain's cost is measured against;
// the production entry point has no such switch. The bench bundles this file with esbuild into
// dist/ beside main.js, so both sides run built, as in production.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { systemClock } from '../src/clock.ts';
import { createHub } from '../src/hub.ts';
import { openProvince, sqlitePorts } from '../src/setup.ts';
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from '../src/sockets/limits.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    chain: { type: 'string', default: 'on' },
    'kiosk-interval-ms': { type: 'string', default: '0' },
    'socket-limits': { type: 'string' },
  },
});
if (!values.data || !['on', 'off'].includes(values.chain)) {
  console.error('usage: chain-hub --data DIR --chain on|off [--port N] [--host H]');
  process.exit(2);
}
const log = pino({ level: process.env.LUOT_LOG_LEVEL ?? 'info' });
const sqlite = openProvince(values.data, undefined, { hashChain: values.chain === 'on' });
const ports = sqlitePorts(sqlite, log);
const socketLimits: SocketLimits = {
  ...DEFAULT_SOCKET_LIMITS,
  ...(values['socket-limits']
    ? (JSON.parse(values['socket-limits']) as Partial<SocketLimits>)
    : {}),
};
const hub = await createHub({
  province: ports.province,
  reports: ports.reports,
  clock: systemClock,
  log,
  options: { kioskMinIntervalMs: Number(values['kiosk-interval-ms']), socketLimits },
});
log.info({ chain: values.chain }, 'chain bench hub');
await hub.listen(Number(values.port), values.host);

const stop = async () => {
  await hub.close();
  sqlite.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
