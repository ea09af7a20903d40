import { createHmac, timingSafeEqual } from 'node:crypto';

// Webhook signatures. Each delivery carries
//   X-Fleet-Timestamp: seconds since the epoch when this attempt was signed
//   X-Fleet-Event-Id:  the event's stable id (the same on every retry: dedupe on it)
//   X-Fleet-Signature: v1=<hex HMAC-SHA256 of `${timestamp}.${body}` under the channel's secret>
// The timestamp is inside the MAC so a captured request cannot be replayed later with a new one;
// the README shows the receiver's side.

export const SIGNATURE_HEADER = 'X-Fleet-Signature';
export const TIMESTAMP_HEADER = 'X-Fleet-Timestamp';
export const EVENT_ID_HEADER = 'X-Fleet-Event-Id';
const SCHEME = 'v1';

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `${SCHEME}=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The signed headers of one attempt (a new timestamp each attempt; the event id never changes). */
export function signedHeaders(
  secret: string,
  eventId: string,
  body: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    [TIMESTAMP_HEADER]: String(timestamp),
    [EVENT_ID_HEADER]: eventId,
    [SIGNATURE_HEADER]: signatureOf(secret, timestamp, body),
  };
}

/** Constant-time check on our side too (tests; a receiver written in TypeScript may reuse it). */
export function signatureMatches(
  secret: string,
  timestamp: number,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signatureOf(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
