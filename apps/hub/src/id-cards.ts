import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import {
  decideIdCard,
  serviceDay,
  type IdCard,
  type IdCardRefusal,
  type QueueState,
} from '@luot/domain';
import type { Clock } from './clock.ts';
import type { Site, Sites } from './sites.ts';
import type { ProvinceStore } from './store.ts';

export type IdCards = ReturnType<typeof createIdCards>;

/** A number the card allowed: the class the ticket gets, and how to settle its place in the count. */
export interface IdCardAdmission {
  ok: true;
  priorityClassId: string | null;
  /** The number was issued (its ticket) or not (null: its place in the count is given back). */
  settle(ticketId: string | null): Promise<void>;
}

/**
 * The hub's side of the ID card (issue 15): the domain's rule (`decideIdCard`) applied to a
 * number, and the per-person limit `citizens.numbersPerDay` counted in the store by a keyed hash
 * of the personal number: HMAC-SHA256 with the site's `id-card-key:<siteId>` secret (made once by
 * whichever node asks first). The number itself is never stored or logged; the count's row holds
 * only the hash, and goes with the visits' retention.
 */
export function createIdCards(deps: { province: ProvinceStore; clock: Clock; log: Logger }) {
  const { province, clock } = deps;
  const keys = new Map<string, Promise<string>>();
  /** The site's service day now (the queue rolls over to it with the number it issues). */
  const todayOf = (state: QueueState) => serviceDay(clock.now(), state.config.site.timeZone);

  function keyOf(siteId: string): Promise<string> {
    let key = keys.get(siteId);
    if (!key) {
      const make = () => randomBytes(32).toString('base64url');
      key = province.secret(`id-card-key:${siteId}`, make, clock.now());
      key.catch(() => keys.delete(siteId));
      keys.set(siteId, key);
    }
    return key;
  }

  /** The keyed hash of a personal number at a site: what the store counts a person by. */
  async function personHash(siteId: string, number: string): Promise<string> {
    return createHmac('sha256', await keyOf(siteId))
      .update(`id-card:${number}`)
      .digest('base64url');
  }

  /**
   * Counts a number for this person at the site today, unless they already hold the site's
   * `citizens.numbersPerDay` (LIMIT_REACHED); the count and its row are one transaction.
   */
  async function reserve(
    siteId: string,
    state: QueueState,
    number: string,
  ): Promise<{ ok: false; code: 'LIMIT_REACHED' } | IdCardAdmission> {
    const day = todayOf(state);
    const id = await province.reserveIdCardNumber(
      { siteId, day, personHash: await personHash(siteId, number), at: clock.now() },
      state.config.citizens.numbersPerDay,
    );
    if (id === null) return { ok: false, code: 'LIMIT_REACHED' };
    return {
      ok: true,
      priorityClassId: null,
      settle: (ticketId) => province.settleIdCardNumber(id, ticketId),
    };
  }

  return {
    personHash,
    reserve,
    /**
     * Decides a kiosk's or desk's number with the card it carries (or without one), and counts it
     * for the person when the field asks for the card. Refused: nothing is counted or kept.
     */
    async admit(
      siteId: string,
      state: QueueState,
      request: { fieldId: string; priorityClassId: string | null; idCard?: IdCard | undefined },
    ): Promise<{ ok: false; code: IdCardRefusal | 'LIMIT_REACHED' } | IdCardAdmission> {
      const decision = decideIdCard(
        state.config,
        {
          fieldId: request.fieldId,
          priorityClassId: request.priorityClassId,
          card: request.idCard,
        },
        todayOf(state),
      );
      if (!decision.ok) return decision;
      if (!decision.counted || !request.idCard)
        return { ok: true, priorityClassId: decision.priorityClassId, settle: async () => {} };
      const counted = await reserve(siteId, state, request.idCard.number);
      return counted.ok ? { ...counted, priorityClassId: decision.priorityClassId } : counted;
    },
  };
}

/**
 * A ticket cancelled (by a clerk, a supervisor, or its kiosk taking it back) frees its place in
 * the person's count: each site's stored cancellations remove the ticket's row.
 */
export function releaseCancelledCards(sites: Sites, province: ProvinceStore, log: Logger): void {
  const watch = (site: Site) =>
    site.queue.onCommit((batch) => {
      for (const { event } of batch.events)
        if (event.type === 'ticket.cancelled')
          province
            .releaseIdCardTicket(site.id, event.ticketId)
            .catch((err: unknown) => log.error({ err }, 'freeing a cancelled number failed'));
    });
  for (const site of sites.all()) watch(site);
  sites.onAdded(watch);
}
