import { afterEach, expect, it } from 'vitest';
import type { HubSocket } from '@luot/hub-client';
import { request, startTestHub, type TestHub } from '../testing/test-hub.ts';
import { DEFAULT_SOCKET_LIMITS } from './sockets/limits.ts';

let t: TestHub;
afterEach(async () => {
  await t.close();
});

it('8 kiosks issuing at once: every acknowledged ticket is already stored, numbers are unique and gapless, in log order', async () => {
  // Eight kiosks share one paired token here: lift the cap on sockets per device.
  t = await startTestHub({
    counters: 2,
    hub: {
      socketLimits: {
        ...DEFAULT_SOCKET_LIMITS,
        eventsPerSecond: 1e6,
        eventBurst: 1e6,
        socketsPerDevice: 8,
      },
    },
  });
  const groups: number[] = [];
  const append = t.store.append;
  t.store.append = (commands) => {
    groups.push(commands.length);
    return append(commands);
  };
  const kiosks: HubSocket[] = [];
  for (let i = 0; i < 8; i++) kiosks.push((await t.connectReady(t.tokens.kiosk!)).socket);

  const acknowledged: { id: string; label: string; storedWhenAcked: boolean }[] = [];
  await Promise.all(
    kiosks.map(async (kiosk, k) => {
      for (let n = 0; n < 25; n++) {
        const res = await request(kiosk, 'ticket:issue', {
          fieldId: k % 2 ? 'ho-tich' : 'dat-dai',
        });
        if (!res.ok) throw new Error(res.error.code);
        // Checked the moment the answer arrives: the ticket must be on disk already.
        acknowledged.push({
          id: res.data.ticket.id,
          label: res.data.ticket.label,
          storedWhenAcked: t.store.ticketIssuer(res.data.ticket.id) !== null,
        });
      }
    }),
  );

  expect(acknowledged).toHaveLength(200);
  expect(acknowledged.every((a) => a.storedWhenAcked)).toBe(true);
  const labels = acknowledged.map((a) => a.label);
  expect(new Set(labels).size).toBe(200);
  expect(labels.filter((l) => /^\d+$/.test(l)).sort()).toEqual(
    Array.from({ length: 100 }, (_, i) => String(1001 + i)),
  );
  expect(labels.filter((l) => l.startsWith('A')).sort()).toEqual(
    Array.from({ length: 100 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`),
  );
  // Several commands shared a transaction, and the log numbers every ticket in issue order.
  expect(Math.max(...groups)).toBeGreaterThan(1);
  const events = t.store.eventsOfDay('2026-11-23').filter((e) => e.event.type === 'ticket.issued');
  expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
  const numbers = (prefix: RegExp) =>
    events.flatMap((e) =>
      e.event.type === 'ticket.issued' && prefix.test(e.event.ticket.label)
        ? [e.event.ticket.number]
        : [],
    );
  for (const prefix of [/^\d/, /^A/]) {
    const n = numbers(prefix);
    expect(n).toEqual([...n].sort((a, b) => a - b));
  }
});
