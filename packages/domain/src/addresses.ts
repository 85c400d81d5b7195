/**
 * Whether `value` is a site address: an absolute http or https URL with a host, no user name or
 * password, and nothing after the host but an optional "/" (no path, query or fragment), e.g.
 * `http://192.168.1.10:8080` or `https://hang-doi.soxd.gov.vn`.
 */
export function isSiteAddress(value: string): boolean {
  const m = SITE_ADDRESS.exec(value);
  if (!m) return false;
  const port = m[3] === undefined ? null : Number(m[3]);
  return port === null || (port >= 1 && port <= 65535);
}

// scheme :// host (a name, an IPv4 address or a bracketed IPv6 one) [:port] [/]. No "@", so no
// credentials; nothing after the optional "/", so no path, query or fragment. (The domain runs
// without DOM or Node types, so no `URL` here.)
const SITE_ADDRESS =
  /^(https?):\/\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?\/?$/i;

/** A site address as stored and used: scheme and host in lower case, no trailing slash. */
export function normalizeSiteAddress(value: string): string {
  return value
    .replace(/\/$/, '')
    .replace(/^[^/]+\/\/[^/:]+|^[^/]+\/\/\[[^\]]+\]/, (x) => x.toLowerCase());
}

/** The site's configured addresses (`site.addresses` in the configuration). */
interface WithAddresses {
  site: { addresses: { hub: string | null; public: string | null } };
}

/**
 * The address devices inside the centre open (pairing QR codes): the configured hub address,
 * or null when none is configured (the caller then falls back to the address it knows).
 */
export function deviceBaseUrl(config: WithAddresses): string | null {
  return config.site.addresses.hub;
}

/**
 * The address citizens' phones open (the QR code on a ticket): the configured public address,
 * else the hub address, else null (the caller falls back to the address it knows).
 */
export function phoneBaseUrl(config: WithAddresses): string | null {
  return config.site.addresses.public ?? config.site.addresses.hub;
}

/** Whether a browser's host is this machine itself (an address no other device can reach). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h);
}
