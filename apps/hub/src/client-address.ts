import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * Which reverse proxies are believed when they say, in X-Forwarded-For, whom a request came
 * from: none (false, the default: the address is the connection's), or a list of addresses and
 * CIDR ranges (`127.0.0.1`, `10.0.0.0/8`, `::1`, or proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`). Only a hop from a listed proxy is trusted, so a client cannot
 * pick its own address by sending the header itself.
 */
export type TrustProxy = false | readonly string[];

/**
 * The value of Fastify's `trustProxy` option for a setting: false, or proxy-addr's compiled
 * test (the same one `clientAddress` uses). Throws on an entry that is not an address or range.
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): false | ((addr: string, i: number) => boolean) {
  return trust === false || trust.length === 0 ? false : proxyAddr.compile([...trust]);
}

/**
 * The client's address of a raw request (a Socket.IO handshake, say) by the same rule as
 * Fastify's `request.ip` for the same setting. Uses @fastify/proxy-addr, the fork of
 * `proxy-addr` that Fastify itself uses, so both always agree.
 */
export function clientAddress(trust: TrustProxy): (req: IncomingMessage) => string {
  const trusted = fastifyTrustProxy(trust);
  if (!trusted) return (req) => req.socket.remoteAddress ?? '';
  return (req) => proxyAddr(req, trusted);
}

/**
 * Parses `--trust-proxy` / LUOT_TRUST_PROXY: a comma-separated list of addresses and ranges;
 * empty, `false` or `no` for none. Throws on an entry proxy-addr does not accept.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || /^(false|no|off|0)$/i.test(text)) return false;
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  proxyAddr.compile(list); // throws "invalid IP address: …" on a bad entry
  return list;
}
