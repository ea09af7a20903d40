import { escapeHtml } from '@/lib/mail/escape-html';
import type { AlertEvent } from '@/lib/schemas/alert-event';
import { type AlertDigest, digestSummary } from './digest';
import { ALERT_RULE_LABELS, accountCount, headline, namedAccounts } from './labels';
import { absoluteLinks } from './links';

// E-mail: a subject, a plain-text body for every client, and simple inline-styled HTML (mail clients
// ignore style sheets). Everything from an event is escaped: an account name is not markup.

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

const link = (href: string, label: string) =>
  `<a href="${escapeHtml(href)}" style="color:#2563eb">${escapeHtml(label)}</a>`;

const page = (title: string, body: string) =>
  `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111827;max-width:640px">` +
  `<h1 style="font-size:18px">${escapeHtml(title)}</h1>${body}` +
  `<p style="color:#6b7280;font-size:12px">Sent by the Instantly fleet dashboard.</p></body></html>`;

export function emailAlert(event: AlertEvent, publicUrl: string): EmailMessage {
  const links = absoluteLinks(event, publicUrl);
  const title = headline(event);
  const facts = `${accountCount(event.count)} · cause: ${event.cause} · ${ALERT_RULE_LABELS[event.rule]} · ${event.workspace.name}`;
  const accounts = namedAccounts(event);
  const text = [
    title,
    '',
    facts,
    event.summary,
    ...(event.fix.length > 0 ? ['', 'Fix:', ...event.fix.map((step, i) => `${i + 1}. ${step}`)] : []),
    ...(accounts ? ['', `Accounts: ${accounts}`] : []),
    '',
    `Open the accounts: ${links.accounts}`,
    `Open the alert: ${links.alert}`,
    '',
    `Event ${event.eventId}`,
  ].join('\n');
  const html = page(
    title,
    `<p>${escapeHtml(facts)}</p>` +
      (event.summary ? `<p>${escapeHtml(event.summary)}</p>` : '') +
      (event.fix.length > 0
        ? `<h2 style="font-size:15px">Fix</h2><ol>${event.fix.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>`
        : '') +
      (accounts ? `<p><strong>Accounts:</strong> ${escapeHtml(accounts)}</p>` : '') +
      `<p>${link(links.accounts, 'Open the accounts')} · ${link(links.alert, 'Open the alert')}</p>` +
      `<p style="color:#6b7280;font-size:12px">Event ${escapeHtml(event.eventId)}</p>`,
  );
  const tag = event.kind === 'recovered' ? '[recovered]' : `[${event.severity}]`;
  return { subject: `${tag} ${title} (${event.workspace.name})`, text, html };
}

export function emailDigest(digest: AlertDigest, publicUrl: string): EmailMessage {
  const title = `Alerts digest for ${digest.day}: ${digestSummary(digest)}`;
  const textParts: string[] = [title];
  let html = '';
  for (const group of digest.groups) {
    const heading = `${group.workspace.name} · ${ALERT_RULE_LABELS[group.rule]}`;
    textParts.push('', heading);
    html += `<h2 style="font-size:15px">${escapeHtml(heading)}</h2><ul>`;
    for (const event of group.events) {
      const links = absoluteLinks(event, publicUrl);
      textParts.push(`- ${headline(event)} (${accountCount(event.count)}): ${links.alert}`);
      html += `<li>${link(links.alert, headline(event))} · ${escapeHtml(accountCount(event.count))} · ${link(links.accounts, 'accounts')}</li>`;
    }
    html += '</ul>';
  }
  return { subject: title, text: textParts.join('\n'), html: page(title, html) };
}
