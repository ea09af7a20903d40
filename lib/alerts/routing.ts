import type { AlertEvent, AlertSeverity } from '@/lib/schemas/alert-event';
import type { QuietHours } from '@/lib/schemas/api-alert-channels';
import { afterQuietHours, localDay, nextLocalHour } from './schedule';

// Which events a channel takes, and when each goes out. Critical: at once (after quiet hours);
// warning: in the next digest. A recovery follows its alert: if the alert went out at once, so does
// the recovery; if it waited for a digest, the recovery joins a digest too. A test goes at once.

export interface ChannelRouting {
  /** null: every workspace. */
  workspaceIds: readonly string[] | null;
  severities: readonly AlertSeverity[];
  digestHour: number;
  timeZone: string;
  quietHours: QuietHours | null;
}

export type Route = { mode: 'now'; at: number } | { mode: 'digest'; at: number; day: string };

/** How this channel delivered the alert an event belongs to, if it did. */
export type EarlierRoute = 'now' | 'digest' | null;

export function channelTakes(channel: ChannelRouting, event: AlertEvent): boolean {
  if (event.kind === 'test') return true;
  if (channel.workspaceIds && !channel.workspaceIds.includes(event.workspace.id)) return false;
  return channel.severities.includes(event.severity);
}

export function routeEvent(
  channel: ChannelRouting,
  event: AlertEvent,
  now: number,
  earlier: EarlierRoute = null,
): Route {
  const immediate =
    event.kind === 'test' ||
    (event.kind === 'recovered' && earlier !== null ? earlier === 'now' : event.severity === 'critical');
  if (immediate) {
    // A test is someone checking the channel right now: quiet hours do not hold it back.
    const at = event.kind === 'test' ? now : afterQuietHours(now, channel.quietHours, channel.timeZone);
    return { mode: 'now', at };
  }
  const at = nextLocalHour(now, channel.digestHour, channel.timeZone);
  // A digest covers the 24 hours before it is sent; it is named after the local day most of them
  // fall on (the middle of the window): a digest sent at 8:00 is the previous day's.
  return { mode: 'digest', at, day: localDay(at - 12 * 3_600_000, channel.timeZone) };
}
