// The one-stop system's own loop over the REST API, on a real hub: it finishes a visit with the
// dossier's code and outcome, the citizen rates it on the counter's pad (a real socket), and the
// ratings per dossier (JSON and CSV) carry that code with its rating. A code of the wrong shape
// is refused with the counter's own error, and the visit stays in service.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '@luot/domain';
import type { DossierRatingRow, IssuedTicket } from '@luot/protocol';
import { createApiKey } from '../api-keys.ts';
import { asyncProvince } from '../db/store.ts';
import { staffApi } from '../../testing/staff-api.ts';
import { request, startTestHub, type TestHub } from '../../testing/test-hub.ts';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub({ counters: 2 });
});
afterEach(() => t.close());

const SITE = 'trung-tam';
const CODE = '000.00.01.H29-261130-0007';

async function ok<T>(secret: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await staffApi<T>(t.url, secret, method, `/api/v1/sites/${SITE}${path}`, body);
  if (!res.body.ok) throw new Error(`${res.status} ${res.body.error.code}`);
  return res.body.data;
}

describe('REST API: dossier codes at finish, ratings per dossier', () => {
  it('finishes with a code and outcome; the rating on the pad comes back with that code', async () => {
    const deps = { province: asyncProvince(t.province), clock: t.clock };
    const { secret } = await createApiKey(
      deps,
      {
        name: 'Một cửa',
        siteId: SITE,
        permissions: ['tickets:issue', 'counters:act', 'reports:read'],
      },
      'admin',
    );
    await t.connectReady((await t.login('cb1', 'c1')).token);
    const issued = await ok<IssuedTicket>(secret, 'POST', '/tickets', { fieldId: 'ho-tich' });
    await ok(secret, 'POST', '/counters/c1/call-next');
    await ok(secret, 'POST', '/counters/c1/start');

    const wrong = await staffApi(
      t.url,
      secret,
      'POST',
      `/api/v1/sites/${SITE}/counters/c1/finish`,
      {
        dossier: { codes: ['HS 7'], outcome: 'received' },
      },
    );
    expect(wrong.status).toBe(400);
    expect(!wrong.body.ok && wrong.body.error).toMatchObject({ code: 'DOSSIER_CODE_INVALID' });
    expect(!wrong.body.ok && wrong.body.error.message).toContain('HS 7');
    expect(t.hub.queue.live.tickets[issued.ticket.id]?.status).toBe('serving');

    const done = await ok<Ticket>(secret, 'POST', '/counters/c1/finish', {
      dossier: { codes: [CODE.toLowerCase()], outcome: 'received' },
    });
    expect(done.dossier).toEqual({ codes: [CODE], outcome: 'received', reason: null });

    const pad = (await t.connectReady(t.tokens.pad1!)).socket;
    const rated = await request(pad, 'rating:submit', { ticketId: issued.ticket.id, score: 3 });
    expect(rated).toMatchObject({ ok: true });

    const day = done.day;
    const rows = await ok<DossierRatingRow[]>(
      secret,
      'GET',
      `/reports/dossier-ratings?from=${day}&to=${day}`,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        code: CODE,
        counterId: 'c1',
        clerkId: 'cb1',
        outcome: 'received',
        rating: 3,
      }),
    ]);
    const csv = await fetch(
      `${t.url}/api/v1/sites/${SITE}/reports/dossier-ratings/export?from=${day}&to=${day}&format=csv`,
      { headers: { authorization: `Bearer ${secret}` } },
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain(CODE);
  });
});
