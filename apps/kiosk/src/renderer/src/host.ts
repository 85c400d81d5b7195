import type { KioskBridge, KioskConfig, PrintOutcome } from '../../shared/bridge.ts';
import type { TicketData } from '@luot/printing/types';
import { renderVirtualTicket } from './virtual-printer.ts';

declare global {
  interface Window {
    /** The Electron preload bridge; absent in a plain browser. */
    luot?: KioskBridge;
  }
}

/**
 * What the kiosk screen runs on: the Electron bridge (a real printer), or a plain browser
 * with a virtual printer whose tickets are PNG images shown on screen.
 */
export interface KioskHost extends KioskBridge {
  kind: 'electron' | 'browser';
  /** The PNG (object URL) of the last virtual ticket, for the browser's preview; null in Electron. */
  lastVirtualTicket(): string | null;
}

/** The host for this page: the bridge when the preload installed one. */
export function pickHost(win: Window = window): KioskHost {
  const bridge = win.luot;
  if (bridge) return { ...bridge, kind: 'electron', lastVirtualTicket: () => null };
  return createBrowserHost(win);
}

/**
 * The kiosk in a plain browser, served by the hub at /kiosk/: the hub is the page's origin
 * (also the public URL), the device token comes once from `?token=` and is kept in local
 * storage, and the printer is virtual and always ready.
 */
export function createBrowserHost(win: Window): KioskHost {
  const key = 'luot.token.kiosk';
  const fromUrl = new URLSearchParams(win.location.search).get('token');
  if (fromUrl) {
    win.localStorage.setItem(key, fromUrl);
    // Out of the address bar once kept: no history entry, bookmark or screenshot shows it.
    const url = new URL(win.location.href);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? win.localStorage.getItem(key) ?? '';
  const origin = win.location.origin;
  let last: string | null = null;
  const config: KioskConfig = {
    hubUrl: origin,
    deviceToken: token,
    publicUrl: origin,
    paper: '80mm',
    needsSetup: false,
  };
  return {
    kind: 'browser',
    config: async () => config,
    async printTicket(ticket: TicketData): Promise<PrintOutcome> {
      try {
        const blob = await renderVirtualTicket(ticket, config.paper);
        if (last) URL.revokeObjectURL(last);
        last = URL.createObjectURL(blob);
        return { ok: true };
      } catch (err) {
        return { ok: false, printed: 'no', message: String(err) };
      }
    },
    printerStatus: async () => ({ online: true, paper: 'ok', coverOpen: false }),
    onPrinterStatus: () => () => undefined,
    openSettings: async () => ({ ok: false, reason: 'locked' }),
    saveSettings: async () => ({ ok: false, reason: 'invalid' }),
    quit: async () => ({ ok: false, reason: 'locked' }),
    lastVirtualTicket: () => last,
  };
}
