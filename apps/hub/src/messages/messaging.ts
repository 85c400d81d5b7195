import {
  localTime,
  serviceOver,
  zonedInstant,
  zonedParts,
  type QueueState,
  type Ticket,
} from '@luot/domain';
import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { Logger } from 'pino';
import type { CitizenContacts } from '../citizens/contacts.ts';
import type { Clock } from '../clock.ts';
import type { CommittedBatch } from '../queue-service.ts';
import { addDays } from '../retention.ts';
import type { Site, Sites } from '../sites.ts';
import type {
  ContactRow,
  MessageChannel,
  MessageKind,
  NewMessage,
  ProvinceStore,
} from '../store.ts';
import { createOutbox, LEASE_MS, type DrainResult } from './outbox.ts';
import { esmsProvider } from './providers/esms.ts';
import type { Provider } from './providers/provider.ts';
import {
  makeVapidKeys,
  VAPID_SECRET,
  webPushProvider,
  type VapidKeys,
} from './providers/web-push.ts';
import { znsProvider } from './providers/zns.ts';
import { maskPhone, storeSealer } from './recipient-crypto.ts';
import { kindOn, parseSettings, type MessageSettings } from './settings.ts';
import {
  calledText,
  codeText,
  nearText,
  notServedText,
  PUSH_TITLE,
  reminderText,
  type Text,
} from './texts.ts';
import { z } from 'zod';

/** A browser's push subscription, as `PushSubscription.toJSON()` gives it. */
export const pushSubscriptionSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/ }).max(1000),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
});
export type PushSubscriptionJson = z.infer<typeof pushSubscriptionSchema>;

export interface MessagingOptions {
  /** How often the sender looks for due messages (0: only when `drain` is called). */
  pollMs: number;
  /** Every provider call's timeout. */
  providerTimeoutMs: number;
  /** How long a claimed message stays `sending` before another sender may claim it again. */
  leaseMs: number;
  /** The VAPID subject (mailto: or https:) of whoever runs the deployment. */
  vapidSubject: string;
  /**
   * An extra CA (PEM) that push services' certificates may be signed by, besides the public
   * ones: a private push relay, or a test's local push endpoint.
   */
  pushCa?: string;
  /** Reminders of tomorrow's bookings go out between these local times (minutes). */
  reminderFrom: number;
  reminderTo: number;
}

export const DEFAULT_MESSAGING_OPTIONS: MessagingOptions = {
  pollMs: 2000,
  providerTimeoutMs: 10_000,
  leaseMs: LEASE_MS,
  vapidSubject: 'mailto:quan-tri@luot.invalid',
  reminderFrom: 8 * 60,
  reminderTo: 21 * 60,
};

export type Messaging = Awaited<ReturnType<typeof createMessaging>>;

const ticketSubject = (ticketId: string) => `ticket:${ticketId}`;
const bookingSubject = (bookingId: string) => `booking:${bookingId}`;

/**
 * Messages to citizens: the contacts port the citizens' part calls (`contacts`), push
 * subscriptions from the phone page, the triggers that enqueue messages from each site's
 * committed batches (every node hears every batch, so each message is enqueued by a key and
 * stored once), the daily reminders, and the outbox's sender.
 */
export async function createMessaging(deps: {
  province: ProvinceStore;
  sites: Sites;
  clock: Clock;
  log: Logger;
  newId: () => string;
  options?: Partial<MessagingOptions>;
}) {
  const { province, sites, clock } = deps;
  const log = deps.log.child({ part: 'messages' });
  const options = { ...DEFAULT_MESSAGING_OPTIONS, ...deps.options };
  const sealer = await storeSealer(province, clock.now());
  const vapid = JSON.parse(
    await province.secret(VAPID_SECRET, makeVapidKeys, clock.now()),
  ) as VapidKeys;

  const pushAgent = options.pushCa
    ? new Agent({ ca: [...rootCertificates, options.pushCa], keepAlive: true })
    : undefined;
  const settingsOf = async (siteId: string): Promise<MessageSettings> =>
    parseSettings(await province.readMessageSettings(siteId));

  function providerFor(settings: MessageSettings, channel: MessageChannel): Provider | null {
    const timeoutMs = options.providerTimeoutMs;
    switch (channel) {
      case 'sms':
        return settings.sms.enabled ? esmsProvider({ ...settings.sms, timeoutMs }) : null;
      case 'zns':
        return settings.zns.enabled ? znsProvider({ ...settings.zns, timeoutMs }) : null;
      case 'push':
        return settings.push.enabled
          ? webPushProvider({
              vapid,
              subject: options.vapidSubject,
              title: PUSH_TITLE,
              timeoutMs,
              ...(pushAgent && { agent: pushAgent }),
            })
          : null;
    }
  }

  const outbox = createOutbox({
    store: province,
    provider: async (siteId, channel) => providerFor(await settingsOf(siteId), channel),
    sealer,
    clock,
    log,
    leaseMs: options.leaseMs,
  });

  /** The channel a contact is reached by now, or null when its channel is off. */
  function channelOf(settings: MessageSettings, contact: ContactRow): MessageChannel | null {
    if (contact.channel === 'push') return settings.push.enabled ? 'push' : null;
    return settings[settings.phoneChannel].enabled ? settings.phoneChannel : null;
  }

  /** The messages to every contact of a subject, one per key and contact channel. */
  function messagesFor(
    siteId: string,
    contacts: readonly ContactRow[],
    kind: MessageKind,
    key: string,
    text: Text,
    settings: MessageSettings,
  ): NewMessage[] {
    if (!kindOn(settings, kind)) return [];
    const messages: NewMessage[] = [];
    for (const contact of contacts) {
      const channel = channelOf(settings, contact);
      if (!channel) continue;
      messages.push({
        id: deps.newId(),
        key: `${siteId}/${key}/${contact.channel}`,
        siteId,
        kind,
        channel,
        recipient: contact.recipient,
        masked: contact.masked,
        text: text.text,
        data: text.data,
        at: clock.now(),
      });
    }
    return messages;
  }

  /**
   * Stores messages in one transaction (a whole batch's: one disk sync, not one per message,
   * so the queue's own commits are not held up), then wakes the sender if any was new.
   */
  async function enqueue(messages: readonly NewMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const stored = await province.enqueueMessages(messages);
    if (stored > 0)
      outbox.drain().catch((err: unknown) => log.error({ err }, 'outbox drain failed'));
    return stored;
  }

  /** One site's triggers: what its batches and the clock mean for followed tickets. */
  function triggersOf(site: Site) {
    const { queue } = site;
    let over = serviceOver(queue.live, clock.now());
    let chain: Promise<void> = Promise.resolve();
    /** Runs the site's message work in order (a call's message before its ticket is forgotten). */
    const later = (work: () => Promise<void>) => {
      chain = chain
        .then(work)
        .catch((err: unknown) => log.error({ err, site: site.id }, 'message trigger failed'));
    };

    interface Candidate {
      ticket: Pick<Ticket, 'id' | 'label'>;
      kind: MessageKind;
      key: string;
      text: Text;
    }

    /** Tickets near their turn, called, or not served, and tickets now over (read synchronously). */
    function fromBatch(batch: CommittedBatch) {
      const state = batch.after;
      const centre = state.config.site.name;
      const candidates: Candidate[] = [];
      const over_: string[] = [];
      const fields = new Set<string>();
      for (const { event } of batch.events) {
        switch (event.type) {
          case 'ticket.issued':
            fields.add(event.ticket.fieldId);
            break;
          case 'ticket.called': {
            fields.add(event.fieldId);
            const ticket = state.tickets[event.ticketId];
            const called = ticket && calledAt(state, ticket, event.counterId);
            if (called) candidates.push(called);
            break;
          }
          case 'ticket.cancelled':
          case 'ticket.finished':
            fields.add(event.fieldId);
            over_.push(event.ticketId);
            break;
          case 'ticket.expired': {
            fields.add(event.fieldId);
            const ticket = state.tickets[event.ticketId];
            if (ticket)
              candidates.push({
                ticket,
                kind: 'not-served',
                key: `${ticket.id}/not-served`,
                text: notServedText(ticket.label, centre),
              });
            over_.push(event.ticketId);
            break;
          }
          case 'ticket.transferred':
            fields.add(event.toFieldId);
            break;
          case 'ticket.arrived':
          case 'ticket.no_show':
            fields.add(event.fieldId);
            break;
          case 'day.opened':
          case 'config.updated':
            for (const f of state.config.fields) fields.add(f.id);
            break;
        }
      }
      candidates.push(...nearIn(state, fields));
      if (overChanged(state)) candidates.push(...notServedAll(state));
      return { candidates, over: over_ };
    }

    /** The "please come to counter K" message of a ticket called at a counter (one per counter). */
    function calledAt(state: QueueState, ticket: Ticket, counterId: string): Candidate | null {
      const counter = state.config.counters.find((c) => c.id === counterId);
      if (!counter) return null;
      return {
        ticket,
        kind: 'called',
        key: `${ticket.id}/called/${counter.id}`,
        text: calledText(ticket.label, counter.number, state.config.site.name),
      };
    }

    function nearIn(state: QueueState, fields: Iterable<string>): Candidate[] {
      const limit = state.config.citizens.nearTurnAhead;
      const centre = state.config.site.name;
      const found: Candidate[] = [];
      for (const [ticketId, ahead] of queue.waiting.places(fields, clock.now())) {
        if (ahead > limit) continue;
        const ticket = state.tickets[ticketId];
        if (ticket)
          found.push({
            ticket,
            kind: 'near',
            key: `${ticketId}/near`,
            text: nearText(ticket.label, ahead, centre),
          });
      }
      return found;
    }

    function notServedAll(state: QueueState): Candidate[] {
      const centre = state.config.site.name;
      return Object.values(state.tickets)
        .filter((t) => t.status === 'waiting' || t.status === 'no_show')
        .map((ticket) => ({
          ticket,
          kind: 'not-served' as const,
          key: `${ticket.id}/not-served`,
          text: notServedText(ticket.label, centre),
        }));
    }

    function overChanged(state: QueueState): boolean {
      const now = serviceOver(state, clock.now());
      const changed = now && !over;
      over = now;
      return changed;
    }

    async function handle(found: { candidates: Candidate[]; over: string[] }): Promise<void> {
      if (found.candidates.length > 0) {
        const ids = [...new Set(found.candidates.map((c) => ticketSubject(c.ticket.id)))];
        const contacts = await contactsOfMany(site.id, ids);
        if (contacts.size > 0) {
          const settings = await settingsOf(site.id);
          const messages: NewMessage[] = [];
          for (const c of found.candidates) {
            const of = contacts.get(ticketSubject(c.ticket.id));
            if (of) messages.push(...messagesFor(site.id, of, c.kind, c.key, c.text, settings));
          }
          await enqueue(messages);
        }
      }
      for (const ticketId of found.over)
        await province.deleteContacts(site.id, ticketSubject(ticketId));
    }

    queue.onCommit((batch) => {
      const found = fromBatch(batch);
      if (found.candidates.length > 0 || found.over.length > 0) later(() => handle(found));
    });

    /**
     * What the state as restored owes followed tickets: a hub stopped between a queue commit
     * and its messages' enqueue (a few milliseconds) would otherwise never send them. Keys are
     * unique, so what was already stored is not stored again.
     */
    function fromState(state: QueueState): { candidates: Candidate[]; over: string[] } {
      const candidates: Candidate[] = [];
      for (const ticket of Object.values(state.tickets)) {
        if (ticket.status !== 'called' || ticket.counterId === null) continue;
        const called = calledAt(state, ticket, ticket.counterId);
        if (called) candidates.push(called);
      }
      candidates.push(
        ...nearIn(
          state,
          state.config.fields.map((f) => f.id),
        ),
      );
      if (serviceOver(state, clock.now())) candidates.push(...notServedAll(state));
      return { candidates, over: [] };
    }
    later(() => handle(fromState(queue.live)));

    /** Reminders of tomorrow's bookings (idempotent: once per booking by key). */
    async function remind(): Promise<void> {
      const { config } = queue.live;
      const tz = config.site.timeZone;
      const now = clock.now();
      const { day, minutes } = localTime(now, tz);
      if (minutes < options.reminderFrom || minutes >= options.reminderTo) return;
      const tomorrow = addDays(day, 1);
      const due = await province.contactsWithSlotIn(
        site.id,
        zonedInstant(tomorrow, 0, tz),
        zonedInstant(addDays(tomorrow, 1), 0, tz),
      );
      if (due.length === 0) return;
      const settings = await settingsOf(site.id);
      const messages = due.flatMap((contact) => {
        const p = zonedParts(contact.slotAt!, tz);
        const text = reminderText(
          `${p.hour}:${p.minute}`,
          config.site.name,
          fieldNameOfBooking(contact),
        );
        const key = `${contact.subject}/reminder`;
        return messagesFor(site.id, [contact], 'reminder', key, text, settings);
      });
      await enqueue(messages);
    }

    /** The field's name is not kept with the contact (no need): the data names the centre. */
    function fieldNameOfBooking(contact: ContactRow): string {
      const fieldId = bookingFields.get(`${site.id}/${contact.subject}`);
      return queue.live.config.fields.find((f) => f.id === fieldId)?.name ?? 'lịch hẹn';
    }

    let lastReminderCheck = 0;
    return {
      /** The clock moved: the day's service may have ended; tomorrow's reminders may be due. */
      tick(): void {
        const state = queue.live;
        if (overChanged(state)) {
          const found = { candidates: notServedAll(state), over: [] };
          later(() => handle(found));
        }
        const now = clock.now();
        if (now - lastReminderCheck >= 60_000) {
          lastReminderCheck = now;
          later(remind);
        }
      },
      /** A ticket just followed: tells it now if it is already near its turn. */
      followed(ticketId: string): void {
        const state = queue.live;
        const ticket = state.tickets[ticketId];
        if (ticket?.status !== 'waiting') return;
        const found = nearIn(state, [ticket.fieldId]).filter((c) => c.ticket.id === ticketId);
        if (found.length > 0) later(() => handle({ candidates: found, over: [] }));
      },
      /** Resolves once the site's message work queued so far is done (tests). */
      settled: () => chain,
    };
  }

  /** Bookings' fields, for their reminder's wording (kept by the node that was told). */
  const bookingFields = new Map<string, string>();

  async function contactsOfMany(
    siteId: string,
    subjects: string[],
  ): Promise<Map<string, ContactRow[]>> {
    const bySubject = new Map<string, ContactRow[]>();
    for (let i = 0; i < subjects.length; i += 500)
      for (const row of await province.contactsOf(siteId, subjects.slice(i, i + 500))) {
        const list = bySubject.get(row.subject) ?? [];
        list.push(row);
        bySubject.set(row.subject, list);
      }
    return bySubject;
  }

  const triggers = new Map<string, ReturnType<typeof triggersOf>>();
  for (const site of sites.all()) triggers.set(site.id, triggersOf(site));
  sites.onAdded((site) => triggers.set(site.id, triggersOf(site)));

  const phoneContact = (
    siteId: string,
    subject: string,
    phone: string,
    slotAt: number | null,
  ): ContactRow => ({
    siteId,
    subject,
    channel: 'phone',
    recipient: sealer.seal(phone),
    masked: maskPhone(phone),
    slotAt,
  });

  const contacts: CitizenContacts = {
    async sendCode(siteId, phone, code) {
      const settings = await settingsOf(siteId);
      const channel = settings.codeChannel;
      const provider = providerFor(settings, channel);
      if (!provider) throw new Error(`no ${channel} provider for site ${siteId}`);
      const id = deps.newId();
      const text = codeText(code);
      const at = clock.now();
      // Listed for supervisors like every message, with neither the code nor the phone kept;
      // never claimed by the sender (due in a year), finished here.
      await province.enqueueMessages([
        {
          id,
          key: `${siteId}/code/${id}`,
          siteId,
          kind: 'code',
          channel,
          recipient: '',
          masked: maskPhone(phone),
          text: KIND_CODE_TEXT,
          data: {},
          at,
          notBefore: at + 365 * 86_400_000,
        },
      ]);
      try {
        await provider.send({ id, kind: 'code', to: phone, text: text.text, data: text.data });
      } catch (err) {
        await province.finishMessages([id], {
          status: 'failed',
          at: clock.now(),
          error: (err as Error).message,
        });
        throw err;
      }
      await province.finishMessages([id], { status: 'sent', at: clock.now() });
    },
    async followTicket(siteId, ticketId, phone) {
      await province.saveContact(
        phoneContact(siteId, ticketSubject(ticketId), phone, null),
        clock.now(),
      );
      triggers.get(siteId)?.followed(ticketId);
    },
    async followBooking(siteId, booking, phone) {
      bookingFields.set(`${siteId}/${bookingSubject(booking.id)}`, booking.fieldId);
      await province.saveContact(
        phoneContact(siteId, bookingSubject(booking.id), phone, booking.slotAt),
        clock.now(),
      );
    },
    async bookingCheckedIn(siteId, bookingId, ticketId) {
      await province.moveContacts(siteId, bookingSubject(bookingId), ticketSubject(ticketId));
      bookingFields.delete(`${siteId}/${bookingSubject(bookingId)}`);
      triggers.get(siteId)?.followed(ticketId);
    },
    async forgetBooking(siteId, bookingId) {
      bookingFields.delete(`${siteId}/${bookingSubject(bookingId)}`);
      await province.deleteContacts(siteId, bookingSubject(bookingId));
    },
  };

  outbox.start(options.pollMs);

  return {
    contacts,
    /** The phone page's push subscription for its ticket (`POST /api/public/push`). */
    async followByPush(
      siteId: string,
      ticketId: string,
      subscription: PushSubscriptionJson,
    ): Promise<void> {
      await province.saveContact(
        {
          siteId,
          subject: ticketSubject(ticketId),
          channel: 'push',
          recipient: sealer.seal(JSON.stringify(subscription)),
          masked: 'Web Push',
          slotAt: null,
        },
        clock.now(),
      );
      triggers.get(siteId)?.followed(ticketId);
    },
    /** Whether a site sends Web Push (the phone page offers it only then). */
    async pushEnabled(siteId: string): Promise<boolean> {
      return (await settingsOf(siteId)).push.enabled;
    },
    /** The deployment's VAPID public key, for the phone page's subscription. */
    vapidPublicKey: vapid.publicKey,
    /** Called with the hub's rollover check. */
    tick(): void {
      for (const t of triggers.values()) t.tick();
    },
    /** Sends what is due now. */
    drain: (): Promise<DrainResult> => outbox.drain(),
    /** Resolves once every site's triggers have enqueued what they heard so far (tests). */
    async settled(): Promise<void> {
      await Promise.all([...triggers.values()].map((t) => t.settled()));
    },
    async close(): Promise<void> {
      await this.settled();
      await outbox.stop();
      pushAgent?.destroy();
    },
  };
}

/** What the outbox keeps as a one-time code's text: never the code. */
const KIND_CODE_TEXT = 'Mã xác thực (không lưu)';
