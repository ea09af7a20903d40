import type { AlertEvent } from '@/lib/schemas/alert-event';

// Events carry dashboard paths; a message read in Slack or a mail client needs the whole address.

export interface AlertLinks {
  accounts: string;
  alert: string;
}

export const absoluteUrl = (publicUrl: string, path: string): string =>
  `${publicUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;

export const absoluteLinks = (event: AlertEvent, publicUrl: string): AlertLinks => ({
  accounts: absoluteUrl(publicUrl, event.links.accounts),
  alert: absoluteUrl(publicUrl, event.links.alert),
});
