import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy, type TrustProxy } from './client-address.ts';

/** The address `clientAddress(trust)` gives a real request over loopback with these headers. */
async function addressOf(trust: TrustProxy, headers: Record<string, string> = {}): Promise<string> {
  const of = clientAddress(trust);
  let seen = '';
  const server = createServer((req: IncomingMessage, res) => {
    seen = of(req);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await (await fetch(`http://127.0.0.1:${port}/`, { headers })).arrayBuffer();
  } finally {
    server.close();
  }
  return seen;
}

describe('the client address of a raw request (Socket.IO handshakes)', () => {
  it('is the connection’s address unless a proxy is trusted', async () => {
    expect(await addressOf(false)).toBe('127.0.0.1');
    expect(await addressOf(false, { 'x-forwarded-for': '203.0.113.7' })).toBe('127.0.0.1');
    expect(await addressOf(['10.0.0.1'], { 'x-forwarded-for': '203.0.113.7' })).toBe('127.0.0.1');
  });

  it('is the forwarded address when the connection comes from a trusted proxy', async () => {
    expect(await addressOf(['127.0.0.1'], { 'x-forwarded-for': '203.0.113.7' })).toBe(
      '203.0.113.7',
    );
    expect(await addressOf(['loopback'], { 'x-forwarded-for': '10.1.2.3, 203.0.113.7' })).toBe(
      '203.0.113.7',
    );
    expect(await addressOf(['127.0.0.0/8'])).toBe('127.0.0.1');
  });

  it('reads --trust-proxy, refusing what is not an address or range', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy(' 127.0.0.1, 10.0.0.0/8 ')).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(() => parseTrustProxy('nginx.local')).toThrow(/invalid IP address/);
  });
});
