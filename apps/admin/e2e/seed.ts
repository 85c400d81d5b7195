// A believable centre for the admin app's browser tests and screenshots: six fields, eight
// counters, and days of history simulated minute by minute through the hub's real queue.
import { MONDAY_9AM, testConfig, type TestHub } from '@luot/hub/testing';
import { prng } from '@luot/test-support';

type Config = ReturnType<typeof testConfig>;

const SESSIONS = [
  { from: '07:30', to: '11:30' },
  { from: '13:30', to: '17:00' },
];

/** The test centre (counters c1…c8, clerks cb1…cb8, the harness's users and devices). */
export function centreConfig(): Config {
  const field = (
    id: string,
    name: string,
    prefix: string,
    start: number,
    target: number,
    order: number,
  ) => ({
    id,
    name,
    numbering: { prefix, start, digits: prefix ? 3 : 4 },
    sessions: SESSIONS,
    targetWaitMinutes: target,
    defaultServiceMinutes: 12,
    kioskOrder: order,
  });
  return testConfig(8, {
    fields: [
      field('dat-dai', 'Đất đai', '', 1001, 30, 0),
      field('ho-tich', 'Tư pháp – Hộ tịch', 'A', 1, 20, 1),
      field('kinh-doanh', 'Đăng ký kinh doanh', 'B', 1, 30, 2),
      field('xay-dung', 'Xây dựng', 'C', 1, 30, 3),
      field('lao-dong', 'Lao động – Thương binh và Xã hội', 'D', 1, 25, 4),
      field('y-te', 'Y tế', 'E', 1, 20, 5),
    ] as never,
    counters: [
      { id: 'c1', number: 1, name: 'Quầy 1', fieldIds: ['dat-dai'] },
      { id: 'c2', number: 2, name: 'Quầy 2', fieldIds: ['dat-dai'] },
      { id: 'c3', number: 3, name: 'Quầy 3', fieldIds: ['ho-tich'] },
      { id: 'c4', number: 4, name: 'Quầy 4', fieldIds: ['ho-tich', 'y-te'] },
      { id: 'c5', number: 5, name: 'Quầy 5', fieldIds: ['kinh-doanh'] },
      { id: 'c6', number: 6, name: 'Quầy 6', fieldIds: ['xay-dung'] },
      { id: 'c7', number: 7, name: 'Quầy 7', fieldIds: ['lao-dong'] },
      { id: 'c8', number: 8, name: 'Quầy tổng hợp', fieldIds: ['y-te', 'lao-dong', 'ho-tich'] },
    ] as never,
  });
}

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

interface Desk {
  id: string;
  clerk: string;
  ticket: string | null;
  state: 'free' | 'called' | 'serving';
  next: number;
}

/**
 * Simulates service days through `t.hub.queue`: arrivals peaking mid-morning, calls, no-shows,
 * transfers, service times and ratings, minute by minute from 07:30 to `until` (minutes after
 * midnight) on the last day. `dayOffset` 0 is Monday 2026-11-23; negative days are the past.
 */
export function simulate(
  t: TestHub,
  options: {
    days: number[];
    until?: number;
    perDay?: number;
    seed?: number;
    /** Counters that stay closed on the last day. */
    closedToday?: string[];
  },
): void {
  const rnd = prng(options.seed ?? 7);
  const config = t.hub.queue.live.config;
  const fields = config.fields.map((f) => f.id);
  const weights = [5, 4, 2, 1, 2, 1];
  const pickField = () => {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = rnd() * total;
    for (let i = 0; i < fields.length; i++) if ((r -= weights[i] ?? 1) < 0) return fields[i]!;
    return fields[0]!;
  };
  const midnight = (day: number) => MONDAY_9AM - 9 * 60 * MIN + day * DAY;
  // Decided and applied at once; stored with the rest of this turn's commands.
  const run = (command: Parameters<TestHub['hub']['queue']['submit']>[0]) =>
    t.hub.queue.submit(command, { actor: 'seed' });

  for (const [k, day] of options.days.entries()) {
    const last = k === options.days.length - 1;
    const end = last && options.until !== undefined ? options.until : 17 * 60;
    const base = midnight(day);
    const perDay = options.perDay ?? 90;
    // Arrivals: most in the morning, a smaller afternoon wave.
    const arrivals = Array.from({ length: perDay }, () => {
      const morning = rnd() < 0.72;
      const peak = morning ? 9 * 60 : 14 * 60 + 30;
      const spread = morning ? 75 : 70;
      const m = Math.round(peak + (rnd() + rnd() + rnd() - 1.5) * spread);
      return Math.min(
        morning ? 11 * 60 + 29 : 16 * 60 + 59,
        Math.max(morning ? 7 * 60 + 30 : 13 * 60 + 30, m),
      );
    }).sort((a, b) => a - b);
    const open = config.counters
      .map((c) => c.id)
      .filter((id) => !last || !options.closedToday?.includes(id));
    t.clock.set(base + 7 * 60 * MIN + 25 * MIN);
    const desks: Desk[] = open.map((id) => ({
      id,
      clerk: `cb${id.slice(1)}`,
      ticket: null,
      state: 'free',
      next: 7 * 60 + 30,
    }));
    for (const d of desks) run({ type: 'openCounter', counterId: d.id, clerkId: d.clerk });
    let a = 0;
    for (let minute = 7 * 60 + 30; minute <= end; minute++) {
      t.clock.set(base + minute * MIN);
      while (a < arrivals.length && arrivals[a]! <= minute) {
        run({
          type: 'issue',
          fieldId: pickField(),
          priorityClassId: rnd() < 0.06 ? 'cao-tuoi' : null,
        });
        a++;
      }
      // Lunch: counters rest between the sessions.
      if (minute > 11 * 60 + 45 && minute < 13 * 60 + 30) continue;
      for (const d of desks) {
        if (d.next > minute) continue;
        const by = { counterId: d.id, clerkId: d.clerk };
        if (d.state === 'serving') {
          run({ type: 'finish', ...by });
          const r = rnd();
          if (r < 0.75) {
            const score = rnd() < 0.72 ? 3 : rnd() < 0.8 ? 2 : 1;
            run({ type: 'rate', ticketId: d.ticket!, counterId: d.id, score });
          }
          d.state = 'free';
          d.ticket = null;
        } else if (d.state === 'called') {
          const r = rnd();
          if (r < 0.05) {
            run({ type: 'noShow', ...by });
            d.state = 'free';
          } else if (r < 0.08) {
            const other = fields.find((f) => f !== t.hub.queue.live.tickets[d.ticket!]?.fieldId)!;
            run({ type: 'start', ...by });
            run({ type: 'transfer', to: { fieldId: other }, reason: 'Sai lĩnh vực', ...by });
            d.state = 'free';
          } else {
            run({ type: 'start', ...by });
            d.state = 'serving';
            d.next = minute + 4 + Math.floor(rnd() * rnd() * 22);
            continue;
          }
        }
        if (d.state === 'free') {
          const called = run({ type: 'callNext', ...by });
          if (called.ok) {
            const e = called.events.find((x) => x.type === 'ticket.called');
            d.ticket = e && 'ticketId' in e ? e.ticketId : null;
            d.state = 'called';
            d.next = minute + 1;
          }
        }
      }
    }
    if (!last) {
      for (const d of desks) {
        const by = { counterId: d.id, clerkId: d.clerk };
        if (d.state === 'serving') run({ type: 'finish', ...by });
        if (d.state === 'called') run({ type: 'noShow', ...by });
        run({ type: 'closeCounter', counterId: d.id, clerkId: d.clerk });
      }
    }
  }
}
