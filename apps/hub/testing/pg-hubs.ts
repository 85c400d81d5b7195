// Hub nodes of one province in this process, each on its own PostgreSQL store instance, sharing
// one database, one fake clock and one contacts port. Imported by tests and benches only.
import pino from 'pino';
import type { SiteConfig } from '@luot/domain';
import type { CitizenContacts } from '../src/citizens/contacts.ts';
import type { Clock } from '../src/clock.ts';
import { createHub, type Hub, type HubOptions } from '../src/hub.ts';
import { openPgProvince, type PgProvinceStore } from '../src/pg/province-store.ts';
import { initSite, pairDevice } from '../src/setup.ts';

export interface PgHubs {
  /** Each node's staff listener, `http://127.0.0.1:PORT`. */
  urls: string[];
  hubs: Hub[];
  stores: PgProvinceStore[];
  /** The site's kiosk token (device `kiosk`). */
  kioskToken: string;
  close(): Promise<void>;
}

/** `nodes` hubs on the database at `url`, serving one site made with `config` (and a kiosk). */
export async function startPgHubs(o: {
  url: string;
  siteId: string;
  config: SiteConfig;
  clock: Clock;
  contacts: CitizenContacts;
  nodes?: number;
  poolSize?: number;
  options?: Partial<HubOptions>;
}): Promise<PgHubs> {
  const log = pino({ level: 'warn' });
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
    }
    const hub = await createHub({
      province: store,
      reports: store.reports,
      clock: o.clock,
      log,
      contacts: o.contacts,
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
    async close() {
      for (const hub of hubs) await hub.close();
      for (const store of stores) await store.close();
    },
  };
}
