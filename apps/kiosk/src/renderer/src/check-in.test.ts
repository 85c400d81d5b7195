import { describe, expect, it } from 'vitest';
import { CHECK_IN_CODE_ALPHABET, failure, type IssuedTicket } from '@luot/protocol';
import { appendToCode, CODE_KEYS, codeCharacter, codeComplete } from './check-in-code.ts';
import { issueAndPrint } from './issue-flow.ts';
import { checkInRefusalText } from './messages.ts';
import { createScanDetector } from './scan-detector.ts';

/** Feeds `text` then Enter, a key every `gapMs`, from `start`; returns what the detector read. */
function type(
  detector: ReturnType<typeof createScanDetector>,
  text: string,
  gapMs: number,
  start = 1000,
): string | null {
  let at = start;
  for (const ch of text) {
    expect(detector.key(ch, at)).toBeNull();
    at += gapMs;
  }
  return detector.key('Enter', at);
}

describe('telling a QR reader from a person by the speed of the keys', () => {
  const url = 'http://192.168.1.10:8080/b/Zq3-x_K9aT2mWv8';

  it('reads a booking page address typed at a reader’s speed, ended by Enter', () => {
    expect(type(createScanDetector(), url, 8)).toBe(url);
    expect(type(createScanDetector(), 'K7MP2Q', 30)).toBe('K7MP2Q');
  });

  it('does not take a person typing, even a fast typist, for a scan', () => {
    expect(type(createScanDetector(), 'K7MP2Q', 120)).toBeNull();
    expect(type(createScanDetector(), 'K7MP2Q', 70)).toBeNull();
    expect(type(createScanDetector(), 'K7MP2QABCDEF', 45)).toBeNull();
  });

  it('keeps a scan whole through a pause of a busy machine', () => {
    const d = createScanDetector();
    let at = 0;
    for (const [i, ch] of Array.from(url).entries()) d.key(ch, (at += i === 12 ? 110 : 8));
    expect(d.key('Enter', at + 8)).toBe(url);
  });

  it('ignores Shift between a reader’s keys (capitals) and needs six characters', () => {
    const d = createScanDetector();
    let at = 0;
    for (const ch of 'AB') {
      d.key('Shift', (at += 5));
      d.key(ch, (at += 5));
    }
    expect(d.key('Enter', (at += 5))).toBeNull(); // two characters is no code
    expect(type(d, 'ABCDEF', 5, at + 1000)).toBe('ABCDEF');
  });

  it('starts a new run after a pause: slow keys before a scan are not part of it', () => {
    const d = createScanDetector();
    d.key('x', 0);
    d.key('y', 400);
    d.key('z', 900);
    expect(type(d, 'K7MP2Q', 10, 2000)).toBe('K7MP2Q');
  });

  it('does not take a late Enter after a fast run as a scan', () => {
    const d = createScanDetector();
    let at = 0;
    for (const ch of 'K7MP2Q') d.key(ch, (at += 10));
    expect(d.key('Enter', at + 400)).toBeNull();
  });

  it('breaks a run on a key that is no character (Tab, arrows, Backspace)', () => {
    const d = createScanDetector();
    let at = 0;
    for (const ch of 'K7M') d.key(ch, (at += 10));
    d.key('Backspace', (at += 10));
    for (const ch of 'P2Q') d.key(ch, (at += 10));
    expect(d.key('Enter', at + 10)).toBeNull();
  });
});

describe('the check-in keypad', () => {
  it('has one key for each character of the code alphabet, digits first', () => {
    expect([...CODE_KEYS].sort()).toEqual([...CHECK_IN_CODE_ALPHABET].sort());
    expect(CODE_KEYS.slice(0, 8).join('')).toBe('23456789');
    expect(CODE_KEYS).not.toContain('0');
    expect(CODE_KEYS).not.toContain('O');
    expect(CODE_KEYS).not.toContain('I');
  });

  it('takes six characters, lower case as upper, nothing outside the alphabet', () => {
    let code = '';
    for (const key of ['k', '7', 'O', '0', '1', 'm', 'Enter', 'p', '2', 'q', 'z', 'a']) {
      const c = codeCharacter(key);
      if (c) code = appendToCode(code, c);
    }
    expect(code).toBe('K7MP2Q');
    expect(codeComplete(code)).toBe(true);
    expect(codeComplete('K7MP2')).toBe(false);
  });
});

describe('what a refused check-in says', () => {
  const at = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  it.each([
    [{ code: 'NOT_FOUND' as const }, 'Không tìm thấy mã'],
    [{ code: 'CODE_WRONG' as const }, 'Không tìm thấy mã'],
    [
      { code: 'TOO_EARLY' as const, opensAt: Date.parse('2026-11-23T09:00:00Z') },
      'Chưa đến giờ nhận lịch hẹn — mời quý khách quay lại từ 09:00',
    ],
    [{ code: 'TOO_EARLY' as const }, 'Chưa đến giờ nhận lịch hẹn'],
    [{ code: 'TOO_LATE' as const }, 'Lịch hẹn đã quá thời gian nhận số'],
    [{ code: 'WRONG_SITE' as const }, 'Lịch hẹn này thuộc điểm phục vụ khác'],
    [{ code: 'NOT_OFFERED' as const }, 'chưa nhận lịch hẹn'],
    [{ code: 'UNAVAILABLE' as const }, 'Hệ thống tạm gián đoạn'],
    [{ code: 'RATE_LIMITED' as const }, 'Thao tác quá nhanh'],
  ])('%o', (error, text) => {
    expect(checkInRefusalText(error, at)).toContain(text);
  });
});

describe('printing a checked-in number', () => {
  const issued = { ticket: { id: 't1', label: '1001' }, path: '/t/x' } as unknown as IssuedTicket;
  const ready = async () => ({ online: true, paper: 'ok' as const, coverOpen: false });

  it('never takes the number back when nothing printed: it is shown on screen', async () => {
    const result = await issueAndPrint({
      printerStatus: ready,
      issue: async () => ({ ok: true, data: issued }),
      ticketData: () => ({ label: '1001' }) as never,
      print: async () => ({ ok: false, printed: 'no', message: 'refused' }),
    });
    expect(result).toMatchObject({ kind: 'on-screen', why: 'not-printed' });
  });

  it('passes on when a refused check-in opens', async () => {
    const opensAt = Date.parse('2026-11-23T02:00:00Z');
    const result = await issueAndPrint({
      printerStatus: ready,
      issue: async () => failure('TOO_EARLY', 'opens 30 minutes before', { opensAt }),
      ticketData: () => ({ label: '1001' }) as never,
      print: async () => ({ ok: true }),
    });
    expect(result).toMatchObject({ kind: 'refused', code: 'TOO_EARLY', opensAt });
  });
});
