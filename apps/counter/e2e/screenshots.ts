// Takes the screenshots committed under docs/screenshots/: the counter screen (1366×768) with a
// ticket in service and filled lists, and the rating pad (1280×800) showing the scale.
// Run after `pnpm build`: pnpm --filter @luot/counter screenshots
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launchChromium,
  MONDAY_9AM,
  openPage,
  request,
  startTestHub,
  type TestHub,
} from '@luot/hub/testing';
import { actionButton, issueTickets, signIn, ticketByLabel } from './helpers.ts';

const OUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const MINUTE = 60_000;

async function clerk(t: TestHub, username: string, counterId: string) {
  const { token } = await t.login(username, counterId);
  const { socket } = await t.connectReady(token);
  return socket;
}

async function main() {
  const t = await startTestHub({ serveApps: true, counters: 4, now: MONDAY_9AM - 50 * MINUTE });
  const browser = await launchChromium();
  try {
    // A morning's queue: tickets arrive from 08:10, two counters serve, some leave ratings.
    const fields: Parameters<typeof issueTickets>[1] = [
      'ho-tich',
      'dat-dai',
      'ho-tich',
      { fieldId: 'ho-tich', priorityClassId: 'cao-tuoi' },
      'dat-dai',
      'ho-tich',
      'dat-dai',
      'ho-tich',
      'ho-tich',
      'dat-dai',
      'ho-tich',
      'dat-dai',
      'ho-tich',
      'ho-tich',
      { fieldId: 'dat-dai', priorityClassId: 'cao-tuoi' },
      'dat-dai',
      'ho-tich',
      { fieldId: 'ho-tich', priorityClassId: 'cao-tuoi' },
      'ho-tich',
      'dat-dai',
    ];
    for (const f of fields) {
      await issueTickets(t, [f]);
      t.clock.advance(MINUTE + 30_000);
    }
    const c1 = await clerk(t, 'cb1', 'c1');
    const c2 = await clerk(t, 'cb2', 'c2');
    const pad1 = (await t.connectReady(t.tokens.pad1!)).socket;
    const scores = [3, 3, 2, 3];
    for (const score of scores) {
      await request(c1, 'counter:callNext', {});
      t.clock.advance(MINUTE);
      const started = await request(c1, 'counter:start', {});
      t.clock.advance(5 * MINUTE + 20_000);
      await request(c1, 'counter:finish', {});
      if (started.ok) await request(pad1, 'rating:submit', { ticketId: started.data.id, score });
      await request(c2, 'counter:callNext', {});
      await request(c2, 'counter:start', {});
      t.clock.advance(MINUTE);
      await request(c2, 'counter:finish', {});
    }
    await request(c1, 'counter:callNext', {});
    t.clock.advance(2 * MINUTE);
    await request(c1, 'counter:noShow', {});
    // Late arrivals, one of them elderly: the list shows a priority mark.
    await issueTickets(
      t,
      [
        'dat-dai',
        { fieldId: 'ho-tich', priorityClassId: 'cao-tuoi' },
        { fieldId: 'dat-dai', priorityClassId: 'cao-tuoi' },
      ],
      MINUTE,
    );
    for (const s of [c1, c2, pad1]) s.disconnect();
    // The clerk's own session, signed in through the form, at the same counter.
    await t.hub.queue.execute(
      { type: 'closeCounter', counterId: 'c1', clerkId: null },
      { actor: 'test' },
    );
    t.clock.advance(MINUTE);

    const { page } = await openPage(browser, `${t.url}/counter/`);
    await signIn(page, 'Quầy 1', 'cb1');
    await actionButton(page, 'callNext').click();
    await page.waitForSelector('[data-testid=current-label]');
    await actionButton(page, 'start').click();
    await page.waitForSelector('[data-status=serving]');
    // Four minutes into the service; the reload resumes the session with the hub's new time.
    t.clock.advance(4 * MINUTE + 12_000);
    await page.reload();
    await page.waitForSelector('[data-status=serving]');
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, 'counter.png') });

    const pad = await openPage(browser, `${t.url}/display/rating?token=${t.tokens.pad1}`, {
      width: 1280,
      height: 800,
    });
    await pad.page.waitForSelector('[data-testid=rating-idle]');
    await actionButton(page, 'finish').click();
    await pad.page.waitForSelector('[data-testid=rating-ask]');
    await pad.page.screenshot({ path: join(OUT, 'rating-pad.png') });
    console.log(`screenshots written to ${OUT}`, ticketByLabel(t, '1001').status);
  } finally {
    await browser.close();
    await t.close();
  }
}

await main();
