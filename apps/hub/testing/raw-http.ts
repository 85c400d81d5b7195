import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** An HTTP answer as it came: status, headers and the body as text. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** For HTTPS: the certificate authority to trust (a centre's own, made by `luot tls`). */
  ca?: string;
  /** For HTTPS: the name the certificate must carry, when it differs from the URL's host. */
  servername?: string;
}

/**
 * One HTTP(S) request with Node's own client, nothing added: unlike `fetch`, it sends exactly
 * the headers given (an `Origin`, say) and trusts a certificate authority given here.
 */
export function rawRequest(url: string, init: RawInit = {}): Promise<RawAnswer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: init.method ?? 'GET',
        headers: init.headers,
        ...(init.ca ? { ca: init.ca } : {}),
        ...(init.servername ? { servername: init.servername } : {}),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
