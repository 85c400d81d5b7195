/**
 * Where the citizens' bench meets the hub's citizen side (i14-citizens) and its messages
 * (i14-messages): how a hub is set up so its one-time codes reach the fake SMS provider and its
 * Web Push reaches the bench's endpoint, and how the bench reads a code.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  asyncProvince,
  DEFAULT_SITE_ID,
  issueTls,
  openProvince,
  startFakeProvider,
} from '@luot/hub/bench';
import { startPushEndpoint, type PushEndpoint } from './push-endpoint.ts';

/** The province's store, SQLite or PostgreSQL, as the hub's port. */
export type ProvinceStore = ReturnType<typeof asyncProvince>;

/** Where the bench reads the one-time code a phone was sent. */
export interface CodeInbox {
  codeFor(phone: string): Promise<string>;
}

export interface CitizenSignInHub {
  siteId: string;
  hubArgs: string[];
  env: Record<string, string>;
  /** Writes the site's message settings into the province's store before the hub starts. */
  configure(province: ProvinceStore): Promise<void>;
  /** Each line the hub prints (its JSON log). */
  onLine(line: string): void;
  inbox: CodeInbox;
  close(): Promise<void>;
}

/** "84912345678" → "0912345678", as eSMS is sent a phone. */
const localPhone = (phone: string) => (phone.startsWith('84') ? `0${phone.slice(2)}` : phone);

/**
 * A hub whose one-time codes go by SMS to the fake eSMS provider (apps/hub/testing), which the
 * bench runs in this process and reads each code from.
 */
export async function citizenSignInHub(): Promise<CitizenSignInHub> {
  const codes = new Map<string, string>();
  const waiting = new Map<string, (code: string) => void>();
  const fake = await startFakeProvider({
    onDelivery(d) {
      const code = /\b(\d{6})\b/.exec(d.text)?.[1];
      if (!code) return;
      codes.set(d.phone, code);
      waiting.get(d.phone)?.(code);
    },
  });
  return {
    siteId: DEFAULT_SITE_ID,
    hubArgs: [],
    env: {},
    configure: (province) =>
      province.writeMessageSettings(
        DEFAULT_SITE_ID,
        {
          sms: {
            enabled: true,
            baseUrl: fake.url,
            apiKey: 'demo',
            secretKey: 'demo',
            brandname: 'LUOT',
          },
          codeChannel: 'sms',
          phoneChannel: 'sms',
        },
        Date.now(),
      ),
    onLine: () => undefined,
    inbox: {
      codeFor(phone) {
        const key = localPhone(phone);
        const known = codes.get(key);
        if (known) return Promise.resolve(known);
        return new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no code within 10 s')), 10_000);
          waiting.set(key, (code) => {
            clearTimeout(timer);
            waiting.delete(key);
            resolve(code);
          });
        });
      },
    },
    close: () => fake.close(),
  };
}

/** A hub started with messages on or off, and what the bench needs to start it. */
export interface MessagesHub {
  endpoint: PushEndpoint | null;
  hubArgs: string[];
  env: Record<string, string>;
  beforeStart?: (dataDir: string) => Promise<void>;
  close(): Promise<void>;
}

/** Messages off: the hub as `pnpm bench` starts it (no message settings: nothing is sent). */
export function messagesOffHub(): Promise<MessagesHub> {
  return Promise.resolve({ endpoint: null, hubArgs: [], env: {}, close: () => Promise.resolve() });
}

/**
 * Messages on: Web Push on for the site, the bench's push endpoint over HTTPS with a certificate
 * of a throwaway authority that the hub is started trusting (NODE_EXTRA_CA_CERTS), as it trusts a
 * browser vendor's push service.
 */
export async function messagesOnHub(): Promise<MessagesHub> {
  const tlsDir = mkdtempSync(join(tmpdir(), 'luot-push-tls-'));
  const { paths } = issueTls(tlsDir, { names: ['localhost'], ips: ['127.0.0.1'] });
  const endpoint = await startPushEndpoint({
    tls: {
      cert: readFileSync(paths.serverCert, 'utf8'),
      key: readFileSync(paths.serverKey, 'utf8'),
    },
  });
  return {
    endpoint,
    hubArgs: [],
    env: { NODE_EXTRA_CA_CERTS: paths.caCert },
    async beforeStart(dataDir) {
      const province = openProvince(dataDir);
      try {
        await asyncProvince(province).writeMessageSettings(
          DEFAULT_SITE_ID,
          { push: { enabled: true } },
          Date.now(),
        );
      } finally {
        province.close();
      }
    },
    async close() {
      await endpoint.close();
      rmSync(tlsDir, { recursive: true, force: true });
    },
  };
}
