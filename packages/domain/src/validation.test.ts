import { describe, expect, it } from 'vitest';
import { siteConfigSchema } from './config.ts';
import { decide } from './decide.ts';
import { evolve } from './evolve.ts';
import { cmd, fixtureInput, fresh, run, at } from './test-support.ts';
import { calendarDaySchema, idSchema, isCalendarDay, isValidId } from './validation.ts';
import type { QueueCommand } from './commands.ts';

const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
];

describe('the id rule', () => {
  it.each(PROTOTYPE_NAMES)('refuses %s', (name) => {
    expect(isValidId(name)).toBe(false);
    expect(idSchema.safeParse(name).success).toBe(false);
  });

  it.each([
    'quay-1',
    'dat-dai',
    't12',
    'A_1',
    '0b5c1f0e-8a3e-4c1b-9a57-2f9d7c3b1e44',
    'x'.repeat(64),
  ])('accepts %s', (value) => expect(isValidId(value)).toBe(true));

  it.each(['', ' quay-1', 'quay 1', 'quầy-1', '-a', 'a/b', 'x'.repeat(65)])('refuses %j', (value) =>
    expect(isValidId(value)).toBe(false),
  );

  it('a configuration cannot name a counter or field "constructor"', () => {
    const counter = fixtureInput((c) => {
      c.counters[0]!.id = 'constructor';
    });
    expect(siteConfigSchema.safeParse(counter).success).toBe(false);
    const field = fixtureInput((c) => {
      c.fields[0]!.id = 'constructor';
      c.counters = c.counters.map((k) => ({
        ...k,
        fieldIds: k.fieldIds.map((f) => (f === 'dat-dai' ? 'constructor' : f)),
      }));
    });
    expect(siteConfigSchema.safeParse(field).success).toBe(false);
  });
});

describe('state lookups never reach Object.prototype', () => {
  const day = run([
    cmd.issue('dat-dai'),
    cmd.open('quay-1'),
    cmd.callNext('quay-1'),
    cmd.start('quay-1'),
    cmd.finish('quay-1'),
  ]);
  const waitingDay = run([cmd.issue('dat-dai'), cmd.open('quay-1')]);

  const commands: [string, QueueCommand][] = PROTOTYPE_NAMES.flatMap((name) => [
    [`callTicket ${name}`, cmd.callTicket('quay-1', name)],
    [`cancel ${name}`, cmd.cancel(name)],
    [`rate ${name}`, cmd.rate(name, 'quay-1', 3)],
    [`closeCounter ${name}`, cmd.close(name, null)],
  ]);

  it.each(commands)('%s → NOT_FOUND, state unchanged', (_, command) => {
    for (const state of [day.state, waitingDay.state]) {
      const before = JSON.stringify(state);
      const d = decide(state, command, { now: at('09:00'), newId: () => 'fresh' });
      expect(d.ok ? 'accepted' : d.error.code).toBe('NOT_FOUND');
      expect(JSON.stringify(state)).toBe(before);
    }
  });

  it.each(PROTOTYPE_NAMES)('an event naming %s changes nothing and breaks nothing', (name) => {
    const state = fresh();
    const after = evolve(state, {
      type: 'ticket.started',
      at: at('09:00'),
      day: state.day,
      ticketId: name,
      fieldId: 'dat-dai',
      counterId: 'quay-1',
      clerkId: 'lan',
    });
    expect(Object.keys(after.tickets)).toEqual([]);
    expect(Object.getPrototypeOf(after.tickets)).toBe(Object.getPrototypeOf({}));
  });
});

describe('calendar days', () => {
  it.each(['2026-11-30', '2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])(
    '%s is a day',
    (day) => expect(isCalendarDay(day)).toBe(true),
  );
  it.each([
    '2026-11-31',
    '9999-99-99',
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
    '2026-1-01',
    ' 2026-01-01',
    '2026-01-01T00:00',
  ])('%s is not', (day) => {
    expect(isCalendarDay(day)).toBe(false);
    expect(calendarDaySchema.safeParse(day).success).toBe(false);
  });
});
