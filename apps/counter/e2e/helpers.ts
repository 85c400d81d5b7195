import type { Page } from 'playwright-core';
import { PASSWORD, request, type TestHub } from '@luot/hub/testing';

/** Signs a clerk in through the counter app's form, picking the counter by its name. */
export async function signIn(page: Page, counterName: string, username: string): Promise<void> {
  await page.selectOption('select[name=counter]', { label: counterName });
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=current]');
}

/**
 * Issues tickets from the test centre's kiosk, in order (field ids, optionally with a priority
 * class), `spacingMs` of hub time apart so they queue in that order.
 */
export async function issueTickets(
  t: TestHub,
  fields: (string | { fieldId: string; priorityClassId: string })[],
  spacingMs = 0,
): Promise<string[]> {
  const { socket } = await t.connectReady(t.tokens.kiosk!);
  const labels: string[] = [];
  for (const f of fields) {
    const payload = typeof f === 'string' ? { fieldId: f, priorityClassId: null } : f;
    const ack = await request(socket, 'ticket:issue', payload);
    if (!ack.ok) throw new Error(`issue failed: ${ack.error.message}`);
    labels.push(ack.data.ticket.label);
    t.clock.advance(spacingMs);
  }
  socket.disconnect();
  return labels;
}

/** The action button of the counter screen for an action id (see counter-view.ts). */
export function actionButton(page: Page, action: string) {
  return page.locator(`button[data-action=${action}]`);
}

/** The hub's live ticket with a label today. */
export function ticketByLabel(t: TestHub, label: string) {
  const ticket = Object.values(t.hub.queue.live.tickets).find((x) => x.label === label);
  if (!ticket) throw new Error(`no ticket ${label}`);
  return ticket;
}

/** Text of the counter screen's current ticket label, or null when there is none. */
export async function currentLabel(page: Page): Promise<string | null> {
  const el = page.locator('[data-testid=current-label]');
  return (await el.count()) > 0 ? el.textContent() : null;
}
