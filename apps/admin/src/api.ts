import type { Ack, ConfigIssue } from '@luot/protocol';
import { M } from './messages.ts';
import { hubUrl } from './session.ts';

/** A hub answer with, for refused configurations, the list of problems. */
export type ApiResult<T> = Ack<T> & { issues?: ConfigIssue[]; status: number };

/**
 * Calls the hub's HTTP API; the browser sends the HttpOnly session cookie with each call.
 * Always resolves: a network failure is a failed result too. A 401 calls `onUnauthorized`
 * (the session ended).
 */
export function createApi(onUnauthorized: () => void) {
  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    file?: { data: Blob; name: string },
  ): Promise<ApiResult<T>> {
    try {
      const res = await fetch(hubUrl() + path, {
        method,
        headers: file
          ? {
              'content-type': 'application/octet-stream',
              'x-file-name': encodeURIComponent(file.name),
            }
          : body === undefined
            ? {}
            : { 'content-type': 'application/json' },
        body: file ? file.data : body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 401) onUnauthorized();
      const json = (await res.json()) as Ack<T> & { issues?: ConfigIssue[] };
      return { ...json, status: res.status };
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: M.errors.network }, status: 0 };
    }
  }

  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
    delete: <T>(path: string) => call<T>('DELETE', path),
    /** Sends a file as the raw body (the hub reads its type from its bytes), its name in a header. */
    upload: <T>(path: string, file: File) =>
      call<T>('POST', path, undefined, { data: file, name: file.name }),
    /** Downloads a file the hub builds (an export), saving it under `fileName`. */
    async download(path: string, fileName: string): Promise<string | null> {
      try {
        const res = await fetch(hubUrl() + path);
        if (!res.ok) {
          const json = (await res.json().catch(() => null)) as Ack<unknown> | null;
          return json && !json.ok ? json.error.message : M.errors.network;
        }
        const url = URL.createObjectURL(await res.blob());
        const a = document.createElement('a');
        a.href = url;
        a.download = fileName;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        return null;
      } catch {
        return M.errors.network;
      }
    },
  };
}

export type Api = ReturnType<typeof createApi>;
