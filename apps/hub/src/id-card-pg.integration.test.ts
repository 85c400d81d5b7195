// The ID card's per-person limit on a province: two hub nodes on one real PostgreSQL, kiosks on
// both issuing to the same person at once: exactly the day's limit is issued, whichever node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import { ADULT, cardConfig } from '../testing/id-cards.ts';
import { startPgHubs, type PgHubs } from '../testing/pg-hubs.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../testing/postgres.ts';
import { MONDAY_9AM } from '../testing/test-hub.ts';
import { createFakeClock } from './clock.ts';
import { pairDevice } from './setup.ts';

if (!hasPostgres) console.warn('ID card on PostgreSQL: skipped, PostgreSQL is not installed');

describe.skipIf(!hasPostgres)('the ID card on a province (two nodes, PostgreSQL)', () => {
  let server: TestPostgres;
  let nodes: PgHubs | undefined;
  const sockets: HubSocket[] = [];
  const clock = createFakeClock(MONDAY_9AM);

  beforeAll(async () => {
    server = await startPostgres();
    nodes = await startPgHubs({
      url: await server.createDatabase(),
      siteId: 'xa-a',
      config: cardConfig(),
      clock,
      options: { kioskMinIntervalMs: 0 },
    });
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await nodes?.close();
    await server?.stop();
  });

  async function kioskAt(node: number, token: string): Promise<HubSocket> {
    const kiosk = connectHub(nodes!.urls[node]!, token);
    sockets.push(kiosk);
    await new Promise((resolve) => kiosk.once('snapshot', resolve));
    return kiosk;
  }

  it('issues one person exactly 2 numbers from 8 requests at once on two nodes', async () => {
    const second = await pairDevice(
      nodes!.stores[0]!.site('xa-a'),
      { id: 'kiosk-2', kind: 'kiosk', name: 'Ki-ốt 2' },
      0,
    );
    const kiosks = [await kioskAt(0, nodes!.kioskToken), await kioskAt(1, second)];
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        request(kiosks[i % 2]!, 'ticket:issue', {
          fieldId: i % 4 < 2 ? 'dat-dai' : 'ho-tich',
          priorityClassId: null,
          idCard: ADULT,
        }),
      ),
    );
    const codes = answers.map((a) => (a.ok ? 'OK' : a.error.code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(2);
    expect(codes.filter((c) => c === 'LIMIT_REACHED')).toHaveLength(6);
    const hash = await nodes!.hubs[1]!.citizens.idCards.personHash('xa-a', ADULT.number);
    expect(await nodes!.stores[0]!.idCardNumbersOf('xa-a', hash, '2026-11-23')).toBe(2);
  });
});
