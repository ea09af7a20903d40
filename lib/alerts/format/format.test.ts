import { describe, expect, it } from 'vitest';
import { alertEventSchema } from '@/lib/schemas/alert-event';
import { alertEvent } from '../test-helpers';
import { buildDigest } from './digest';
import { emailAlert, emailDigest } from './email';
import { slackAlert, slackDigest } from './slack';
import { WEBHOOK_SCHEMA_VERSION, webhookAlert, webhookDigest } from './webhook';

const URL = 'https://fleet.example.com';

describe('Slack Block Kit', () => {
  it('leads with the headline, counts and cause, the fix, the accounts and two buttons linking back', () => {
    const message = slackAlert(alertEvent('e1'), URL);
    expect(message.text).toBe('12 inboxes on acme.io: sign-in expired (Acme Outreach)');
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: '🔴 12 inboxes on acme.io: sign-in expired' },
    });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('*12 accounts* · cause: `oauth-expired`');
    expect(json).toContain('1. Open the inbox in Instantly.');
    expect(json).toContain('ann@acme.io, bob@acme.io and 10 more');
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({
      elements: [
        { url: 'https://fleet.example.com/accounts?domain=acme.io&cause=oauth-expired', style: 'primary' },
        { url: 'https://fleet.example.com/alerts/alert-e1' },
      ],
    });
  });

  it('escapes mrkdwn and marks a recovery', () => {
    const message = slackAlert(
      alertEvent('e2', { kind: 'recovered', summary: '<!channel> & co', fix: [] }),
      URL,
    );
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('&lt;!channel&gt; &amp; co');
    expect(json).not.toContain('<!channel>');
    expect(message.blocks[0]).toMatchObject({
      text: { text: '✅ Recovered: 12 inboxes on acme.io: sign-in expired' },
    });
    expect(json).not.toContain('*Fix*');
  });

  it('escapes the notification text too: a workspace name cannot ping the channel', () => {
    const message = slackAlert(alertEvent('e3', { workspace: { id: 'w1', name: '<!channel>' } }), URL);
    expect(message.text).toContain('(&lt;!channel&gt;)');
    expect(message.text).not.toContain('<!channel>');
  });

  it('keeps a digest within Slack’s 50 blocks', () => {
    const events = Array.from({ length: 80 }, (_, i) =>
      alertEvent(`d${i}`, { severity: 'warning', workspace: { id: `w${i}`, name: `Client ${i}` } }),
    );
    const message = slackDigest(buildDigest('dg', '2026-12-01', events), URL);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('more groups in the dashboard');
  });
});

describe('webhook JSON', () => {
  it('carries the schema version, the stable event id, the event as validated and absolute links', () => {
    const event = alertEvent('e3');
    const body = webhookAlert(event, URL);
    expect(body).toEqual({
      schemaVersion: WEBHOOK_SCHEMA_VERSION,
      type: 'alert',
      eventId: 'e3',
      event,
      urls: { accounts: `${URL}${event.links.accounts}`, alert: `${URL}/alerts/alert-e3` },
    });
    expect(alertEventSchema.parse(JSON.parse(JSON.stringify(body)).event)).toEqual(event);
  });

  it('sends a digest as one body with every event', () => {
    const body = webhookDigest(buildDigest('dg-1', '2026-12-01', [alertEvent('a'), alertEvent('b')]), URL);
    expect(body).toMatchObject({ type: 'digest', eventId: 'dg-1', day: '2026-12-01' });
    expect(body.events.map((e) => e.eventId)).toEqual(['a', 'b']);
  });
});

describe('e-mail', () => {
  it('has a subject with the severity, a text body and escaped HTML with the links', () => {
    const message = emailAlert(alertEvent('e4', { summary: 'a <b>bold</b> claim' }), URL);
    expect(message.subject).toBe('[critical] 12 inboxes on acme.io: sign-in expired (Acme Outreach)');
    expect(message.text).toContain('Fix:\n1. Open the inbox in Instantly.\n2. Reconnect it with Google.');
    expect(message.text).toContain(`Open the alert: ${URL}/alerts/alert-e4`);
    expect(message.html).toContain('a &lt;b&gt;bold&lt;/b&gt; claim');
    expect(message.html).toContain(`href="${URL}/accounts?domain=acme.io&amp;cause=oauth-expired"`);
  });

  it('puts a digest’s groups under one subject', () => {
    const events = [
      alertEvent('x', { severity: 'warning', rule: 'warmup-health', title: 'Score below 80 on b.io' }),
      alertEvent('y', { severity: 'warning', kind: 'recovered', title: 'Score back on c.io' }),
    ];
    const message = emailDigest(buildDigest('dg', '2026-12-01', events), URL);
    expect(message.subject).toBe('Alerts digest for 2026-12-01: 1 warning, 1 recovered');
    expect(message.text).toContain('Acme Outreach · New errors');
    expect(message.text).toContain('Acme Outreach · Warmup health');
    expect(message.html).toContain('Recovered: Score back on c.io');
  });
});

describe('the digest', () => {
  it('groups by workspace then rule, oldest first inside a group, counting every event', () => {
    const events = [
      alertEvent('3', { workspace: { id: 'w2', name: 'Beta' }, occurredAt: '2026-12-01T10:00:00.000Z' }),
      alertEvent('1', { rule: 'warmup-health', occurredAt: '2026-12-01T12:00:00.000Z' }),
      alertEvent('2', { rule: 'warmup-health', occurredAt: '2026-12-01T09:00:00.000Z' }),
      alertEvent('4', { kind: 'recovered' }),
    ];
    const digest = buildDigest('id', '2026-12-01', events);
    expect(digest.groups.map((g) => [g.workspace.name, g.rule, g.events.map((e) => e.eventId)])).toEqual([
      ['Acme Outreach', 'new-errors', ['4']],
      ['Acme Outreach', 'warmup-health', ['2', '1']],
      ['Beta', 'new-errors', ['3']],
    ]);
    expect([digest.total, digest.opened, digest.recovered]).toEqual([4, 3, 1]);
  });
});
