import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccountSettings,
  SETTINGS_FIELDS,
  accountEmailParamsSchema,
  accountSettingsFormSchema,
  diffSettings,
  settingsOf,
  toUpstreamPatch,
  vitalsRequestSchema,
} from './api-account-detail';
import { accountPatchRequestSchema } from './instantly-requests';

const current: AccountSettings = {
  dailyLimit: 30,
  sendingGap: 10,
  warmupLimit: 20,
  warmupIncrement: '1',
  warmupReplyRate: 30,
  slowRamp: false,
  trackingDomain: null,
  inboxPlacementTestLimit: null,
};

const issueOf = (input: unknown) => {
  const result = accountSettingsFormSchema.safeParse(input);
  return result.success
    ? null
    : { path: result.error.issues[0]?.path.join('.'), message: result.error.issues[0]?.message };
};

describe('the settings form schema', () => {
  it('accepts values at the edges of every range', () => {
    for (const input of [
      { dailyLimit: 1 },
      { dailyLimit: 10_000 },
      { sendingGap: 0 },
      { sendingGap: 1440 },
      { warmupLimit: 1 },
      { warmupLimit: 100 },
      { warmupReplyRate: 0 },
      { warmupReplyRate: 100 },
      { warmupReplyRate: 12.5 },
      { inboxPlacementTestLimit: 0 },
      { slowRamp: true },
      { trackingDomain: null },
    ]) {
      expect(accountSettingsFormSchema.safeParse(input).success, JSON.stringify(input)).toBe(true);
    }
  });

  it('refuses values out of range with the field and a sentence a person understands', () => {
    expect(issueOf({ sendingGap: 1441 })).toEqual({
      path: 'sendingGap',
      message: 'The sending gap can be at most 1,440',
    });
    expect(issueOf({ sendingGap: -1 })).toEqual({
      path: 'sendingGap',
      message: 'The sending gap must be at least 0',
    });
    expect(issueOf({ dailyLimit: 0 })?.message).toMatch(/at least 1 \(to stop sending, pause the account\)/);
    expect(issueOf({ dailyLimit: 10_001 })?.path).toBe('dailyLimit');
    expect(issueOf({ dailyLimit: 12.5 })).toEqual({ path: 'dailyLimit', message: 'Use a whole number' });
    expect(issueOf({ dailyLimit: Number.NaN })?.message).toBe('Enter the daily limit as a number');
    expect(issueOf({ dailyLimit: '30' })?.message).toBe('Enter the daily limit as a number');
    expect(issueOf({ warmupLimit: 101 })?.path).toBe('warmupLimit');
    expect(issueOf({ warmupReplyRate: 100.5 })?.message).toBe('The reply rate must be between 0 and 100 %');
    expect(issueOf({ inboxPlacementTestLimit: -1 })?.path).toBe('inboxPlacementTestLimit');
  });

  it('increment is "disabled" or "0" to "4", as a string', () => {
    for (const value of ['disabled', '0', '1', '2', '3', '4']) {
      expect(accountSettingsFormSchema.safeParse({ warmupIncrement: value }).success).toBe(true);
    }
    for (const value of ['5', '-1', 'enabled', 2, '']) {
      expect(issueOf({ warmupIncrement: value })).toEqual({
        path: 'warmupIncrement',
        message: 'Pick "disabled" or a daily increase from 0 to 4',
      });
    }
  });

  it('a tracking domain is a host name, trimmed and lower-cased', () => {
    expect(accountSettingsFormSchema.parse({ trackingDomain: '  Inst.Example.COM ' })).toEqual({
      trackingDomain: 'inst.example.com',
    });
    for (const bad of ['example', 'https://inst.example.com', 'inst example.com', '-a.example.com', '']) {
      expect(issueOf({ trackingDomain: bad })?.path, bad).toBe('trackingDomain');
    }
  });

  it('is strict: a field the form does not have is refused', () => {
    const result = accountSettingsFormSchema.safeParse({ dailyLimit: 30, status: 1 });
    expect(result.success).toBe(false);
  });

  it('whatever it accepts, Instantly’s own request schema accepts after mapping', () => {
    const changes = fc.record(
      {
        dailyLimit: fc.integer({ min: 1, max: 10_000 }),
        sendingGap: fc.integer({ min: 0, max: 1440 }),
        warmupLimit: fc.integer({ min: 1, max: 100 }),
        warmupIncrement: fc.constantFrom('disabled', '0', '1', '2', '3', '4' as const),
        warmupReplyRate: fc.double({ min: 0, max: 100, noNaN: true }),
        slowRamp: fc.boolean(),
        trackingDomain: fc.constantFrom(null, 'inst.example.com', 'track.a-b.io'),
        inboxPlacementTestLimit: fc.integer({ min: 0, max: 10_000 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(changes, (input) => {
        const parsed = accountSettingsFormSchema.parse(input);
        expect(accountPatchRequestSchema.safeParse(toUpstreamPatch(parsed)).success).toBe(true);
      }),
    );
  });
});

describe('diffSettings: only what changed travels', () => {
  it('drops unchanged values and keeps changed ones', () => {
    expect(
      diffSettings(current, { dailyLimit: 30, sendingGap: 15, warmupIncrement: '1', slowRamp: true }),
    ).toEqual({
      sendingGap: 15,
      slowRamp: true,
    });
    expect(diffSettings(current, { dailyLimit: 30, sendingGap: 10 })).toEqual({});
    expect(diffSettings(current, {})).toEqual({});
  });

  it('null is a value: clearing a set domain is a change, "clearing" an unset one is not', () => {
    expect(diffSettings(current, { trackingDomain: null })).toEqual({});
    expect(diffSettings({ ...current, trackingDomain: 'inst.x.io' }, { trackingDomain: null })).toEqual({
      trackingDomain: null,
    });
  });

  it('property: the diff applied to the current values gives the requested values', () => {
    const settingsArb = fc.record({
      dailyLimit: fc.option(fc.integer({ min: 1, max: 100 })),
      sendingGap: fc.option(fc.integer({ min: 0, max: 30 })),
      warmupLimit: fc.option(fc.integer({ min: 1, max: 40 })),
      warmupIncrement: fc.option(fc.constantFrom('disabled', '0', '1')),
      warmupReplyRate: fc.option(fc.integer({ min: 0, max: 100 })),
      slowRamp: fc.option(fc.boolean()),
      trackingDomain: fc.option(fc.constantFrom('a.io', 'b.io')),
      inboxPlacementTestLimit: fc.option(fc.integer({ min: 0, max: 5 })),
    });
    fc.assert(
      fc.property(settingsArb, settingsArb, (before, wanted) => {
        const requested = Object.fromEntries(Object.entries(wanted).filter(([, v]) => v !== null));
        const diff = diffSettings(before as AccountSettings, requested);
        for (const field of SETTINGS_FIELDS) {
          const value = diff[field];
          if (value !== undefined) expect(value).not.toBe(before[field]);
        }
        expect({ ...before, ...diff }).toEqual({ ...before, ...requested });
      }),
    );
  });
});

describe('toUpstreamPatch', () => {
  it('nests warmup fields and sends nothing else', () => {
    expect(toUpstreamPatch({ warmupLimit: 25, warmupIncrement: 'disabled' })).toEqual({
      warmup: { limit: 25, increment: 'disabled' },
    });
    expect(toUpstreamPatch({ dailyLimit: 45, sendingGap: 12 })).toEqual({ daily_limit: 45, sending_gap: 12 });
    expect(toUpstreamPatch({})).toEqual({});
  });

  it('removing a tracking domain uses remove_tracking_domain; setting one sends the name', () => {
    expect(toUpstreamPatch({ trackingDomain: null })).toEqual({ remove_tracking_domain: true });
    expect(toUpstreamPatch({ trackingDomain: 'inst.x.io' })).toEqual({ tracking_domain_name: 'inst.x.io' });
  });
});

describe('settingsOf', () => {
  it('reads absent keys as null (managed accounts have no warmup, daily_limit or sending_gap)', () => {
    expect(settingsOf({ email: 'a@x.io' })).toEqual({
      dailyLimit: null,
      sendingGap: null,
      warmupLimit: null,
      warmupIncrement: null,
      warmupReplyRate: null,
      slowRamp: null,
      trackingDomain: null,
      inboxPlacementTestLimit: null,
    });
    expect(
      settingsOf({
        email: 'a@x.io',
        daily_limit: 40,
        warmup: { limit: 20, increment: '2' },
        enable_slow_ramp: true,
      }),
    ).toMatchObject({
      dailyLimit: 40,
      warmupLimit: 20,
      warmupIncrement: '2',
      slowRamp: true,
    });
  });
});

describe('request params', () => {
  it('the email param is decoded once and must be an email', () => {
    expect(accountEmailParamsSchema.parse({ email: 'a%40x.io' }).email).toBe('a@x.io');
    expect(accountEmailParamsSchema.parse({ email: 'a@x.io' }).email).toBe('a@x.io');
    expect(accountEmailParamsSchema.safeParse({ email: 'not-an-email' }).success).toBe(false);
    expect(accountEmailParamsSchema.safeParse({ email: '%E0%A4%A' }).success).toBe(false);
  });

  it('vitals take 1 to 100 emails', () => {
    expect(vitalsRequestSchema.safeParse({ emails: [] }).success).toBe(false);
    expect(
      vitalsRequestSchema.safeParse({ emails: Array.from({ length: 101 }, (_, i) => `a${i}@x.io`) }).success,
    ).toBe(false);
    expect(vitalsRequestSchema.safeParse({ emails: ['a@x.io'], workspace: 'demo' }).success).toBe(true);
  });
});
