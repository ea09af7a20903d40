import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InstantlyError, type InstantlyErrorKind } from '@/lib/instantly/errors';
import { UNKNOWN_KINDS as BULK_UNKNOWN_KINDS } from './bulk-outcomes';
import { mayStillLand, rereadVerdict, UNKNOWN_KINDS, writeOutcomeUnknown } from './write-outcome';

// The one decision "was a failed write applied?": which failures leave it open, and what a re-read says.

const failure = (kind: InstantlyErrorKind, status: number | null = null) =>
  new InstantlyError({ kind, status, message: kind, method: 'PATCH', path: '/accounts/a', attempts: 1 });

describe('writeOutcomeUnknown', () => {
  it('is open after a timeout, a reset, a 5xx or an unreadable answer; closed after a refusal', () => {
    for (const kind of ['timeout', 'network', 'server', 'edge-error', 'bad-response'] as const)
      expect(writeOutcomeUnknown(failure(kind)), kind).toBe(true);
    // An edge block page never let the request through to the API.
    for (const kind of [
      'bad-request',
      'not-found',
      'conflict',
      'rate-limited',
      'unauthorized',
      'edge-blocked',
    ] as const)
      expect(writeOutcomeUnknown(failure(kind)), kind).toBe(false);
  });

  it('a request refused while it was built sent nothing; an unclassified error is treated as open', () => {
    expect(writeOutcomeUnknown(new z.ZodError([]))).toBe(false);
    expect(writeOutcomeUnknown(new Error('boom'))).toBe(true);
  });

  it('the bulk runner asks the same set', () => {
    expect(BULK_UNKNOWN_KINDS).toBe(UNKNOWN_KINDS);
  });
});

describe('mayStillLand', () => {
  it('only when our side or a gateway gave up while Instantly may still be working', () => {
    expect(mayStillLand(failure('timeout'))).toBe(true);
    expect(mayStillLand(failure('network'))).toBe(true);
    expect(mayStillLand(failure('server', 504))).toBe(true);
    expect(mayStillLand(failure('server', 502))).toBe(true);
    expect(mayStillLand(failure('edge-error', 524))).toBe(true);
    expect(mayStillLand(failure('server', 500))).toBe(false);
    expect(mayStillLand(failure('bad-response', 200))).toBe(false);
  });
});

describe('rereadVerdict', () => {
  const fields = ['dailyLimit', 'sendingGap'] as const;
  const before = { dailyLimit: 40, sendingGap: 10 };
  const wanted = { dailyLimit: 47, sendingGap: 12 };
  const verdict = (now: typeof before, error: unknown = failure('server', 500)) =>
    rereadVerdict({ fields, before, wanted, now, error });

  it('every new value shows → applied, whatever the failure was', () => {
    expect(verdict({ dailyLimit: 47, sendingGap: 12 })).toBe('applied');
    expect(verdict({ dailyLimit: 47, sendingGap: 12 }, failure('timeout'))).toBe('applied');
  });

  it('every old value shows → not applied when Instantly had finished, unconfirmed when it may still land', () => {
    expect(verdict(before)).toBe('not-applied');
    expect(verdict(before, failure('bad-response', 200))).toBe('not-applied');
    expect(verdict(before, failure('timeout'))).toBe('unconfirmed');
    expect(verdict(before, failure('server', 504))).toBe('unconfirmed');
  });

  it('a mix, or a value that is neither, is unconfirmed', () => {
    expect(verdict({ dailyLimit: 47, sendingGap: 10 })).toBe('unconfirmed');
    expect(verdict({ dailyLimit: 99, sendingGap: 12 })).toBe('unconfirmed');
  });

  it('null and unset values compare exactly (a removed tracking domain is null, not "")', () => {
    expect(
      rereadVerdict({
        fields: ['trackingDomain'],
        before: { trackingDomain: 'inst.example.com' },
        wanted: { trackingDomain: null },
        now: { trackingDomain: null },
        error: failure('server', 500),
      }),
    ).toBe('applied');
    expect(
      rereadVerdict({
        fields: ['trackingDomain'],
        before: { trackingDomain: 'inst.example.com' },
        wanted: { trackingDomain: null },
        now: { trackingDomain: '' },
        error: failure('server', 500),
      }),
    ).toBe('unconfirmed');
  });
});
