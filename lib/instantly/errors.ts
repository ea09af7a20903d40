import 'server-only';

/** Every way a call to Instantly can fail, so callers and the UI can branch on one field. */
export type InstantlyErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'payment-required'
  | 'forbidden'
  /** Acting as a sub workspace (`x-as-workspace`) that is not, or no longer, an accepted member of the group. */
  | 'not-in-group'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'rate-limited'
  | 'server'
  /** A non-JSON 403/503: Instantly's CDN or firewall refused the call before the API saw it (not the key). */
  | 'edge-blocked'
  /** A non-JSON 5xx other than 503: the edge answered with its own error page (the API behind it failed). */
  | 'edge-error'
  | 'timeout'
  | 'network'
  | 'bad-response'
  | 'aborted';

export interface InstantlyErrorDetails {
  kind: InstantlyErrorKind;
  message: string;
  status?: number | null;
  /** For 400s: the field the validation message names (`querystring/limit must be <= 100` → `limit`). */
  field?: string | null;
  upstreamMessage?: string | null;
  upstreamCode?: string | null;
  retryAfterMs?: number | null;
  method: string;
  path: string;
  attempts: number;
}

export class InstantlyError extends Error {
  override name = 'InstantlyError';
  readonly kind: InstantlyErrorKind;
  readonly status: number | null;
  readonly field: string | null;
  readonly upstreamMessage: string | null;
  readonly upstreamCode: string | null;
  readonly retryAfterMs: number | null;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;

  constructor(details: InstantlyErrorDetails, options?: { cause?: unknown }) {
    super(details.message, options);
    this.kind = details.kind;
    this.status = details.status ?? null;
    this.field = details.field ?? null;
    this.upstreamMessage = details.upstreamMessage ?? null;
    this.upstreamCode = details.upstreamCode ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.method = details.method;
    this.path = details.path;
    this.attempts = details.attempts;
  }
}

export function kindForStatus(status: number): InstantlyErrorKind {
  switch (status) {
    case 400:
    case 422:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 402:
      return 'payment-required';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 413:
      return 'too-large';
    case 429:
      return 'rate-limited';
    default:
      return status >= 500 ? 'server' : 'bad-request';
  }
}

/**
 * The kind of an error answer whose body is not JSON. Instantly's API always answers errors as JSON,
 * so an HTML (or other) 403 or 503 comes from the network edge in front of it, not from a key check.
 */
export function kindForNonJsonStatus(status: number): InstantlyErrorKind {
  if (status === 403 || status === 503) return 'edge-blocked';
  if (status >= 500) return 'edge-error';
  return kindForStatus(status);
}

const fieldPatterns = [
  // AJV wording used by Fastify: "querystring/limit must be <= 100", "body/emails/3 must match format".
  /^(?:body|querystring|params|headers)\/([A-Za-z0-9_]+)/,
  // "body must have required property 'name'"
  /required property '([^']+)'/,
  // "body must NOT have additional properties 'foo'" (some Fastify versions name it)
  /additional propert(?:y|ies) '([^']+)'/,
];

/** Pulls the offending field out of a Fastify/AJV validation message. */
export function fieldFromValidationMessage(message: string | null | undefined): string | null {
  if (!message) return null;
  for (const pattern of fieldPatterns) {
    const match = pattern.exec(message);
    if (match?.[1]) return match[1];
  }
  return null;
}
