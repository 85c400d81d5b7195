// The webhook bench's setup (scripts/bench-webhooks.ts): a subscription to every event, written
// into a prepared data directory before the hub starts, its secret sealed as the hub seals it.
import { randomBytes } from 'node:crypto';
import { WEBHOOK_EVENT_TYPES } from '@luot/protocol';
import { asyncProvince } from '../src/db/index.ts';
import { createSealer } from '../src/messages/recipient-crypto.ts';
import { openProvince } from '../src/setup.ts';
import { makeWebhookSecret } from '../src/webhooks/signing.ts';
import { WEBHOOK_KEY_SECRET } from '../src/webhooks/webhooks.ts';

/** Subscribes `url` to every event of `siteId`; resolves with the subscription's secret. */
export async function subscribeEveryEvent(
  dataDir: string,
  siteId: string,
  url: string,
): Promise<string> {
  const sqlite = openProvince(dataDir);
  try {
    const province = asyncProvince(sqlite);
    const key = await province.secret(
      WEBHOOK_KEY_SECRET,
      () => randomBytes(32).toString('base64'),
      Date.now(),
    );
    const secret = makeWebhookSecret();
    await province.createWebhook(
      {
        id: 'wh-bench',
        url,
        events: [...WEBHOOK_EVENT_TYPES],
        siteId,
        description: 'bench',
        sealedSecret: createSealer(Buffer.from(key, 'base64')).seal(secret),
        createdBy: 'bench',
      },
      Date.now(),
    );
    return secret;
  } finally {
    sqlite.close();
  }
}

/** The deliveries in the data directory by state (read beside the running hub). */
export function deliveryStates(dataDir: string): Record<string, number> {
  const sqlite = openProvince(dataDir);
  try {
    const rows = sqlite.db
      .prepare(`SELECT state, COUNT(*) AS n FROM webhook_deliveries GROUP BY state`)
      .all() as { state: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    sqlite.close();
  }
}
