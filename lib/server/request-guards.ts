import 'server-only';
import type { NextRequest } from 'next/server';
import { ProblemError } from './problem';

export const MAX_BODY_BYTES = 256 * 1024;

/**
 * CSRF defence for every state-changing call: the browser must say the request came from our own
 * origin (Sec-Fetch-Site, or a matching Origin where that header is missing). SameSite=Lax already
 * keeps the cookie off cross-site POSTs; this makes the refusal explicit and covers same-site hosts.
 */
export function assertSameOrigin(req: NextRequest): void {
  const fetchSite = req.headers.get('sec-fetch-site');
  if (fetchSite !== null) {
    if (fetchSite === 'same-origin') return;
    throw forbidden(`Cross-site request refused (Sec-Fetch-Site: ${fetchSite.slice(0, 20)})`);
  }
  const origin = req.headers.get('origin');
  if (origin === null) throw forbidden('Request refused: it does not say which site sent it');
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw forbidden('Request refused: unreadable Origin');
  }
  const host = req.headers.get('host') ?? req.nextUrl.host;
  if (originHost !== host) throw forbidden('Cross-site request refused (Origin does not match)');
}

/**
 * The server-configured workspace has no cookie, so a browser would hand it to any page that makes it
 * send a request. It is offered only when the browser says the request is ours (or a user typed the
 * address): Sec-Fetch-Site same-origin or none, or absent (curl, scripts on this machine). The Host
 * has already been checked against the allowlist by then.
 */
export function sameHostRequest(req: NextRequest): boolean {
  const fetchSite = req.headers.get('sec-fetch-site');
  if (fetchSite !== null) return fetchSite === 'same-origin' || fetchSite === 'none';
  // Browsers send no Sec-Fetch-* to a plain-http origin other than localhost; there, an Origin or
  // Referer from another host still tells a cross-site request apart.
  const host = req.headers.get('host') ?? req.nextUrl.host;
  for (const name of ['origin', 'referer']) {
    const value = req.headers.get(name);
    if (value === null) continue;
    try {
      if (new URL(value).host !== host) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function forbidden(detail: string): ProblemError {
  return new ProblemError({ type: 'csrf', title: 'Request refused', detail, status: 403 });
}

/** Reads a JSON body of at most 256 KB; a non-JSON content type is 415, an oversize body 413. */
export async function readJsonBody(req: NextRequest): Promise<unknown> {
  const contentType = req.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new ProblemError({
      type: 'unsupported-media-type',
      title: 'Send JSON',
      detail: 'This endpoint accepts only Content-Type: application/json.',
      status: 415,
    });
  }
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProblemError({ type: 'invalid-json', title: 'The body is not valid JSON', status: 400 });
  }
}

function tooLarge(): ProblemError {
  return new ProblemError({
    type: 'body-too-large',
    title: 'Request too large',
    detail: `Bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`,
    status: 413,
  });
}

/** Query string → plain object; a key given twice becomes an array. */
export function queryObject(
  params: URLSearchParams,
  omit: readonly string[] = [],
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    if (omit.includes(key)) continue;
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return out;
}
