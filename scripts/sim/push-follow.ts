/**
 * How a phone page of the simulator turns on Web Push for its ticket: what the page does when
 * the citizen taps "Nhận thông báo", with a subscription that points at the bench's local push
 * endpoint (scripts/sim/push-endpoint.ts). Used by the coordinator for the tickets waiting at
 * opening and by the workers for the tickets issued during a rush.
 */
import { subscriptionFor, type PushKeys } from './push-endpoint.ts';

export interface PushFollow {
  /** The hub's address (the public API). */
  hubUrl: string;
  /** The push endpoint's address and its subscriber keys. */
  endpointUrl: string;
  keys: PushKeys;
}

/** Subscribes a ticket's phone page (its token) to Web Push; resolves with the hub's answer. */
export async function followByPush(
  follow: PushFollow,
  ticket: { ticketId: string; token: string },
): Promise<{ ok: true } | { ok: false; code: string }> {
  try {
    const res = await fetch(`${follow.hubUrl}/api/public/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ticket.token}` },
      body: JSON.stringify(subscriptionFor(follow.endpointUrl, follow.keys, ticket.ticketId)),
    });
    const body = (await res.json()) as { ok: boolean; error?: { code: string } };
    return body.ok ? { ok: true } : { ok: false, code: body.error?.code ?? String(res.status) };
  } catch (err) {
    return { ok: false, code: `fetch:${(err as Error).message}` };
  }
}
