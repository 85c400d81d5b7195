import { describe, expect, it } from 'vitest';
import { encodeTicket } from './encode-ticket.ts';
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
