// The citizens' page's pure logic: what a field offers now, the day strip, the slots' states,
// the words for days and times, and what each refusal of the hub means to a citizen.
import {
  ERROR_MESSAGES_VI,
  phoneSchema,
  type BookingView,
  type CitizenHoldings,
  type ErrorCode,
  type PublicField,
  type PublicSlots,
} from '@luot/protocol';
import { formatDateVi, formatMinutesVi, formatReopeningFromVi, formatTimeVi } from '@luot/ui';
import { CITIZEN_TEXT as T } from '../messages.ts';

/** The centre's zone when a view does not name one (the configuration's default). */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** What the field's card offers: the two actions, and why "take a number now" is not one. */
export interface FieldOffer {
  takeNow: boolean;
  book: boolean;
  /** Shown when a number cannot be taken now (null when it can). */
  reason: string | null;
}

/**
 * What a citizen can do with a field now, from what the hub says of it: a number when issuing
 * is open and the field offers remote numbers, a booking when it takes bookings. The hub decides
 * (availability, limits); the page only words it.
 */
export function fieldOffer(field: PublicField, today: string): FieldOffer {
  const book = field.booking.enabled;
  if (field.remote === 'off')
    return { takeNow: false, book, reason: book ? T.bookOnly : T.notOnline };
  if (field.availability === 'open') return { takeNow: true, book, reason: null };
  if (field.availability === 'SOLD_OUT') return { takeNow: false, book, reason: T.soldOut };
  const reopening = formatReopeningFromVi(field.reopening, today);
  return { takeNow: false, book, reason: T.outsideHours(lowerFirst(reopening)) };
}

/** "Chờ khoảng 25 phút", or "Chưa có quầy mở" when no counter of the field is open. */
export function waitText(minutes: number | null): string {
  return minutes === null ? T.noCounterOpen : T.waitAbout(formatMinutesVi(minutes));
}

/** Whether nothing at all can be done online at this site today (every card says why not). */
export function nothingOpenToday(fields: readonly PublicField[], today: string): boolean {
  return fields.every((f) => !fieldOffer(f, today).takeNow);
}

/** One day of the booking strip. */
export interface StripDay {
  day: string;
  /** "Hôm nay", "Ngày mai", "Thứ Tư". */
  name: string;
  /** "02/12". */
  date: string;
  state: 'loading' | 'open' | 'closed' | 'full';
  /** Under the date: "Còn chỗ", "Nghỉ", "Hết chỗ". */
  note: string;
}

/** The local days from `today` to `today + daysAhead`, "YYYY-MM-DD". */
export function stripDays(today: string, daysAhead: number): string[] {
  const start = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: daysAhead + 1 }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * The day strip: each day from today to `daysAhead` named and marked from its slots (loading
 * until they come; closed with the reason the hub gives; full when no slot is bookable).
 */
export function dayStrip(
  today: string,
  daysAhead: number,
  slotsByDay: ReadonlyMap<string, PublicSlots>,
): StripDay[] {
  return stripDays(today, daysAhead).map((day, i) => {
    const [, month, date] = day.split('-');
    const name = i === 0 ? T.today : i === 1 ? T.tomorrow : weekdayOf(day);
    const base = { day, name, date: `${date}/${month}` };
    const slots = slotsByDay.get(day);
    if (!slots) return { ...base, state: 'loading', note: '…' };
    if (slots.closed !== null) return { ...base, state: 'closed', note: closedNote(slots.closed) };
    const open = slots.slots.filter((s) => slotState(s).bookable).length;
    if (open === 0) return { ...base, state: 'full', note: T.dayFull };
    return { ...base, state: 'open', note: T.dayOpen };
  });
}

function closedNote(reason: NonNullable<PublicSlots['closed']>): string {
  switch (reason) {
    case 'CLOSED_DAY':
      return T.dayClosed;
    case 'NOT_OFFERED':
      return T.dayNotOffered;
    case 'TOO_EARLY':
      return T.dayTooEarly;
  }
}

/** The first day of the strip with a bookable slot, else the first day. */
export function firstOpenDay(strip: readonly StripDay[]): string | null {
  return (strip.find((d) => d.state === 'open') ?? strip[0])?.day ?? null;
}

/** A slot's button: bookable or not, and the words under its time. */
export function slotState(slot: PublicSlots['slots'][number]): { bookable: boolean; note: string } {
  if (slot.past) return { bookable: false, note: T.slotPast };
  if (slot.left <= 0) return { bookable: false, note: T.slotFull };
  return { bookable: true, note: T.slotLeft(slot.left) };
}

const WEEKDAYS = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

function weekdayOf(day: string): string {
  return WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
}

/** "Thứ Ba, 01/12/2026" of a local day "YYYY-MM-DD". */
export function dayWords(day: string): string {
  return formatDateVi(Date.parse(`${day}T00:00:00Z`), 'UTC');
}

/** "Thứ Ba, 01/12/2026 lúc 09:30". */
export function whenWords(day: string, start: string): string {
  return T.when(dayWords(day), start);
}

/**
 * When check-in opens and closes, as the centre's clock reads them: "09:00" on the slot's day,
 * "16:45 ngày 30/11" when it falls on another day.
 */
export function checkInWindow(view: BookingView): string {
  const zone = view.timeZone ?? DEFAULT_TIME_ZONE;
  const say = (at: number) => {
    const time = formatTimeVi(at, zone);
    const date = formatDateVi(at, zone).split(', ')[1]!;
    const [dd, mm, yyyy] = date.split('/');
    return `${yyyy}-${mm}-${dd}` === view.day ? time : `${time} ngày ${dd}/${mm}`;
  };
  return T.checkInWindow(say(view.checkInFrom), say(view.checkInUntil));
}

/** A refusal of the hub (or the network's) as the page received it. */
export interface Refusal {
  code: ErrorCode;
  message: string;
  /** From a Retry-After header, when the hub said how long a lock lasts. */
  retryAfterSeconds?: number;
}

/**
 * The Vietnamese sentence for a refusal. The hub's own message when it sent one (it knows the
 * limit, how long a lock lasts, why a day is closed), except where the page has more to say
 * (a wrong code: "Gửi lại mã"; an expired sign-in; the network down). Without a message: the
 * page's words for the codes a citizen meets here (with the lock's length from Retry-After,
 * which limit from what the phone holds), else the protocol's catalogue.
 */
export function refusalText(
  refusal: Pick<Refusal, 'code' | 'retryAfterSeconds'> & { message?: string },
  context: { holdings?: CitizenHoldings | null; action?: 'take' | 'book' } = {},
): string {
  const { code, retryAfterSeconds } = refusal;
  const message = refusal.message?.trim();
  switch (code) {
    case 'CODE_WRONG':
    case 'UNAUTHENTICATED':
      return T.errors[code];
    case 'UNAVAILABLE':
      return message || T.errors.UNAVAILABLE;
  }
  if (message) return message;
  switch (code) {
    case 'RATE_LIMITED':
      return retryAfterSeconds !== undefined && retryAfterSeconds > 0
        ? T.errors.rateLimitedFor(lockWords(retryAfterSeconds))
        : T.errors.RATE_LIMITED;
    case 'LIMIT_REACHED': {
      const h = context.holdings;
      if (h && context.action === 'take') return T.errors.limitNumbers(h.numbersPerDay);
      if (h && context.action === 'book') return T.errors.limitBookings(h.openBookingsLimit);
      return T.errors.LIMIT_REACHED;
    }
    case 'OUTSIDE_HOURS':
    case 'SOLD_OUT':
    case 'SLOT_FULL':
      return T.errors[code];
    default:
      return ERROR_MESSAGES_VI[code];
  }
}

/** A lock's length in words, rounded up to the minute past a minute: "45 giây", "15 phút". */
export function lockWords(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} giây`;
  return formatMinutesVi(Math.ceil(seconds / 60));
}

/** The phone as the hub will take it ("84912345678"), or null when it is not a Vietnamese mobile. */
export function normalisePhone(input: string): string | null {
  const parsed = phoneSchema.safeParse(input.trim());
  return parsed.success ? parsed.data : null;
}

/** Six digits, whatever spaces the citizen (or the phone's autofill) put in. */
export function normaliseCode(input: string): string | null {
  const digits = input.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Letters as typed on any keyboard: lower case, without diacritics ("Đất" → "dat"). */
function plain(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}

/**
 * The sites whose name has a word starting with each word the citizen typed, diacritics or not
 * ("an phu" finds "Xã An Phú").
 */
export function filterSites<S extends { name: string }>(sites: readonly S[], query: string): S[] {
  const typed = plain(query).split(/\s+/).filter(Boolean);
  return sites.filter((s) => {
    const words = plain(s.name).split(/[\s,.–-]+/);
    return typed.every((t) => words.some((w) => w.startsWith(t)));
  });
}

/** From how many sites the list offers a search box. */
export const SITE_SEARCH_FROM = 8;
