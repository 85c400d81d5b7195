import type { Ack, ConfigRefusal } from '@luot/protocol';

/** A staff API answer: its status and the `Ack` body (a refused configuration adds `issues`). */
export interface StaffAnswer<T> {
  status: number;
  body: Ack<T> & { issues?: ConfigRefusal['issues'] };
}

/** Calls the hub's staff HTTP API with a bearer session token, JSON in and out. */
export async function staffApi<T>(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<StaffAnswer<T>> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as StaffAnswer<T>['body'] };
}
