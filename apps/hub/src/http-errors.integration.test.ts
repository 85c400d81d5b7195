import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES_VI, type ErrorCode } from '@luot/protocol';
import { openDatabase, tableDigest, type Db } from './db/index.ts';
import { startTestHub, type TestHub } from '../testing/test-hub.ts';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Sends bytes exactly as written over a plain TCP socket and reads the answer until the hub
 * closes or completes it, so requests a browser's fetch would refuse to build can be sent.
 */
function rawRequest(port: number, head: string, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [top = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = top.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      const status = Number(statusLine.split(' ')[1]);
      let payload: unknown = rest.join('\r\n\r\n');
      try {
        payload = JSON.parse(String(payload));
      } catch {
        // left as text: the test then fails on its shape
      }
      resolve({ status, headers, body: payload });
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // A complete answer with a Content-Length need not wait for the close.
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const length = /content-length: *(\d+)/i.exec(text.slice(0, end))?.[1];
      if (end >= 0 && length && Buffer.byteLength(text.slice(end + 4)) >= Number(length)) {
        socket.destroy();
        finish();
      }
    });
    socket.on('end', finish);
    // The hub may close while the rest of an oversized request is still being sent.
    socket.on('error', (err: NodeJS.ErrnoException) =>
      chunks.length > 0 ? finish() : reject(err),
    );
    socket.write(head + body);
  });
}

const expectRefusal = (answer: Answer, status: number, code: ErrorCode) => {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.body).toEqual({ ok: false, error: { code, message: ERROR_MESSAGES_VI[code] } });
};

describe('every HTTP error answers in the documented shape and changes nothing', () => {
  let t: TestHub;
  let db: Db;
  let port = 0;
  let before = '';

  beforeAll(async () => {
    t = await startTestHub({ counters: 2 });
    db = openDatabase(t.dbPath);
    port = Number(new URL(t.url).port);
    before = tableDigest(db);
  });
  afterAll(async () => {
    db.close();
    await t.close();
  });

  const send = (method: string, path: string, contentType: string, body: string) =>
    rawRequest(
      port,
      `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
        `Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
      body,
    );
  const post = (path: string, contentType: string, body: string) =>
    send('POST', path, contentType, body);
  const get = (path: string, extraHeaders = '') =>
    rawRequest(
      port,
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extraHeaders}\r\n`,
    );

  it('invalid JSON is 400 BAD_REQUEST', async () => {
    expectRefusal(
      await post('/api/login', 'application/json', '{"username": "cb1",'),
      400,
      'BAD_REQUEST',
    );
    expect(tableDigest(db)).toBe(before);
  });

  it('an empty JSON body is 400 BAD_REQUEST', async () => {
    expectRefusal(await post('/api/login', 'application/json', ''), 400, 'BAD_REQUEST');
  });

  it('a JSON body with __proto__ is 400 BAD_REQUEST', async () => {
    const body = '{"username":"cb1","password":"x","__proto__":{"admin":true}}';
    expectRefusal(await post('/api/login', 'application/json', body), 400, 'BAD_REQUEST');
  });

  it('a body that is not JSON is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    expectRefusal(
      await post('/api/login', 'application/xml', '<login><username>cb1</username></login>'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectRefusal(
      await send('PUT', '/api/admin/config', 'application/x-www-form-urlencoded', 'a=1'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const huge = JSON.stringify({ username: 'cb1', password: 'x'.repeat(100_000) });
    expectRefusal(await post('/api/login', 'application/json', huge), 413, 'PAYLOAD_TOO_LARGE');
    expect(tableDigest(db)).toBe(before);
  });

  it("a URL longer than Node's header limit is 414 URI_TOO_LONG", async () => {
    expectRefusal(await get(`/api/site?x=${'a'.repeat(20_000)}`), 414, 'URI_TOO_LONG');
  });

  it("a path parameter longer than the router's limit is 414 URI_TOO_LONG", async () => {
    expectRefusal(
      await post(`/api/admin/devices/${'d'.repeat(500)}/revoke`, 'application/json', '{}'),
      414,
      'URI_TOO_LONG',
    );
  });

  it('headers over the limit are 431 HEADERS_TOO_LARGE', async () => {
    const headers = `X-Padding: ${'p'.repeat(20_000)}\r\n`;
    expectRefusal(await get('/api/site', headers), 431, 'HEADERS_TOO_LARGE');
  });

  it('a request that is not HTTP is 400 BAD_REQUEST', async () => {
    expectRefusal(await rawRequest(port, 'HELLO\r\n\r\n'), 400, 'BAD_REQUEST');
  });

  it('an unknown route under /api is 404 NOT_FOUND', async () => {
    expectRefusal(await get('/api/khong-co'), 404, 'NOT_FOUND');
    expectRefusal(await post('/api/admin/khong-co', 'application/json', '{}'), 404, 'NOT_FOUND');
  });

  it('a known route asked with another method is 405 METHOD_NOT_ALLOWED, naming the allowed one', async () => {
    const answer = await get('/api/login');
    expectRefusal(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.allow).toBe('POST');
    expectRefusal(await post('/api/site', 'application/json', '{}'), 405, 'METHOD_NOT_ALLOWED');
  });

  it('none of it changed a row, and the hub still works', async () => {
    expect(tableDigest(db)).toBe(before);
    const res = await fetch(`${t.url}/api/site`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    expect((await t.login('admin')).user.role).toBe('admin');
  });
});

describe('an unexpected error', () => {
  it('is 500 INTERNAL, with no stack or detail sent to the client', async () => {
    const t = await startTestHub({ counters: 1 });
    try {
      const { token } = await t.login('admin');
      // The database goes away under the running hub (a failed disk, say).
      t.province.close();
      const res = await fetch(`${t.url}/api/admin/config`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(text)).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: ERROR_MESSAGES_VI.INTERNAL },
      });
      expect(text).not.toMatch(/database|\.ts\b|\n\s+at /i);
    } finally {
      await t.close();
    }
  });
});
