import { escapeHtml } from './escape-html';

// The message that carries an invite link: who invites, to which role, and the link's two limits
// (7 days, works once), in plain text for every client and simple inline-styled HTML.

export interface InviteEmailInput {
  /** Who created the invite (name and address), or null for an unattended install. */
  inviter: { name: string; email: string } | null;
  role: 'viewer' | 'operator' | 'admin';
  /** The absolute link: DASHBOARD_PUBLIC_URL + the invite's path. */
  link: string;
}

const ROLE_MEANS = {
  viewer: 'read the fleet’s health',
  operator: 'read the fleet’s health, run bulk changes and edit settings',
  admin: 'manage the workspaces, keys and members',
} as const;

export function inviteEmail({ inviter, role, link }: InviteEmailInput) {
  const who = inviter ? `${inviter.name} (${inviter.email})` : 'An admin';
  const lead = `${who} invites you to the Instantly fleet health dashboard as ${role}: you will be able to ${ROLE_MEANS[role]}.`;
  const limits = 'The link is valid for 7 days and works once.';
  const text = [
    lead,
    '',
    `Accept the invite: ${link}`,
    '',
    limits,
    "If you didn't expect this, ignore this e-mail.",
  ].join('\n');
  const html =
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111827;max-width:640px">` +
    `<h1 style="font-size:18px">You're invited to Fleet health</h1>` +
    `<p>${escapeHtml(lead)}</p>` +
    `<p><a href="${escapeHtml(link)}" style="color:#2563eb">Accept the invite</a></p>` +
    `<p style="font-family:monospace;font-size:12px;word-break:break-all">${escapeHtml(link)}</p>` +
    `<p>${escapeHtml(limits)} If you didn't expect this, ignore this e-mail.</p>` +
    `<p style="color:#6b7280;font-size:12px">Sent by the Instantly fleet dashboard.</p></body></html>`;
  return { subject: "You're invited to Fleet health", text, html };
}
