import { describe, expect, it } from 'vitest';
import { kindEntryOf } from '@/lib/bulk/catalog';
import { dashboardActions, steps } from '@/lib/diagnostics/cause-catalog';
import { triageBulkActions } from '@/lib/diagnostics/triage-groups';
import { diagnose } from '@/lib/diagnostics/diagnose';
import {
  SMTP_STEPS,
  accountHref,
  conversationSteps,
  dashboardActionLabel,
  defaultLowerLimit,
  parseDailyLimit,
  rawReplyText,
} from './diagnosis-model';

const states = (step: Parameters<typeof conversationSteps>[0]) =>
  conversationSteps(step).map((s) => `${s.label}:${s.state}`);

describe('conversation steps', () => {
  it('marks the steps before the failure passed and the ones after it not reached', () => {
    expect(states('login')).toEqual([
      'Connect:passed',
      'TLS:passed',
      'Login:failed',
      'MAIL FROM:not-reached',
      'RCPT TO:not-reached',
      'DATA:not-reached',
    ]);
    expect(states('data')).toEqual([
      'Connect:passed',
      'TLS:passed',
      'Login:passed',
      'MAIL FROM:passed',
      'RCPT TO:passed',
      'DATA:failed',
    ]);
    expect(states('connect')[0]).toBe('Connect:failed');
    expect(
      states('connect')
        .slice(1)
        .every((s) => s.endsWith(':not-reached')),
    ).toBe(true);
  });

  it('draws IMAP and API failures after the SMTP steps, which are then not known', () => {
    expect(states('imap')).toEqual([...SMTP_STEPS.map((_, i) => `${states(null)[i]}`), 'IMAP:failed']);
    expect(states('api').at(-1)).toBe('API:failed');
    expect(states(null).every((s) => s.endsWith(':unknown'))).toBe(true);
  });

  it('has exactly one failed step for every step the diagnosis can name', () => {
    for (const step of steps) {
      const list = conversationSteps(step);
      expect(
        list.filter((s) => s.state === 'failed').map((s) => s.id),
        step,
      ).toEqual([step]);
    }
  });

  it('marks the failing step of the real examples: an auth error at login, a quota error at DATA', () => {
    const auth = diagnose({
      code: 'EAUTH',
      command: 'AUTH XOAUTH2',
      e_message: "error: can't create new access token for user",
    });
    const quota = diagnose({
      code: 'EENVELOPE',
      command: 'DATA',
      response:
        '550-5.4.5 Daily user sending limit exceeded.\n550 5.4.5 https://support.google.com/a/answer/166852 - gsmtp',
      responseCode: 550,
    });
    expect(conversationSteps(auth?.step ?? null).find((s) => s.state === 'failed')?.label).toBe('Login');
    expect(conversationSteps(quota?.step ?? null).find((s) => s.state === 'failed')?.label).toBe('DATA');
  });
});

describe('daily limit input', () => {
  it('suggests half the current limit, or 10 when it is unknown', () => {
    expect(defaultLowerLimit(40)).toBe(20);
    expect(defaultLowerLimit(45)).toBe(22);
    expect(defaultLowerLimit(1)).toBe(1);
    expect(defaultLowerLimit(null)).toBe(10);
    expect(defaultLowerLimit(undefined)).toBe(10);
  });

  it('accepts whole numbers from 1, below the current limit and within the API maximum', () => {
    expect(parseDailyLimit('20', 40)).toEqual({ ok: true, value: 20 });
    expect(parseDailyLimit(' 7 ', null)).toEqual({ ok: true, value: 7 });
    expect(parseDailyLimit('10000', null)).toEqual({ ok: true, value: 10000 });
    for (const bad of ['', 'abc', '2.5', '-3', '1e3']) expect(parseDailyLimit(bad, 40).ok, bad).toBe(false);
    expect(parseDailyLimit('0', 40)).toMatchObject({
      ok: false,
      message: expect.stringContaining('at least 1'),
    });
    expect(parseDailyLimit('40', 40)).toMatchObject({
      ok: false,
      message: expect.stringContaining('below the current limit of 40'),
    });
    expect(parseDailyLimit('10001', null)).toMatchObject({
      ok: false,
      message: expect.stringContaining('at most'),
    });
  });
});

describe('raw reply and links', () => {
  it('copies every key that was present, and only those', () => {
    expect(
      rawReplyText({
        code: 'EENVELOPE',
        command: 'DATA',
        response: '550-5.4.5 Daily user sending limit exceeded.\n550 5.4.5 more',
        e_message: null,
        responseCode: 550,
      }),
    ).toBe(
      'code: EENVELOPE\ncommand: DATA\nresponseCode: 550\nresponse:\n550-5.4.5 Daily user sending limit exceeded.\n550 5.4.5 more',
    );
    expect(
      rawReplyText({
        code: null,
        command: null,
        response: null,
        e_message: 'error: boom',
        responseCode: null,
      }),
    ).toBe('e_message:\nerror: boom');
  });

  it('links an account page by email and workspace', () => {
    expect(accountHref('sam+ops@brightgrid-mail.com', 'ws 1')).toBe(
      '/accounts/sam%2Bops%40brightgrid-mail.com?workspace=ws%201',
    );
  });
});

describe('diagnosis buttons and triage board actions', () => {
  it('spell every bulk action with the catalog id', () => {
    for (const action of dashboardActions) {
      if (action !== 'reconnect') expect(kindEntryOf(action)?.kind).toBe(action);
    }
    for (const action of triageBulkActions) expect(kindEntryOf(action)?.kind).toBe(action);
  });

  it("read the catalog's label, and say 'Lower' where a diagnosis only lowers the limit", () => {
    expect(dashboardActionLabel('pause')).toBe('Pause');
    expect(dashboardActionLabel('disable-warmup')).toBe('Disable warmup');
    expect(dashboardActionLabel('set-daily-limit')).toBe('Lower daily limit');
    expect(dashboardActionLabel('reconnect')).toBe('Reconnect');
  });
});
