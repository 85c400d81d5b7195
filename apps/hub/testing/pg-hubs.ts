// Hub nodes of one province in this process, each on its own PostgreSQL store instance, sharing
// one database and one fake clock; the site's messages go by SMS to one fake provider. Imported by
// tests and benches only.
import pino from 'pino';
import type { SiteConfig } from '@luot/domain';
import type { Clock } from '../src/clock.ts';
import { createHub, type Hub, type HubOptions } from '../src/hub.ts';
import type { MessagingOptions } from '../src/messages/messaging.ts';
import type { WebhookOptions } from '../src/webhooks/webhooks.ts';
import { openPgProvince, type PgProvinceStore } from '../src/pg/province-store.ts';
import { initSite, pairDevice } from '../src/setup.ts';
import { startFakeProvider, type FakeProvider } from './fake-provider.ts';
import { smsSettings } from './phone-messages.ts';

export interface PgHubs {
  /** Each node's staff listener, `http://127.0.0.1:PORT`. */
  urls: string[];
  hubs: Hub[];
  stores: PgProvinceStore[];
  /** The site's kiosk token (device `kiosk`). */
  kioskToken: string;
  /** The fake eSMS the site's codes and phone messages go to (read with `codeReceived`). */
  provider: FakeProvider;
  close(): Promise<void>;
}

/** `nodes` hubs on the database at `url`, serving one site made with `config` (and a kiosk). */
export async function startPgHubs(o: {
  url: string;
  siteId: string;
  config: SiteConfig;
  clock: Clock;
  nodes?: number;
  poolSize?: number;
  options?: Partial<HubOptions>;
  /** The messages part's options (`pollMs` 0 by default: the outbox sends when a message is enqueued). */
  messages?: Partial<MessagingOptions>;
  /** Webhooks' options (`pollMs` 0 by default: commits heard drive them). */
  webhooks?: Partial<WebhookOptions>;
}): Promise<PgHubs> {
  const log = pino({ level: 'warn' });
  const provider = await startFakeProvider();
  const urls: string[] = [];
  const hubs: Hub[] = [];
  const stores: PgProvinceStore[] = [];
  let kioskToken = '';
  for (let n = 0; n < (o.nodes ?? 2); n++) {
    const store = await openPgProvince({ url: o.url, log, poolSize: o.poolSize ?? 6 });
    stores.push(store);
    if (n === 0) {
      await initSite(store, o.siteId, o.config, o.clock.now());
      kioskToken = await pairDevice(
        store.site(o.siteId),
        { id: 'kiosk', kind: 'kiosk', name: 'kiosk' },
        0,
      );
      await store.writeMessageSettings(o.siteId, smsSettings(provider.url), o.clock.now());
    }
    const hub = await createHub({
      province: store,
      reports: store.reports,
      clock: o.clock,
      log,
      messages: { pollMs: 0, ...o.messages },
      webhooks: { pollMs: 0, ...o.webhooks },
      options: o.options,
    });
    hubs.push(hub);
    urls.push(`http://127.0.0.1:${await hub.listen(0, '127.0.0.1')}`);
  }
  return {
    urls,
    hubs,
    stores,
    kioskToken,
    provider,
    async close() {
      for (const hub of hubs) await hub.close();
      for (const store of stores) await store.close();
      await provider.close();
    },
  };
}
