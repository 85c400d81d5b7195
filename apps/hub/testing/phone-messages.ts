// What a citizen's phone received, read at the fake provider: the test hub's messages part sends
// one-time codes and ticket messages by SMS through the fake's eSMS endpoint (`smsSettings`).
import { codeText } from '../src/messages/texts.ts';
import { messageSettingsSchema, type MessageSettings } from '../src/messages/settings.ts';
import { localPhone } from '../src/messages/providers/esms.ts';
import type { FakeDelivery, FakeProvider } from './fake-provider.ts';

/** A site's message settings sending codes and phone messages by SMS through eSMS at `baseUrl`. */
export function smsSettings(baseUrl: string): MessageSettings {
  return messageSettingsSchema.parse({
    sms: {
      enabled: true,
      baseUrl,
      apiKey: 'khoa-api',
      secretKey: 'khoa-bi-mat',
      brandname: 'LUOT',
      smsType: '2',
    },
    phoneChannel: 'sms',
    codeChannel: 'sms',
  });
}

/** A fake provider, or a test hub that has one. */
type Source = FakeProvider | { provider: FakeProvider };
const fakeOf = (source: Source) => ('provider' in source ? source.provider : source);

/** The SMS the fake accepted for a phone (normalised "84…"; eSMS is sent "0…"), oldest first. */
export function smsTo(source: Source, phone: string): FakeDelivery[] {
  const local = localPhone(phone);
  return fakeOf(source).deliveries.filter((d) => d.provider === 'esms' && d.phone === local);
}

/** Polls `read` until it returns a value, or throws `what` after `timeoutMs`. */
async function poll<T>(read: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(what);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits for an SMS to the phone whose text is `text` (or matches it) and returns it. */
export function smsReceived(
  source: Source,
  phone: string,
  text: string | RegExp,
  timeoutMs = 5000,
): Promise<FakeDelivery> {
  const matches = (d: FakeDelivery) =>
    typeof text === 'string' ? d.text === text : text.test(d.text);
  return poll(
    () => smsTo(source, phone).find(matches),
    `no SMS ${String(text)} reached ${phone} in ${timeoutMs} ms`,
    timeoutMs,
  );
}

// The code message's text around the code, from the hub's own wording.
const [CODE_BEFORE, CODE_AFTER] = codeText('\u0000').text.split('\u0000') as [string, string];

/** The one-time code in an SMS's text, or null when it is another message. */
function codeIn(text: string): string | null {
  if (!text.startsWith(CODE_BEFORE) || !text.endsWith(CODE_AFTER)) return null;
  const code = text.slice(CODE_BEFORE.length, text.length - CODE_AFTER.length);
  return /^\d{6}$/.test(code) ? code : null;
}

/** The one-time codes the phone (normalised "84…") received, oldest first. */
export function codesTo(source: Source, phone: string): string[] {
  return smsTo(source, phone).flatMap((d) => codeIn(d.text) ?? []);
}

/**
 * The latest one-time code the phone (normalised "84…") received, waiting for one to arrive;
 * throws after `timeoutMs` without one.
 */
export function codeReceived(source: Source, phone: string, timeoutMs = 5000): Promise<string> {
  return poll(
    () => codesTo(source, phone).at(-1),
    `no code reached ${phone} in ${timeoutMs} ms`,
    timeoutMs,
  );
}
