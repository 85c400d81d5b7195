import { describe, expect, it } from 'vitest';
import { siteConfigSchema, type SiteConfig } from '@luot/domain';
import {
  appendDigit,
  cardForIssue,
  cardRefusalFor,
  cardRefusalText,
  declarableClasses,
  hasAgePriority,
  isCardRefusal,
  typedCard,
} from './id-card-flow.ts';
import { createReplayGuard, REPLAY_WINDOW_MS, routeScan } from './scan-route.ts';

/** CCCD QR texts as a reader types them: number|old id|name|birth|sex|address|issued. */
const ADULT = '001090012345|012345678|Nguyễn Văn An|17051990|Nam|Số 1 Tràng Tiền, Hà Nội|01072021';
const ELDER = '001145000123||Trần Thị Bình|02031945|Nữ|Hoàn Kiếm, Hà Nội|10102022';
const BOOKING = 'http://192.168.1.10:8080/b/Zq3-x_K9aT2mWv8Jk';

const route = (text: string, at: number, guard = createReplayGuard(), onCardStep = false) =>
  routeScan(text, at, { onCardStep, guard });

describe('routing what a QR reader typed', () => {
  it('reads a CCCD on the kiosk: only the number and the birth date come out', () => {
    expect(route(ADULT, 0)).toEqual({
      kind: 'card',
      card: { number: '001090012345', birthDate: '1990-05-17' },
    });
  });

  it('sends a booking address or code to check-in, as before, except on the card step', () => {
    expect(route(BOOKING, 0)).toEqual({ kind: 'check-in', scanned: BOOKING });
    expect(route('K7MP2Q', 0)).toEqual({ kind: 'check-in', scanned: 'K7MP2Q' });
    expect(route(BOOKING, 0, createReplayGuard(), true)).toEqual({
      kind: 'card-refused',
      reason: 'not-a-card',
    });
  });

  it('refuses card-shaped garbage and a card whose birth year or sex disagrees with its number', () => {
    expect(route('1|2|3|4|5|6|7', 0)).toEqual({ kind: 'card-refused', reason: 'not-a-card' });
    expect(route(ADULT.replace('17051990', '17051991'), 0)).toEqual({
      kind: 'card-refused',
      reason: 'inconsistent',
    });
    expect(route(ADULT.replace('|Nam|', '|Nữ|'), 0)).toEqual({
      kind: 'card-refused',
      reason: 'inconsistent',
    });
  });

  it('ignores the same card read again within a few seconds, and hears it after', () => {
    const guard = createReplayGuard();
    expect(route(ADULT, 1_000, guard).kind).toBe('card');
    expect(route(ADULT, 1_120, guard)).toEqual({ kind: 'replay' });
    expect(route(ADULT, 1_000 + REPLAY_WINDOW_MS + 200, guard).kind).toBe('card');
    // Another card at once is no replay, nor is garbage read twice heard as anything but once.
    expect(route(ELDER, 7_000, guard).kind).toBe('card');
    expect(route('x|x|x|x|x|x|x', 8_000, guard).kind).toBe('card-refused');
    expect(route('x|x|x|x|x|x|x', 8_050, guard)).toEqual({ kind: 'replay' });
  });

  it('never holds a replayed booking scan back: checking in again reprints the same number', () => {
    const guard = createReplayGuard();
    expect(route(BOOKING, 0, guard).kind).toBe('check-in');
    expect(route(BOOKING, 100, guard).kind).toBe('check-in');
  });
});

/** Two fields: land asks for the card (optional), civil status does not; elderly priority at 75. */
function centre(
  scan: 'optional' | 'off' = 'optional',
  priorityAge: number | null = 75,
): SiteConfig {
  const sessions = [{ from: '07:30', to: '17:00' }];
  return siteConfigSchema.parse({
    site: { name: 'Trung tâm', timeZone: 'Asia/Ho_Chi_Minh' },
    fields: [
      {
        id: 'dat-dai',
        name: 'Đất đai',
        numbering: { prefix: 'A', start: 1, digits: 3 },
        sessions,
        idCard: { scan },
      },
      { id: 'ho-tich', name: 'Hộ tịch', numbering: { prefix: 'B', start: 1, digits: 3 }, sessions },
    ],
    counters: [{ id: 'q1', number: 1, name: 'Quầy 1', fieldIds: ['dat-dai', 'ho-tich'] }],
    priorityClasses: [
      { id: 'cao-tuoi', name: 'Người cao tuổi' },
      { id: 'khuyet-tat', name: 'Người khuyết tật' },
    ],
    idCard: { priorityAge, priorityClassId: 'cao-tuoi' },
  });
}

describe('the card at the confirm screen', () => {
  const elder = { number: '001145000123', birthDate: '1945-03-02' };

  it('does not offer the age class as a tap where the card proves it; elsewhere it stays', () => {
    const ids = (c: SiteConfig, f: string, card: { number: string } | null = null) =>
      declarableClasses(c, f, card, '2026-11-23').map((p) => p.id);
    expect(ids(centre(), 'dat-dai')).toEqual(['khuyet-tat']);
    expect(ids(centre(), 'dat-dai', { number: '001090012345' })).toEqual(['khuyet-tat']);
    expect(ids(centre(), 'ho-tich')).toEqual(['cao-tuoi', 'khuyet-tat']);
    expect(ids(centre('off'), 'dat-dai')).toEqual(['cao-tuoi', 'khuyet-tat']);
    expect(ids(centre('optional', null), 'dat-dai')).toEqual(['cao-tuoi', 'khuyet-tat']);
    // A card that gives priority by age leaves nothing to declare.
    expect(ids(centre(), 'dat-dai', elder)).toEqual([]);
  });

  it('asks the hub’s rule at once: a minor in a field for adults is refused before any tap', () => {
    const adultsOnly = siteConfigSchema.parse({
      ...centre(),
      fields: centre().fields.map((f) =>
        f.id === 'dat-dai' ? { ...f, idCard: { scan: 'required', adultsOnly: true } } : f,
      ),
    });
    const minor = { number: '001310004567', birthDate: '2010-08-15' };
    expect(cardRefusalFor(adultsOnly, 'dat-dai', minor, '2026-11-23')).toBe('ID_CARD_MINOR');
    expect(cardRefusalFor(adultsOnly, 'dat-dai', elder, '2026-11-23')).toBeNull();
    expect(cardRefusalFor(centre(), 'dat-dai', minor, '2026-11-23')).toBeNull();
  });

  it('tells an elderly card holder of priority by age, by the birthday when scanned', () => {
    expect(hasAgePriority(centre(), 'dat-dai', elder, '2026-11-23')).toBe(true);
    const adult = { number: '001090012345', birthDate: '1990-05-17' };
    expect(hasAgePriority(centre(), 'dat-dai', adult, '2026-11-23')).toBe(false);
    // 75 on 24/11/2026: not the day before.
    const almost = { number: '001051000124', birthDate: '1951-11-24' };
    expect(hasAgePriority(centre(), 'dat-dai', almost, '2026-11-23')).toBe(false);
    expect(hasAgePriority(centre(), 'dat-dai', almost, '2026-11-24')).toBe(true);
    // Typed on the keypad: by the year alone.
    expect(hasAgePriority(centre(), 'dat-dai', { number: '001051000124' }, '2026-01-02')).toBe(
      true,
    );
    // A field that does not read cards gives nothing by card.
    expect(hasAgePriority(centre(), 'ho-tich', elder, '2026-11-23')).toBe(false);
  });

  it('sends the card only with a number in a field that reads cards', () => {
    expect(cardForIssue(centre(), 'dat-dai', elder)).toEqual(elder);
    expect(cardForIssue(centre(), 'ho-tich', elder)).toBeUndefined();
    expect(cardForIssue(centre(), 'dat-dai', null)).toBeUndefined();
  });
});

describe('the 12-digit keypad', () => {
  it('takes twelve digits at most, and nothing but digits', () => {
    let n = '';
    for (const k of '0010900123456789a') n = appendDigit(n, k);
    expect(n).toBe('001090012345');
  });

  it('refuses a number that is no personal number (province 000, 097…)', () => {
    expect(typedCard('001090012345')).toEqual({ number: '001090012345' });
    expect(typedCard('000090012345')).toBeNull();
    expect(typedCard('097090012345')).toBeNull();
    expect(typedCard('00109001234')).toBeNull();
  });
});

describe('what a refusal says', () => {
  it('answers each card refusal of the hub in its own words, the day’s limit with its number', () => {
    expect(isCardRefusal('ID_CARD_MINOR')).toBe(true);
    expect(isCardRefusal('SOLD_OUT')).toBe(false);
    expect(cardRefusalText('LIMIT_REACHED', centre())).toContain(
      'đã lấy đủ 2 số trong ngày hôm nay',
    );
    expect(cardRefusalText('ID_CARD_MINOR', centre())).toContain('từ đủ 18 tuổi');
    expect(cardRefusalText('PRIORITY_NOT_PROVEN', centre())).toContain('Ưu tiên theo độ tuổi');
  });
});
