/** Error codes of Node's sockets that mean the server cannot be reached (or went away). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** node-postgres's own messages for a connection that ended or never came. */
const CONNECTION_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable|Connection ended/i;

/**
 * The store's database cannot be reached now: the hub answers `UNAVAILABLE` and the client tries
 * again; the pool serves again by itself once the server is back. For a command, what the
 * server did is known: nothing (the transaction never committed), except when the connection
 * broke during COMMIT itself, which the next catch-up from the stored events settles.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'UNAVAILABLE';
  constructor(cause: unknown) {
    super(
      `the database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'StoreUnavailableError';
  }
}

/** Whether an error means the database could not be reached (rather than a refused write). */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    // SQLSTATE class 08 (connection exception); 57P01–57P03: the server is shutting down,
    // crashed, or not accepting connections yet (starting, recovering).
    if (code.startsWith('08') || /^57P0[1-3]$/.test(code)) return true;
  }
  return CONNECTION_MESSAGES.test(err.message);
}

/** Rethrows a connection failure as `StoreUnavailableError`, anything else as it was. */
export function unavailableOr(err: unknown): never {
  throw isUnavailable(err) && !(err instanceof StoreUnavailableError)
    ? new StoreUnavailableError(err)
    : err;
}
