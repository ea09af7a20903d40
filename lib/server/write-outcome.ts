import 'server-only';
import { z } from 'zod';
import { InstantlyError } from '@/lib/instantly/errors';

// The one place that decides what a failed write to Instantly did: whether the failure leaves the
// outcome open (only a re-read can tell), and what a re-read of the account then says. The bulk
// runner and the settings save both ask here, so "was it applied?" has one answer.

/**
 * Failures after which a write may have landed: the request went out and no clear refusal came back
 * (a timeout, a reset connection, a 5xx, or a 2xx whose body we could not read).
 */
export const UNKNOWN_KINDS: ReadonlySet<InstantlyError['kind']> = new Set([
  'timeout',
  'network',
  'server',
  // An edge's own error page for a 5xx: the API behind it may have done the work before it failed.
  // (An edge *block*, 'edge-blocked', never let the request through: a clear refusal.)
  'edge-error',
  'bad-response',
]);

/**
 * Whether a failed write may have been applied. A zod error was raised while building the request (so
 * nothing was sent); anything else that is not an InstantlyError is a failure we did not classify, and
 * is treated as unknown rather than as a refusal.
 */
export function writeOutcomeUnknown(error: unknown): boolean {
  if (error instanceof z.ZodError) return false;
  return !(error instanceof InstantlyError) || UNKNOWN_KINDS.has(error.kind);
}

/**
 * Whether the write may still be on its way when we re-read: our side gave up (timeout, reset) or a
 * gateway did (502/504) while Instantly itself may still be working on it. A 500 or an unreadable 2xx
 * came from Instantly after it had finished, so a re-read then shows the final state.
 */
export function mayStillLand(error: unknown): boolean {
  if (!(error instanceof InstantlyError)) return true;
  if (error.kind === 'timeout' || error.kind === 'network' || error.kind === 'edge-error') return true;
  return error.kind === 'server' && (error.status === 502 || error.status === 504);
}

export type RereadVerdict = 'applied' | 'not-applied' | 'unconfirmed';

/**
 * What a re-read after an unknown outcome says, field by field: every changed field shows the new
 * value → applied; every one still shows the old value → not applied, unless the write may still land
 * (then it is only not applied *yet*: unconfirmed); a mix, or a value that is neither (someone else
 * changed it meanwhile) → unconfirmed.
 */
export function rereadVerdict<F extends string>(input: {
  fields: readonly F[];
  before: Readonly<Record<F, unknown>>;
  wanted: Readonly<Partial<Record<F, unknown>>>;
  now: Readonly<Record<F, unknown>>;
  error: unknown;
}): RereadVerdict {
  const { fields, before, wanted, now, error } = input;
  if (fields.length === 0) return 'unconfirmed';
  if (fields.every((f) => Object.is(now[f], wanted[f]))) return 'applied';
  if (fields.every((f) => Object.is(now[f], before[f])))
    return mayStillLand(error) ? 'unconfirmed' : 'not-applied';
  return 'unconfirmed';
}
