// A simulated rush day, played through `decide` as a hub would: a crowd at opening and a
// morning rush above the counters' capacity, clerks calling next and finishing with sampled
// service times, priority numbers, booked slots checked in at the kiosk, counters serving
// several fields (one by "fields in order"), a lunch break 11:30–13:30 and a calmer afternoon.
import {
  decide,
  initialState,
  siteConfigSchema,
  type QueueCommand,
  type QueueEvent,
  type QueueState,
  type SiteConfig,
} from '@luot/domain';
import { prng } from '@luot/test-support';
import type { ReplayDay } from './replay.ts';

const MINUTE = 60_000;

/** Fields of the rush centre: mean service (minutes) and share of walk-ins. */
const RUSH_FIELDS = [
  { id: 'dat-dai', name: 'Đất đai', serviceMinutes: 12, weight: 3 },
  { id: 'ho-tich', name: 'Tư pháp – Hộ tịch', serviceMinutes: 7, weight: 3 },
  { id: 'kinh-doanh', name: 'Đăng ký kinh doanh', serviceMinutes: 10, weight: 2 },
  { id: 'y-te', name: 'Y tế', serviceMinutes: 5, weight: 1 },
] as const;

export function rushConfig(): SiteConfig {
  return siteConfigSchema.parse({
    site: { name: 'Trung tâm giờ cao điểm', timeZone: 'Asia/Ho_Chi_Minh' },
    fields: RUSH_FIELDS.map((f, i) => ({
      id: f.id,
      name: f.name,
      numbering: { prefix: String.fromCharCode(65 + i), start: 1, digits: 3 },
      sessions: [
        { from: '07:30', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ],
      defaultServiceMinutes: f.serviceMinutes,
      online:
        f.id === 'kinh-doanh'
          ? { booking: { enabled: true, slotMinutes: 15, capacity: 2, earlyMinutes: 30 } }
          : {},
    })),
    counters: [
      { id: 'q1', number: 1, name: 'Quầy 1', fieldIds: ['dat-dai'] },
      { id: 'q2', number: 2, name: 'Quầy 2', fieldIds: ['dat-dai', 'ho-tich'] },
      { id: 'q3', number: 3, name: 'Quầy 3', fieldIds: ['ho-tich'] },
      {
        id: 'q4',
        number: 4,
        name: 'Quầy 4',
        fieldIds: ['ho-tich', 'y-te'],
        rule: 'fields-in-order',
      },
      { id: 'q5', number: 5, name: 'Quầy 5', fieldIds: ['kinh-doanh', 'dat-dai'] },
      { id: 'q6', number: 6, name: 'Quầy 6', fieldIds: ['y-te', 'kinh-doanh'] },
    ],
    priorityClasses: [{ id: 'nguoi-cao-tuoi', name: 'Người cao tuổi' }],
  });
}

/** Walk-ins per minute by local time (minutes after midnight): the rush, then calmer. */
function arrivalRate(minutes: number): number {
  if (minutes < 7 * 60 + 30) return 0;
  if (minutes < 8 * 60) return 1.4; // the crowd at opening
  if (minutes < 9 * 60 + 30) return 0.9; // the rush, above capacity
  if (minutes < 11 * 60 + 30) return 0.45;
  if (minutes < 13 * 60 + 30) return 0;
  if (minutes < 15 * 60) return 0.55;
  if (minutes < 17 * 60) return 0.35;
  return 0;
}

function logNormal(random: () => number, mean: number): number {
  const sigma = 0.55;
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  const z = Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  return Math.exp(mu + sigma * z);
}

type Step = { at: number; seq: number; run: () => void };

/** One simulated day (a working Monday of 2026 shifted by `index` weeks), seeded. */
export function rushDay(seed: number, index = 0): ReplayDay {
  const config = rushConfig();
  const random = prng(seed);
  const day = new Date(Date.UTC(2026, 2, 2) + index * 7 * 86_400_000).toISOString().slice(0, 10);
  const midnight = Date.parse(`${day}T00:00:00Z`) - 7 * 3_600_000;
  const at = (m: number) => midnight + m * MINUTE;
  let state: QueueState = initialState(config, day, midnight);
  const events: QueueEvent[] = [];
  let ids = 0;
  let now = midnight;
  const steps: Step[] = [];
  let seq = 0;
  const later = (when: number, run: () => void) => {
    steps.push({ at: when, seq: seq++, run });
  };
  const apply = (command: QueueCommand): boolean => {
    const d = decide(state, command, { now, newId: () => `r${seed}-${++ids}` });
    if (!d.ok) return false;
    state = d.state;
    events.push(...d.events);
    return true;
  };
  const pick = (weights: readonly number[]) => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    let i = 0;
    while (i < weights.length - 1 && (r -= weights[i]!) > 0) i++;
    return i;
  };

  // Walk-ins: a Poisson stream whose rate follows the hour.
  for (let m = 7 * 60 + 30; m < 17 * 60; m++) {
    const rate = arrivalRate(m);
    let t = 0;
    for (;;) {
      t += -Math.log(Math.max(random(), 1e-12)) / rate;
      if (!(rate > 0) || t >= 1) break;
      const f = RUSH_FIELDS[pick(RUSH_FIELDS.map((x) => x.weight))]!;
      const priority = random() < 0.07 ? 'nguoi-cao-tuoi' : null;
      later(at(m + t), () => apply({ type: 'issue', fieldId: f.id, priorityClassId: priority }));
    }
  }
  // Bookings: two per quarter-hour slot of business registration, each checked in 0–25 min early.
  for (let m = 8 * 60; m < 16 * 60 + 45; m += 15) {
    if (m >= 11 * 60 + 30 && m < 13 * 60 + 30) continue;
    for (let k = 0; k < 2; k++) {
      if (random() < 0.25) continue; // not every slot is taken
      const slotAt = at(m);
      later(slotAt - Math.round(random() * 25 * MINUTE), () =>
        apply({
          type: 'issue',
          fieldId: 'kinh-doanh',
          priorityClassId: null,
          origin: 'booking',
          slotAt,
        }),
      );
    }
  }

  // Clerks: open at 07:30, call, serve, take lunch 11:30–13:30, stop calling at 17:15.
  const serve = (counterId: string, clerkId: string) => {
    const local = (now - midnight) / MINUTE;
    if (local >= 17 * 60 + 15) return void apply({ type: 'closeCounter', counterId, clerkId });
    if (local >= 11 * 60 + 30 && local < 13 * 60 + 30) {
      apply({ type: 'pause', counterId, clerkId, reason: 'Nghỉ trưa' });
      return later(at(13 * 60 + 30) + Math.round(random() * 3 * MINUTE), () => {
        apply({ type: 'resume', counterId, clerkId });
        serve(counterId, clerkId);
      });
    }
    if (!apply({ type: 'callNext', counterId, clerkId }))
      return later(now + 30_000, () => serve(counterId, clerkId));
    const ticketId = state.counters[counterId]!.currentTicketId!;
    const fieldId = state.tickets[ticketId]!.fieldId;
    if (random() < 0.04) {
      return later(now + 90_000, () => {
        apply({ type: 'noShow', counterId, clerkId });
        serve(counterId, clerkId);
      });
    }
    later(now + 10_000 + Math.round(random() * 30_000), () => {
      apply({ type: 'start', counterId, clerkId });
      const mean = RUSH_FIELDS.find((f) => f.id === fieldId)!.serviceMinutes;
      later(now + Math.round(logNormal(random, mean) * MINUTE), () => {
        apply({ type: 'finish', counterId, clerkId });
        later(now + Math.round(random() * 20_000), () => serve(counterId, clerkId));
      });
    });
  };
  for (const c of config.counters) {
    const clerkId = `cb-${c.id}`;
    later(at(7 * 60 + 30) - Math.round(random() * 2 * MINUTE), () => {
      apply({ type: 'openCounter', counterId: c.id, clerkId });
      serve(c.id, clerkId);
    });
  }

  while (steps.length > 0) {
    let i = 0;
    for (let k = 1; k < steps.length; k++)
      if (
        steps[k]!.at < steps[i]!.at ||
        (steps[k]!.at === steps[i]!.at && steps[k]!.seq < steps[i]!.seq)
      )
        i = k;
    const step = steps.splice(i, 1)[0]!;
    now = Math.max(now, Math.round(step.at));
    step.run();
  }
  return { config, day, events };
}

/** `count` simulated days, seeds following `seed`. */
export function* rushDays(count: number, seed: number): Iterable<ReplayDay> {
  for (let i = 0; i < count; i++) yield rushDay(seed + i, i);
}
