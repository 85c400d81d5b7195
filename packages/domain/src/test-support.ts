// Shared fixture for the domain's tests: a small centre, a fixed clock and a command runner.
// Not exported from the package.
import type { QueueCommand } from './commands.ts';
import {
  minutesOfHhmm,
  siteConfigSchema,
  type SiteConfig,
  type SiteConfigInput,
} from './config.ts';
import { decide, type Decision } from './decide.ts';
import type { DomainError } from './errors.ts';
import type { QueueEvent } from './events.ts';
import { initialState, type QueueState, type Ticket } from './state.ts';

/** The service day every test runs on unless it says otherwise (a Monday). */
export const DAY = '2025-03-10';
export const NEXT_DAY = '2025-03-11';

const SESSIONS = [
  { from: '07:30', to: '11:30' },
  { from: '13:30', to: '17:00' },
];

const BASE: SiteConfigInput = {
  site: { name: 'Trung tâm Phục vụ Hành chính công tỉnh Thử', timeZone: 'Asia/Ho_Chi_Minh' },
  fields: [
    { id: 'dat-dai', name: 'Đất đai', numbering: { start: 1001, digits: 4 }, sessions: SESSIONS },
    {
      id: 'ho-tich',
      name: 'Hộ tịch',
      numbering: { prefix: 'A', start: 1, digits: 3 },
      sessions: SESSIONS,
    },
    {
      id: 'kinh-doanh',
      name: 'Đăng ký kinh doanh',
      numbering: { prefix: 'B', start: 1, digits: 3 },
      sessions: SESSIONS,
    },
  ],
  counters: [
    // Default rule: priority first, then longest wait across both fields.
    { id: 'quay-1', number: 1, name: 'Quầy 1', fieldIds: ['dat-dai', 'ho-tich'] },
    {
      id: 'quay-2',
      number: 2,
      name: 'Quầy 2',
      fieldIds: ['ho-tich', 'dat-dai'],
      rule: 'fields-in-order',
    },
    { id: 'quay-3', number: 3, name: 'Quầy 3', fieldIds: ['kinh-doanh'] },
  ],
  priorityClasses: [
    { id: 'cao-tuoi', name: 'Người cao tuổi' },
    { id: 'khuyet-tat', name: 'Người khuyết tật' },
  ],
  priorityMaxStreak: 2,
};

/** A deep copy of plain data (the domain's state and config are JSON). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The fixture's raw configuration, optionally changed by `patch` before it is validated. */
export function fixtureInput(patch?: (input: SiteConfigInput) => void): SiteConfigInput {
  const input = clone(BASE);
  patch?.(input);
  return input;
}

/** The fixture configuration, parsed; throws if a patch made it invalid. */
export function fixtureConfig(patch?: (input: SiteConfigInput) => void): SiteConfig {
  return siteConfigSchema.parse(fixtureInput(patch));
}

/** An empty DAY of the fixture centre (or of `config`). */
export function fresh(config: SiteConfig = fixtureConfig()): QueueState {
  return initialState(config, DAY);
}

/** Each counter's usual clerk. */
export const CLERK: Record<string, string> = { 'quay-1': 'lan', 'quay-2': 'minh', 'quay-3': 'hoa' };
const clerkOf = (counterId: string): string => CLERK[counterId] ?? 'tuan';

/**
 * Epoch ms of a local time in Asia/Ho_Chi_Minh: "HH:MM" on DAY, or "YYYY-MM-DD HH:MM".
 * Vietnam is UTC+7 all year, so plain arithmetic is exact.
 */
export function at(time: string): number {
  const match = /^(?:(\d{4}-\d{2}-\d{2}) )?(\d{2}:\d{2})$/.exec(time);
  if (!match) throw new Error(`bad test time "${time}"`);
  const [, date = DAY, hhmm = ''] = match;
  const [y = 0, mo = 0, d = 0] = date.split('-').map(Number);
  return Date.UTC(y, mo - 1, d, 0, minutesOfHhmm(hhmm) - 7 * 60);
}

/** Ticket ids t1, t2, … in issue order within a day: tests can name tickets before they exist. */
function ids(state: QueueState): () => string {
  let n = Object.keys(state.tickets).length;
  return () => `t${++n}`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** One decision at a local time, on a frozen state so any mutation throws. */
export function attempt(state: QueueState, command: QueueCommand, time: string): Decision {
  return decide(deepFreeze(state), command, { now: at(time), newId: ids(state) });
}

/** The refusal of a command; throws if the command was accepted. */
export function refusal(state: QueueState, command: QueueCommand, time: string): DomainError {
  const d = attempt(state, command, time);
  if (d.ok) throw new Error(`expected ${command.type} to be refused, got ${eventTypes(d.events)}`);
  return d.error;
}

export interface Ran {
  initial: QueueState;
  state: QueueState;
  /** Every event, in order: what the hub would store. */
  events: QueueEvent[];
  /** The events of the last command. */
  last: QueueEvent[];
}

/**
 * Folds `decide` over commands. `times` is either one "HH:MM" per command, or the time of the
 * first command with the rest one minute apart. Throws on the first refusal.
 */
export function run(
  commands: readonly QueueCommand[],
  times: string | readonly string[] = '08:00',
  from: QueueState = fresh(),
): Ran {
  if (typeof times !== 'string' && times.length !== commands.length)
    throw new Error(`${commands.length} commands but ${times.length} times`);
  let state = from;
  const events: QueueEvent[] = [];
  let last: QueueEvent[] = [];
  commands.forEach((command, i) => {
    const time = typeof times === 'string' ? plusMinutes(times, i) : times[i]!;
    const d = attempt(state, command, time);
    if (!d.ok)
      throw new Error(
        `step ${i} (${time}) ${JSON.stringify(command)} refused: ${d.error.code} ${d.error.detail}`,
      );
    state = d.state;
    last = d.events;
    events.push(...d.events);
  });
  return { initial: from, state, events, last };
}

function plusMinutes(time: string, minutes: number): string {
  const [date, hhmm] = time.includes(' ') ? time.split(' ') : [undefined, time];
  const total = minutesOfHhmm(hhmm ?? '') + minutes;
  if (total >= 24 * 60) throw new Error(`${time} + ${minutes} min passes midnight`);
  const clock = `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  return date ? `${date} ${clock}` : clock;
}

export function eventTypes(events: readonly QueueEvent[]): string[] {
  return events.map((e) => e.type);
}

/** The ticket printed with `label` (labels are unique today in the fixture: 1001, A001, B001). */
export function byLabel(state: QueueState, label: string): Ticket {
  const found = Object.values(state.tickets).find((t) => t.label === label);
  if (!found) throw new Error(`no ticket ${label}`);
  return found;
}

/** Command builders; the clerk defaults to the counter's usual clerk. */
export const cmd = {
  issue: (fieldId: string, priorityClassId: string | null = null): QueueCommand => ({
    type: 'issue',
    fieldId,
    priorityClassId,
  }),
  open: (counterId: string, clerkId = clerkOf(counterId)): QueueCommand => ({
    type: 'openCounter',
    counterId,
    clerkId,
  }),
  close: (counterId: string, clerkId: string | null = clerkOf(counterId)): QueueCommand => ({
    type: 'closeCounter',
    counterId,
    clerkId,
  }),
  callNext: (counterId: string, clerkId = clerkOf(counterId)): QueueCommand => ({
    type: 'callNext',
    counterId,
    clerkId,
  }),
  callTicket: (
    counterId: string,
    ticketId: string,
    clerkId = clerkOf(counterId),
  ): QueueCommand => ({
    type: 'callTicket',
    counterId,
    clerkId,
    ticketId,
  }),
  recall: (counterId: string, clerkId = clerkOf(counterId)): QueueCommand => ({
    type: 'recall',
    counterId,
    clerkId,
  }),
  start: (counterId: string, clerkId = clerkOf(counterId)): QueueCommand => ({
    type: 'start',
    counterId,
    clerkId,
  }),
  finish: (counterId: string, clerkId = clerkOf(counterId)): QueueCommand => ({
    type: 'finish',
    counterId,
    clerkId,
  }),
  noShow: (counterId: string, clerkId = clerkOf(counterId)): QueueCommand => ({
    type: 'noShow',
    counterId,
    clerkId,
  }),
  transfer: (
    counterId: string,
    to: { fieldId: string } | { counterId: string },
    clerkId = clerkOf(counterId),
  ): QueueCommand => ({ type: 'transfer', counterId, clerkId, to, reason: 'Sai lĩnh vực' }),
  cancel: (ticketId: string): QueueCommand => ({
    type: 'cancel',
    ticketId,
    reason: 'Công dân không chờ được',
  }),
  pause: (counterId: string, clerkId = clerkOf(counterId)): QueueCommand => ({
    type: 'pause',
    counterId,
    clerkId,
    reason: 'Nghỉ giải lao',
  }),
  resume: (counterId: string, clerkId = clerkOf(counterId)): QueueCommand => ({
    type: 'resume',
    counterId,
    clerkId,
  }),
  rate: (ticketId: string, counterId: string, score: number): QueueCommand => ({
    type: 'rate',
    ticketId,
    counterId,
    score,
  }),
  closeDay: (): QueueCommand => ({ type: 'closeDay' }),
  updateConfig: (config: SiteConfig): QueueCommand => ({ type: 'updateConfig', config }),
};
