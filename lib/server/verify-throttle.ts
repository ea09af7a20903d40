import 'server-only';
import type { NextRequest } from 'next/server';
import { getConfig } from './config';
import { ProblemError } from './problem';
import { processSingleton } from './singleton';
import { Throttle, clientAddress } from './throttle';

// Adding a key makes one call to Instantly on the visitor's behalf. Unthrottled, that is an amplifier
// (200 anonymous requests → 200 calls to Instantly in 1.8 s). A person adds a handful of keys; a few a
// minute per client (KEY_CHECKS_PER_MINUTE), and a global cap for clients that change addresses
// (KEY_CHECKS_PER_MINUTE_ALL), never gets in their way.
const throttles = () =>
  processSingleton('verify-throttles', () => {
    const config = getConfig();
    return {
      client: new Throttle({ max: config.KEY_CHECKS_PER_MINUTE, windowMs: 60_000 }),
      global: new Throttle({ max: config.KEY_CHECKS_PER_MINUTE_ALL, windowMs: 60_000 }),
    };
  });

/** Refuses a key check (429 with Retry-After) when this client, or everyone together, asked too often. */
export function assertVerifyAllowed(req: NextRequest): void {
  const { client, global } = throttles();
  const clientWait = client.take(clientAddress(req.headers));
  const wait = clientWait || global.take('all');
  if (wait === 0) return;
  const seconds = Math.ceil(wait / 1000);
  throw new ProblemError({
    type: 'verify-throttled',
    title: 'Too many key checks',
    detail: `${clientWait ? 'This browser has' : 'Visitors have'} checked many keys in the last minute. Try again in ${seconds} s.`,
    status: 429,
    field: 'key',
    retryAfterSeconds: seconds,
  });
}
