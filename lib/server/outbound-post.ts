import 'server-only';
import { type LookupFunction, isIP } from 'node:net';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type OutboundOptions, checkOutboundUrl } from './outbound-address';

// One POST of an alert to a URL: the address is checked (outbound-address.ts) and then the socket is
// opened to that very address (TLS still verifies the host name), redirects are answers, never
// followed, and the whole attempt has a deadline. Only the status and Retry-After are kept: a
// receiver's body is not ours to store.

export interface PostResult {
  status: number;
  retryAfter: string | null;
}

export interface PostOptions extends OutboundOptions {
  timeoutMs: number;
  headers: Record<string, string>;
}

export class OutboundTimeoutError extends Error {
  override name = 'OutboundTimeoutError';
}

const USER_AGENT = 'instantly-fleet-dashboard-alerts/1';

export async function postToUrl(rawUrl: string, body: string, options: PostOptions): Promise<PostResult> {
  const { url, checked } = await checkOutboundUrl(rawUrl, options);
  // Pinned: whatever name the request is for, the socket goes to the address that was checked.
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: checked.address, family: checked.family }]);
    else callback(null, checked.address, checked.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostResult>((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        lookup: isIP(checked.host) ? undefined : pinned,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          'User-Agent': USER_AGENT,
          ...options.headers,
        },
        timeout: options.timeoutMs,
      },
      (res) => {
        // Drained, not read: the connection closes and nothing of the answer is kept.
        res.resume();
        res.on('end', () => {
          clearTimeout(deadline);
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null });
        });
        res.on('error', fail);
      },
    );
    function fail(error: Error) {
      clearTimeout(deadline);
      reject(error);
    }
    // `timeout` covers an idle socket; this covers a receiver that trickles its answer.
    const deadline = setTimeout(() => {
      req.destroy(new OutboundTimeoutError(`no answer within ${Math.round(options.timeoutMs / 1000)} s`));
    }, options.timeoutMs);
    req.on('timeout', () => req.destroy(new OutboundTimeoutError(`no answer within ${Math.round(options.timeoutMs / 1000)} s`)));
    req.on('error', fail);
    req.end(body);
  });
}
