import type { MessageKind } from '../../store.ts';

/** One message handed to a provider: `id` is its idempotency key. */
export interface Outgoing {
  id: string;
  kind: MessageKind;
  /** A phone ("84912345678") or a push subscription (JSON), opened from its seal. */
  to: string;
  text: string;
  /** Template values (ZNS). */
  data: Record<string, string>;
}

/** A provider takes a message or throws `SendError`. */
export interface Provider {
  send(message: Outgoing): Promise<void>;
}

/** A refusal or failure; `retry`: whether the same message may succeed later. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** Every provider call gives up after this long (a provider that hangs). */
export const PROVIDER_TIMEOUT_MS = 10_000;

/**
 * POSTs JSON with a timeout; answers the parsed body of a 2xx answer. A timeout, a connection
 * refused or reset, and a 5xx or 429 are worth retrying; another status is not.
 */
export async function postJson(
  url: string,
  body: unknown,
  options: { headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? PROVIDER_TIMEOUT_MS),
    });
  } catch (err) {
    const name = (err as Error).name;
    throw new SendError(
      name === 'TimeoutError' ? 'không trả lời (hết thời gian chờ)' : `không kết nối được (${describe(err)})`,
      true,
    );
  }
  const text = await response.text().catch(() => '');
  if (!response.ok)
    throw new SendError(`HTTP ${response.status}`, response.status >= 500 || response.status === 429);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SendError('trả lời không đọc được', true);
  }
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}
