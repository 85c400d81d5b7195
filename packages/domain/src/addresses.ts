import type { SiteConfig } from './config.ts';

/**
 * Whether `value` is a site address: an absolute http or https URL with a host, no user name or
 * password, and nothing after the host but an optional "/" (no path, query or fragment), e.g.
 * `http://192.168.1.10:8080` or `https://hang-doi.soxd.gov.vn`.
 */
export function isSiteAddress(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    // `new URL` drops an empty "?" or "#", which would otherwise pass as no query.
    !/[?#]/.test(value)
  );
}

/** A site address as stored and used: its origin, without the trailing slash. */
export function normalizeSiteAddress(value: string): string {
  return new URL(value).origin;
}

/**
 * The address devices inside the centre open (pairing QR codes): the configured hub address,
 * or null when none is configured (the caller then falls back to the address it knows).
 */
export function deviceBaseUrl(config: Pick<SiteConfig, 'site'>): string | null {
  return config.site.addresses.hub;
}

/**
 * The address citizens' phones open (the QR code on a ticket): the configured public address,
 * else the hub address, else null (the caller falls back to the address it knows).
 */
export function phoneBaseUrl(config: Pick<SiteConfig, 'site'>): string | null {
  return config.site.addresses.public ?? config.site.addresses.hub;
}

/** Whether a browser's host is this machine itself (an address no other device can reach). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h);
}
