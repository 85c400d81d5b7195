import type { SiteConfig } from '@luot/domain';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import { createQueueService, type QueueService } from './queue-service.ts';
import type { ProvinceStore, Store } from './store.ts';

/** One site the hub serves: its part of the store and its queue. */
export interface Site {
  id: string;
  store: Store;
  queue: QueueService;
}

export type Sites = Awaited<ReturnType<typeof openSites>>;

/**
 * Every site of the deployment, each with its own queue service restored from its log. A site
 * added while the hub runs is served at once; `onAdded` listeners (the socket servers) hear it.
 */
export async function openSites(deps: {
  province: ProvinceStore;
  clock: Clock;
  log: Logger;
  newId: () => string;
}) {
  const { province, clock, log, newId } = deps;
  const sites = new Map<string, Site>();
  const added: ((site: Site) => void)[] = [];

  async function open(id: string): Promise<Site> {
    const store = province.site(id);
    const queue = await createQueueService({ store, clock, newId, log: log.child({ site: id }) });
    return { id, store, queue };
  }

  for (const row of await province.listSites()) sites.set(row.id, await open(row.id));

  return {
    /** The site with this id, or undefined when the deployment has none. */
    get(id: string): Site | undefined {
      return sites.get(id);
    },
    /** Every site, in the order they were added. */
    all(): Site[] {
      return [...sites.values()];
    },
    /** Adds a site with its first configuration and serves it from now on. */
    async add(id: string, config: SiteConfig): Promise<Site> {
      await province.createSite(id, config, clock.now());
      const site = await open(id);
      sites.set(id, site);
      for (const listener of added) listener(site);
      return site;
    },
    /** Serves the sites another node added since (heard from a commit of an unknown site). */
    async refresh(): Promise<void> {
      for (const row of await province.listSites()) {
        if (sites.has(row.id)) continue;
        const site = await open(row.id);
        if (sites.has(row.id)) continue;
        sites.set(row.id, site);
        for (const listener of added) listener(site);
      }
    },
    onAdded(listener: (site: Site) => void): void {
      added.push(listener);
    },
  };
}
