import type { ActionsBlock, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { AlertEvent } from '@/lib/schemas/alert-event';
import { type AlertDigest, digestSummary } from './digest';
import { ALERT_RULE_LABELS, accountCount, headline, namedAccounts } from './labels';
import { absoluteLinks } from './links';

// Slack incoming-webhook bodies in Block Kit: the headline, the count and cause, the fix, the first
// accounts, and buttons back to the filtered table and to the alert. `text` is the notification
// preview and what clients without blocks show.

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Slack refuses section text over 3,000 characters and header text over 150. */
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Slack's mrkdwn treats &, < and > as markup. */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const header = (text: string): HeaderBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, 150), emoji: true },
});

const section = (markdown: string): SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(markdown, 3000) },
});

const context = (markdown: string): ContextBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(markdown, 3000) }],
});

export function slackAlert(event: AlertEvent, publicUrl: string): SlackMessage {
  const links = absoluteLinks(event, publicUrl);
  const icon = event.kind === 'recovered' ? '✅' : event.severity === 'critical' ? '🔴' : '🟠';
  const blocks: KnownBlock[] = [
    header(`${icon} ${headline(event)}`),
    section(
      [
        `*${accountCount(event.count)}* · cause: \`${escape(event.cause)}\` · ${escape(ALERT_RULE_LABELS[event.rule])}`,
        event.summary ? escape(event.summary) : null,
      ]
        .filter(Boolean)
        .join('\n'),
    ),
  ];
  if (event.fix.length > 0)
    blocks.push(section(`*Fix*\n${event.fix.map((step, i) => `${i + 1}. ${escape(step)}`).join('\n')}`));
  if (event.accounts.length > 0) blocks.push(section(`*Accounts*\n${escape(namedAccounts(event))}`));
  const actions: ActionsBlock = {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: 'open-accounts',
        text: { type: 'plain_text', text: 'Open the accounts' },
        url: links.accounts,
        ...(event.kind === 'recovered' ? {} : { style: 'primary' as const }),
      },
      {
        type: 'button',
        action_id: 'open-alert',
        text: { type: 'plain_text', text: 'Open the alert' },
        url: links.alert,
      },
    ],
  };
  blocks.push(actions);
  blocks.push(
    context(`${escape(event.workspace.name)} · ${event.severity} · event ${escape(event.eventId)}`),
  );
  // The preview text is mrkdwn too: a workspace named `<!channel>` must not ping anyone.
  return { text: escape(`${headline(event)} (${event.workspace.name})`), blocks };
}

export function slackDigest(digest: AlertDigest, publicUrl: string): SlackMessage {
  const blocks: KnownBlock[] = [header(`🗞 Alerts digest for ${digest.day}: ${digestSummary(digest)}`)];
  for (const group of digest.groups) {
    const lines = group.events.map((event) => {
      const links = absoluteLinks(event, publicUrl);
      return `• <${links.alert}|${escape(headline(event))}> · ${accountCount(event.count)} · <${links.accounts}|accounts>`;
    });
    blocks.push(
      section(
        `*${escape(group.workspace.name)} · ${escape(ALERT_RULE_LABELS[group.rule])}*\n${lines.join('\n')}`,
      ),
    );
  }
  // Slack takes at most 50 blocks a message; a longer digest says how many groups it left out.
  if (blocks.length > 49) {
    const left = blocks.length - 48;
    blocks.splice(48, blocks.length, context(`…and ${left} more groups in the dashboard.`));
  }
  return { text: `Alerts digest for ${digest.day}: ${digestSummary(digest)}`, blocks };
}
