// What a receiver gets for one stored event: the body (`WebhookBody` without its per-subscription
// id), its ticket, and what its delivery is ordered behind. Shaped once per event, whatever the
// number of subscriptions.
import { eventFor, type QueueEvent } from '@luot/domain';
import type { WebhookBody, WebhookEventType } from '@luot/protocol';
import type { Site } from '../sites.ts';
import type { StoredEvent } from '../store.ts';

export interface ShapedEvent {
  type: WebhookEventType;
  ticketId: string | null;
  orderKey: string;
  body: Omit<WebhookBody, 'id'>;
}

/** A stored event of a site as its deliveries carry it (a subscribable type). */
export async function shapeEvent(site: Site, stored: StoredEvent): Promise<ShapedEvent> {
  const { event } = stored;
  const type = event.type as WebhookEventType;
  const ticketId =
    event.type === 'ticket.issued' ? event.ticket.id : 'ticketId' in event ? event.ticketId : null;
  return {
    type,
    ticketId,
    orderKey: webhookOrderKey(event),
    body: {
      type,
      siteId: site.id,
      seq: stored.seq,
      occurredAt: event.at,
      ticketLabel: await labelOf(site, event),
      ...placesOf(site, event),
      event: eventFor('staff', event) as WebhookBody['event'],
    },
  };
}

/**
 * What a delivery waits behind: a ticket's events go in order, and a counter's (opened,
 * paused, resumed, closed); the site's own (a new day, the configuration) in order among
 * themselves. Nothing else waits for anything: 200 counters opening at 07:30 are 200 deliveries
 * sent at once, not one after another.
 */
export function webhookOrderKey(event: QueueEvent): string {
  if (event.type === 'ticket.issued') return `ticket:${event.ticket.id}`;
  if ('ticketId' in event) return `ticket:${event.ticketId}`;
  if ('counterId' in event && event.counterId) return `counter:${event.counterId}`;
  return 'site';
}

/** The ticket's number as printed ("A012"), for the body; null when unknown. */
async function labelOf(site: Site, event: QueueEvent): Promise<string | null> {
  if (event.type === 'ticket.issued') return event.ticket.label;
  if (!('ticketId' in event)) return null;
  const live = site.queue.live.tickets[event.ticketId];
  if (live) return live.label;
  return (await site.store.ticketSnapshot(event.ticketId))?.label ?? null;
}

/** The event's counter and field as the site's configuration names them now. */
function placesOf(site: Site, event: QueueEvent): Pick<WebhookBody, 'counter' | 'field'> {
  const { config } = site.queue.live;
  const counterId = 'counterId' in event ? event.counterId : null;
  const fieldId =
    event.type === 'ticket.issued'
      ? event.ticket.fieldId
      : 'fieldId' in event
        ? event.fieldId
        : null;
  const counter = counterId ? config.counters.find((c) => c.id === counterId) : undefined;
  const field = fieldId ? config.fields.find((f) => f.id === fieldId) : undefined;
  return {
    counter: counter ? { id: counter.id, number: counter.number, name: counter.name } : null,
    field: field ? { id: field.id, name: field.name } : null,
  };
}
