// Every HTTP error the hub answers, in the documented shape `{ ok: false, error: { code, message } }`
// with the status of protocol's HTTP_STATUS table: the refusals of our own routes, and what
// Fastify and Node's HTTP parser refuse before a route runs.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { failure, HTTP_STATUS, type ErrorCode } from '@luot/protocol';
import { PASSWORD_HASHING_BUSY_VI, PasswordHashingBusy } from './auth.ts';
import { fastifyTrustProxy, type TrustProxy } from './client-address.ts';
import { STORE_UNAVAILABLE_VI, storeUnavailable } from './store-failure.ts';

/** Sends a failure in the acknowledgement shape, with the HTTP status of its code. */
export function sendFailure(reply: FastifyReply, code: ErrorCode, message?: string) {
  const body = failure(code);
  if (message) body.error.message = message;
  return reply.code(HTTP_STATUS[code]).send(body);
}

/** Fastify's own refusals (its error codes, see fastify/lib/errors.js) by our code. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
  FST_ERR_VALIDATION: 'BAD_REQUEST',
};

/** Codes for the 4xx statuses an error may carry without a code we know. */
const BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

/**
 * The code of an error thrown inside Fastify or a route: Fastify's own by their code, other
 * client errors (a JSON body with `__proto__`, say) by their status, anything else INTERNAL.
 */
export function errorCodeOf(error: unknown): ErrorCode {
  if (typeof error !== 'object' || error === null) return 'INTERNAL';
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  const known = FASTIFY_CODES[code];
  if (known) return known;
  const status =
    'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 0;
  if (status >= 400 && status < 500) return BY_STATUS[status] ?? 'BAD_REQUEST';
  return 'INTERNAL';
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** An unknown /api route is NOT_FOUND; a known one asked with another method, METHOD_NOT_ALLOWED. */
function apiNotFound(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url.split('?')[0] ?? '';
    const allowed = METHODS.filter((method) => app.hasRoute({ method, url }));
    if (allowed.length === 0) return sendFailure(reply, 'NOT_FOUND');
    void reply.header('allow', allowed.join(', '));
    return sendFailure(reply, 'METHOD_NOT_ALLOWED');
  };
}

/** A raw HTTP response on a socket Node's parser refused, before any request object exists. */
function answerOnSocket(socket: Socket, code: ErrorCode): void {
  if (!socket.writable) return;
  const body = JSON.stringify(failure(code));
  const status = HTTP_STATUS[code];
  socket.end(
    `HTTP/1.1 ${status} ${statusText(status)}\r\nConnection: close\r\n` +
      `Content-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

function statusText(status: number): string {
  return STATUS_TEXT[status] ?? 'Error';
}

/**
 * What Node's parser refuses: a request whose line and headers exceed `http.maxHeaderSize`
 * (16 KB) is URI_TOO_LONG (414) when its request line alone does not fit, HEADERS_TOO_LARGE
 * (431) otherwise; any other malformed request is BAD_REQUEST.
 */
function onClientError(log: Logger) {
  return (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    log.debug({ code: error.code }, 'malformed HTTP request refused');
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      // The packet starts with the request line; without its end, the URL alone overflowed.
      const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : Buffer.alloc(0);
      const start = packet.subarray(0, 64 * 1024).toString('latin1');
      const lineEnd = start.indexOf('\r\n');
      const urlTooLong = lineEnd < 0 || lineEnd > 8 * 1024;
      answerOnSocket(socket, urlTooLong ? 'URI_TOO_LONG' : 'HEADERS_TOO_LARGE');
    } else answerOnSocket(socket, 'BAD_REQUEST');
    socket.destroy();
  };
}

/**
 * The hub's Fastify instance, set up so that every error it answers is in the documented shape:
 * Fastify's refusals (invalid JSON, wrong content type, body or URL parameter too large) and
 * Node's (a request line or headers too long), an unknown /api route or method, and any
 * unexpected error (500 INTERNAL; the stack goes to the log, never to the client).
 * Front ends' own 404s stay with the static apps (see static-apps.ts).
 */
export function createHttpApp(options: {
  log: Logger;
  bodyLimit: number;
  /** PEM certificate and key: the app speaks HTTPS (see `luot tls`). */
  https?: { cert: Buffer | string; key: Buffer | string };
  /** Proxies whose X-Forwarded-For sets `request.ip` (none by default); see client-address.ts. */
  trustProxy?: TrustProxy;
}): FastifyInstance {
  const { log } = options;
  const common = {
    logger: false,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    bodyLimit: options.bodyLimit,
    clientErrorHandler: onClientError(log),
    frameworkErrors: (error: unknown, _request: unknown, reply: FastifyReply) =>
      sendFailure(reply, errorCodeOf(error)),
  } as const;
  // One instance type for both: routes and hooks never depend on the transport.
  const app = (options.https
    ? Fastify({ ...common, https: options.https })
    : Fastify(common)) as unknown as FastifyInstance;
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof PasswordHashingBusy) {
      // A password reset or a new account while sign-ins fill the hashing cap: try again soon.
      void reply.header('retry-after', '1');
      return sendFailure(reply, 'UNAVAILABLE', PASSWORD_HASHING_BUSY_VI);
    }
    if (storeUnavailable(error)) {
      // The province's database is out of reach (a restart): nothing was done; try again soon.
      log.warn({ err: error, url: request.url }, 'the store is out of reach; request refused');
      void reply.header('retry-after', '2');
      return sendFailure(reply, 'UNAVAILABLE', STORE_UNAVAILABLE_VI);
    }
    const code = errorCodeOf(error);
    if (code === 'INTERNAL') log.error({ err: error, url: request.url }, 'HTTP request failed');
    return sendFailure(reply, code);
  });
  void app.register(
    async (api) => {
      api.setNotFoundHandler(apiNotFound(app));
    },
    { prefix: '/api' },
  );
  return app;
}
