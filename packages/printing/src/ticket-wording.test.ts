import { describe, expect, it } from 'vitest';
import { encodeTicket } from './encode-ticket.ts';
import { formatOrigin } from './format.ts';
import { splitCommands } from './escpos-commands.ts';
import { viTicketMessages } from './messages.ts';
import { sampleTicket } from './sample-ticket.ts';

/** The text a text-mode ticket prints, as lines (Windows-1258 decoded, NFC). */
function printedLines(bytes: Uint8Array): string[] {
  const text = splitCommands(bytes)
    .filter((c) => c.kind === 'text')
    .map((c) => bytes.slice(c.offset, c.offset + c.length));
  const joined = new Uint8Array(text.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of text) {
    joined.set(b, at);
    at += b.length;
  }
  return new TextDecoder('windows-1258')
    .decode(joined)
    .normalize('NFC')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

describe('a booked or remote ticket says so under its number', () => {
  // 09:30 on Monday 23/11/2026 in Hà Nội.
  const nineThirty = Date.UTC(2026, 10, 23, 2, 30);

  it("formats the slot in the site's time zone", () => {
    expect(
      formatOrigin(
        { origin: 'booking', slotAt: nineThirty, timeZone: 'Asia/Ho_Chi_Minh' },
        viTicketMessages,
      ),
    ).toBe('Lịch hẹn 09:30');
    expect(
      formatOrigin(
        { origin: 'booking', slotAt: nineThirty, timeZone: 'Asia/Bangkok' },
        viTicketMessages,
      ),
    ).toBe('Lịch hẹn 09:30');
    expect(
      formatOrigin(
        { origin: 'booking', slotAt: nineThirty, timeZone: 'Asia/Tokyo' },
        viTicketMessages,
      ),
    ).toBe('Lịch hẹn 11:30');
    expect(formatOrigin({ origin: 'remote', timeZone: 'Asia/Ho_Chi_Minh' }, viTicketMessages)).toBe(
      'Lấy số trực tuyến',
    );
    expect(formatOrigin({ timeZone: 'Asia/Ho_Chi_Minh' }, viTicketMessages)).toBeNull();
  });

  for (const paper of ['80mm', '58mm'] as const)
    it(`in text mode on ${paper} paper: the line right after the number`, () => {
      const booked = sampleTicket({ priorityName: null, origin: 'booking', slotAt: nineThirty });
      const lines = printedLines(encodeTicket(booked, { paper, mode: 'text' }));
      expect(lines[lines.indexOf('1023') + 1]).toBe('[ Lịch hẹn 09:30 ]');
      const remote = printedLines(
        encodeTicket({ ...booked, origin: 'remote' }, { paper, mode: 'text' }),
      );
      expect(remote[remote.indexOf('1023') + 1]).toBe('[ Lấy số trực tuyến ]');
      const walkIn = printedLines(
        encodeTicket(sampleTicket({ priorityName: null }), { paper, mode: 'text' }),
      );
      expect(walkIn[walkIn.indexOf('1023') + 1]).toBe('Tư pháp – Hộ tịch');
    });
});

describe('the printed ticket speaks to the citizen as "quý khách"', () => {
  for (const paper of ['80mm', '58mm'] as const)
    it(`on ${paper} paper: no "bạn" in any line`, () => {
      const lines = printedLines(encodeTicket(sampleTicket(), { paper, mode: 'text' }));
      expect(lines.join(' ')).toContain('QUÝ KHÁCH');
      expect(lines.join(' ')).toContain('Số người đang chờ trước');
      for (const line of lines) expect(line.toLowerCase()).not.toContain('bạn');
    });

  it('in every text the ticket adds, whatever the numbers', () => {
    const m = viTicketMessages;
    const texts = [
      m.numberHeading,
      m.ahead(3),
      m.waitAbout(75),
      m.waitUnderOneMinute,
      m.waitUnknown,
      m.qrCaption,
    ];
    for (const text of texts) expect(text.toLowerCase()).not.toContain('bạn');
  });
});
