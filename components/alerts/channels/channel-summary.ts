import type { AlertChannel } from '@/lib/schemas/api-alert-channels';

// How a channel's routing reads in one line, shared by the list and the channel's page.

const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

export function routingSummary(channel: AlertChannel, workspaceName: (id: string) => string): string {
  const where =
    channel.workspaceIds === null ? 'every workspace' : channel.workspaceIds.map(workspaceName).join(', ');
  const what =
    channel.severities.length === 2
      ? 'critical at once, warnings in a digest'
      : channel.severities[0] === 'critical'
        ? 'critical only'
        : 'warnings in a digest';
  const quiet = channel.quietHours
    ? ` · quiet ${hour(channel.quietHours.start)}–${hour(channel.quietHours.end)}`
    : '';
  return `${where} · ${what} · digest at ${hour(channel.digestHour)} ${channel.timeZone}${quiet}`;
}
