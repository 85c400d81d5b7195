import { describe, expect, it } from 'vitest';
import { parseStatus } from './status.ts';

describe('parseStatus', () => {
  it.each([
    ['idle, paper ok', [0x12, 0x12, 0x12], { online: true, paper: 'ok', coverOpen: false }],
    ['paper near end', [0x12, 0x12, 0x1e], { online: true, paper: 'near-end', coverOpen: false }],
    ['paper out', [0x1a, 0x32, 0x7e], { online: false, paper: 'out', coverOpen: false }],
    ['cover open', [0x1a, 0x16, 0x12], { online: false, paper: 'ok', coverOpen: true }],
    ['offline', [0x1a, 0x12, 0x12], { online: false, paper: 'ok', coverOpen: false }],
  ])('%s', (_name, bytes, expected) => {
    expect(parseStatus(Uint8Array.from(bytes))).toEqual(expected);
  });

  it('reports an error bit', () => {
    expect(parseStatus(Uint8Array.of(0x1a, 0x52, 0x12)).error).toMatch(/error/);
  });

  it('treats bytes that are not status bytes as no answer', () => {
    const status = parseStatus(Uint8Array.of(0x00, 0x12, 0x12));
    expect(status.online).toBe(false);
    expect(status.error).toMatch(/Unexpected status answer.*00 12 12/);
  });
});
