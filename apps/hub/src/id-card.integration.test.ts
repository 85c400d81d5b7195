// The ID card at the kiosk on a real hub (SQLite file, Socket.IO over loopback, the hub's fake
// clock): a number with the card, priority by age, adults-only fields, the per-person limit
// across kiosks, refusals that change nothing, and no personal number kept or logged.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubSocket } from '@luot/hub-client';
import { pairDevice } from './setup.ts';
import {
  ADULT,
  cardConfig,
  ELDER,
  MINOR,
  MONDAY_9AM,
  request,
  startTestHub,
  type TestHub,
} from '../testing/index.ts';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

type IssueAnswer = Awaited<ReturnType<typeof issue>>;
function issue(
  socket: HubSocket,
  fieldId: string,
  idCard?: { number: string; birthDate?: string },
  priorityClassId: string | null = null,
) {
  return request(socket, 'ticket:issue', {
    fieldId,
    priorityClassId,
    ...(idCard && { idCard }),
  });
}
const codeOf = (answer: IssueAnswer) => (answer.ok ? 'OK' : answer.error.code);

async function twoKiosks(o: { log?: pino.Logger } = {}) {
  t = await startTestHub({ counters: 2, now: MONDAY_9AM, config: cardConfig(), ...o });
  const second = await pairDevice(t.store, { id: 'kiosk-2', kind: 'kiosk', name: 'Ki-ốt 2' }, 0);
  const a = (await t.connectReady(t.tokens.kiosk!)).socket;
  const b = (await t.connectReady(second)).socket;
  return { a, b };
}

/** How many numbers the store counts for a card today. */
async function counted(card: { number: string }, day = '2026-11-23'): Promise<number> {
  const hash = await t.hub.citizens.idCards.personHash('trung-tam', card.number);
  return t.province.idCardNumbersOf('trung-tam', hash, day);
}

function countTickets(): number {
  return Object.keys(t.hub.sites.get('trung-tam')!.queue.live.tickets).length;
}

describe('the ID card at the kiosk', () => {
  it('issues an adult a number, and gives a card of 75 or more the age class by itself', async () => {
    const { a } = await twoKiosks();
    const adult = await issue(a, 'dat-dai', ADULT);
    expect(adult.ok && adult.data.ticket).toMatchObject({ label: 'A001', priorityClassId: null });
    const elder = await issue(a, 'dat-dai', ELDER);
    expect(elder.ok && elder.data.ticket).toMatchObject({ priorityClassId: 'cao-tuoi' });
    // Typed on the keypad (no birth date): the year decides, 2026 − 1948.
    const typed = await issue(a, 'ho-tich', { number: '001150012345' });
    expect(typed.ok && typed.data.ticket.priorityClassId).toBe('cao-tuoi');
    // The age class claimed without a card of that age is refused.
    expect(codeOf(await issue(a, 'ho-tich', undefined, 'cao-tuoi'))).toBe('PRIORITY_NOT_PROVEN');
    expect(codeOf(await issue(a, 'ho-tich', ADULT, 'cao-tuoi'))).toBe('PRIORITY_NOT_PROVEN');
  });

  it('refuses a minor in an adults-only field, a missing card, a number that is no card', async () => {
    const { a } = await twoKiosks();
    expect(codeOf(await issue(a, 'dat-dai', MINOR))).toBe('ID_CARD_MINOR');
    expect(codeOf(await issue(a, 'dat-dai'))).toBe('ID_CARD_REQUIRED');
    expect(codeOf(await issue(a, 'dat-dai', { number: '123456789012' }))).toBe('ID_CARD_INVALID');
    expect(
      codeOf(await issue(a, 'dat-dai', { number: ADULT.number, birthDate: '1995-01-20' })),
    ).toBe('ID_CARD_INVALID');
    // Not 12 digits at all: refused at the edge.
    expect(codeOf(await issue(a, 'dat-dai', { number: '12345' }))).toBe('BAD_REQUEST');
    // Refusals changed nothing: no ticket, no count.
    expect(countTickets()).toBe(0);
    for (const card of [MINOR, ADULT, { number: '123456789012' }])
      expect(await counted(card)).toBe(0);
    // A minor may still take a number where adults are not required, and without a card.
    expect(codeOf(await issue(a, 'ho-tich', MINOR))).toBe('OK');
    expect(codeOf(await issue(a, 'ho-tich'))).toBe('OK');
  });

  it('holds a person to 2 numbers a day across two kiosks; a cancelled one frees its place', async () => {
    const { a, b } = await twoKiosks();
    // Both kiosks at once, four times: exactly two numbers.
    const answers = await Promise.all([
      issue(a, 'dat-dai', ADULT),
      issue(b, 'dat-dai', ADULT),
      issue(a, 'ho-tich', ADULT),
      issue(b, 'ho-tich', ADULT),
    ]);
    expect(answers.map(codeOf).sort()).toEqual(['LIMIT_REACHED', 'LIMIT_REACHED', 'OK', 'OK']);
    expect(countTickets()).toBe(2);
    expect(await counted(ADULT)).toBe(2);
    // Another person is not held by it.
    expect(codeOf(await issue(b, 'dat-dai', ELDER))).toBe('OK');
    // A clerk's supervisor cancels one of the two: the person may take another.
    const issued =
      answers.find((x) => x.ok && x.data.ticket.fieldId === 'dat-dai') ??
      answers.find((x) => x.ok)!;
    if (!issued.ok) throw new Error('no number issued');
    const supervisor = await t.login('giamsat');
    const staff = (await t.connectReady(supervisor.token)).socket;
    const cancelled = await request(staff, 'ticket:cancel', {
      ticketId: issued.data.ticket.id,
      reason: 'Công dân về',
    });
    expect(cancelled.ok).toBe(true);
    await expect.poll(async () => codeOf(await issue(a, 'dat-dai', ADULT))).toBe('OK');
    expect(codeOf(await issue(a, 'dat-dai', ADULT))).toBe('LIMIT_REACHED');
    // The next service day starts a new count.
    t.clock.set(Date.parse('2026-11-24T02:00:00Z'));
    expect(codeOf(await issue(b, 'dat-dai', ADULT))).toBe('OK');
  });

  it('keeps no personal number: not in the database file, not in the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const { a } = await twoKiosks({ log: pino({ level: 'trace' }, sink) });
    expect(codeOf(await issue(a, 'dat-dai', ADULT))).toBe('OK');
    expect(codeOf(await issue(a, 'dat-dai', ELDER))).toBe('OK');
    expect(codeOf(await issue(a, 'dat-dai', MINOR))).toBe('ID_CARD_MINOR');
    expect(await counted(ADULT)).toBe(1);
    expect(await counted(ELDER)).toBe(1);
    expect(await counted(MINOR)).toBe(0);
    const bytes = [t.dbPath, `${t.dbPath}-wal`]
      .map((path) => {
        try {
          return readFileSync(path).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('');
    for (const card of [ADULT, ELDER, MINOR]) {
      expect(bytes).not.toContain(card.number);
      expect(bytes).not.toContain(card.birthDate);
      expect(lines.join('')).not.toContain(card.number);
    }
    expect(lines.length).toBeGreaterThan(0);
  });
});
