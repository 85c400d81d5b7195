// What the ID card's per-person limit keeps (issue 15): part of the store port (`ProvinceStore` extends it).

/**
 * Numbers issued to a person known by their ID card, for `citizens.numbersPerDay`: one row per
 * number (site, service day, keyed hash of the personal number, ticket, when). The hash is
 * HMAC-SHA256 with the site's `id-card-key:<siteId>` secret; the number itself, a name, a birth
 * date are never handed to the store. The count and the insert run in one transaction, so two
 * kiosks (or a kiosk and a phone) at once cannot both pass the limit.
 */
export interface IdCardStore {
  /**
   * Counts a number for `personHash` at `siteId` on `day`, in ONE transaction, unless they
   * already hold `limit` there that day: resolves with the row's id, or null at the limit.
   */
  reserveIdCardNumber(
    entry: { siteId: string; day: string; personHash: string; at: number },
    limit: number,
  ): Promise<number | null>;
  /** The number was issued (its ticket) or refused (null: the row goes, as if never counted). */
  settleIdCardNumber(id: number, ticketId: string | null): Promise<void>;
  /** A ticket cancelled or taken back frees its place in the count: its row goes. */
  releaseIdCardTicket(siteId: string, ticketId: string): Promise<void>;
  /** Numbers counted for a person at a site on a day. */
  idCardNumbersOf(siteId: string, personHash: string, day: string): Promise<number>;
  /** Removes a site's rows of days before `before.day` (its visits' retention). Resolves how many. */
  purgeIdCards(siteId: string, before: { day: string }): Promise<number>;
}
