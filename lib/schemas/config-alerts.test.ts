import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('alert channel configuration', () => {
  it('defaults: no environment channel, private URLs refused, links to localhost:3000', () => {
    const config = parseConfig({});
    expect(config.DASHBOARD_PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.ALERTS_ALLOW_PRIVATE_URLS).toBe(false);
    expect(config.ALERTS_WEBHOOK_URL).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.ALERTS_DIGEST_HOUR).toBe(8);
    expect(config.ALERTS_DIGEST_TIME_ZONE).toBe('UTC');
  });

  it('reads every environment channel, the switch and the public URL without its trailing slash', () => {
    const config = parseConfig({
      DASHBOARD_PUBLIC_URL: 'https://fleet.example.com/',
      ALERTS_ALLOW_PRIVATE_URLS: 'on',
      ALERTS_WEBHOOK_URL: 'https://hooks.example.com/fleet',
      ALERTS_WEBHOOK_SECRET: 'a-long-enough-signing-secret',
      ALERTS_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/x',
      SMTP_URL: 'smtps://alerts:pw@smtp.example.com:465',
      ALERTS_EMAIL_TO: 'ops@example.com, oncall@example.com',
      ALERTS_EMAIL_FROM: 'fleet@example.com',
      ALERTS_DIGEST_HOUR: '7',
      ALERTS_DIGEST_TIME_ZONE: 'Europe/Paris',
    });
    expect(config).toMatchObject({
      DASHBOARD_PUBLIC_URL: 'https://fleet.example.com',
      ALERTS_ALLOW_PRIVATE_URLS: true,
      ALERTS_EMAIL_TO: ['ops@example.com', 'oncall@example.com'],
      ALERTS_DIGEST_HOUR: 7,
      ALERTS_DIGEST_TIME_ZONE: 'Europe/Paris',
    });
  });

  it('takes SMTP_URL on its own (invite e-mails), with an optional SMTP_FROM', () => {
    const alone = parseConfig({ SMTP_URL: 'smtp://smtp.example.com' });
    expect([alone.SMTP_URL, alone.SMTP_FROM, alone.ALERTS_EMAIL_TO]).toEqual([
      'smtp://smtp.example.com',
      undefined,
      undefined,
    ]);
    expect(
      parseConfig({ SMTP_URL: 'smtp://smtp.example.com', SMTP_FROM: 'fleet@example.com' }).SMTP_FROM,
    ).toBe('fleet@example.com');
  });

  it.each([
    [{ ALERTS_WEBHOOK_URL: 'ftp://hooks.example.com' }, 'ALERTS_WEBHOOK_URL: must be an http(s) URL'],
    [{ SMTP_URL: 'http://smtp.example.com', ALERTS_EMAIL_TO: 'a@b.co' }, 'SMTP_URL: must be an smtp://'],
    [{ ALERTS_EMAIL_TO: 'ops@example.com' }, 'ALERTS_EMAIL_TO: needs SMTP_URL'],
    [{ SMTP_FROM: 'fleet@example.com' }, 'SMTP_FROM: is used with SMTP_URL: set both'],
    [{ SMTP_URL: 'smtp://smtp.example.com', SMTP_FROM: 'fleet' }, 'SMTP_FROM: must be an e-mail address'],
    [{ ALERTS_EMAIL_FROM: 'fleet@example.com' }, 'ALERTS_EMAIL_FROM: is used with SMTP_URL'],
    [{ SMTP_URL: 'smtp://smtp.example.com', ALERTS_EMAIL_TO: 'nope' }, 'ALERTS_EMAIL_TO: must be e-mail'],
    [{ ALERTS_WEBHOOK_SECRET: 'a-long-enough-signing-secret' }, 'ALERTS_WEBHOOK_SECRET: is used with'],
    [{ ALERTS_WEBHOOK_URL: 'https://h.example.com', ALERTS_WEBHOOK_SECRET: 'short' }, 'at least 16'],
    [{ ALERTS_DIGEST_TIME_ZONE: 'Mars/Olympus' }, 'ALERTS_DIGEST_TIME_ZONE: must be an IANA time zone'],
    [{ ALERTS_DIGEST_HOUR: '24' }, 'ALERTS_DIGEST_HOUR'],
    [{ ALERTS_ALLOW_PRIVATE_URLS: 'maybe' }, 'ALERTS_ALLOW_PRIVATE_URLS'],
    [{ DASHBOARD_PUBLIC_URL: 'fleet.example.com' }, 'DASHBOARD_PUBLIC_URL: must be an http(s) URL'],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});
