import { describe, expect, it } from 'vitest';
import { deskById, desksSchema } from './desks.ts';
import { reprintRefusal } from './kiosk-rules.ts';

describe('reception desks in the site configuration', () => {
  const printer = (host: string, port = 9100) => ({ host, port });
  const ok = (desks: unknown) => desksSchema.safeParse(desks).success;

  it('takes a printer by IP address or host name, a port 1–65535, or a kiosk, or neither', () => {
    expect(
      desksSchema.parse([
        { id: 'ban-1', name: 'Bàn 1', printer: printer('192.168.1.50') },
        { id: 'ban-2', name: 'Bàn 2', printer: printer('may-in-tang-1.local', 9101) },
        { id: 'ban-3', name: 'Bàn 3', kioskId: 'kiosk-sanh' },
        { id: 'ban-4', name: 'Bàn 4', printer: printer('fe80::1') },
        { id: 'ban-5', name: 'Bàn 5' },
      ]),
    ).toMatchObject([
      { printer: { host: '192.168.1.50', port: 9100, paper: '80mm' }, kioskId: null },
      { printer: { port: 9101 } },
      { printer: null, kioskId: 'kiosk-sanh' },
      {},
      { printer: null, kioskId: null },
    ]);
    expect(desksSchema.parse(undefined)).toEqual([]);
  });

  it('refuses a bad host, a port out of range, a repeated id', () => {
    expect(ok([{ id: 'b', name: 'B', printer: printer('192.168.1.50/x') }])).toBe(false);
    expect(ok([{ id: 'b', name: 'B', printer: printer('http://may-in') }])).toBe(false);
    expect(ok([{ id: 'b', name: 'B', printer: printer('') }])).toBe(false);
    expect(ok([{ id: 'b', name: 'B', printer: printer('may in') }])).toBe(false);
    expect(ok([{ id: 'b', name: 'B', printer: printer('10.0.0.9', 0) }])).toBe(false);
    expect(ok([{ id: 'b', name: 'B', printer: printer('10.0.0.9', 65536) }])).toBe(false);
    expect(
      ok([
        { id: 'b', name: 'B' },
        { id: 'b', name: 'C' },
      ]),
    ).toBe(false);
    expect(ok([{ id: 'Bàn 1', name: 'B' }])).toBe(false);
  });

  it('finds a desk by id', () => {
    const desks = desksSchema.parse([{ id: 'ban-1', name: 'Bàn 1' }]);
    expect(deskById({ desks }, 'ban-1')?.name).toBe('Bàn 1');
    expect(deskById({ desks }, 'ban-9')).toBeUndefined();
  });

  it('reprints a ticket still in the queue, not one that is over', () => {
    for (const status of ['waiting', 'called', 'serving', 'no_show'] as const)
      expect(reprintRefusal({ status })).toBeNull();
    for (const status of ['done', 'expired', 'cancelled'] as const)
      expect(reprintRefusal({ status })).toBe('NOT_REPRINTABLE');
    expect(reprintRefusal(undefined)).toBe('NOT_FOUND');
  });
});
