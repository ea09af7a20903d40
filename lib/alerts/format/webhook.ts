import type { AlertEvent } from '@/lib/schemas/alert-event';
import type { AlertDigest } from './digest';
import { type AlertLinks, absoluteLinks } from './links';

// The generic webhook's JSON. `schemaVersion` changes only when a field changes meaning or goes away
// (new fields may appear at any time); `eventId` is stable across retries, so receivers dedupe on it.

export const WEBHOOK_SCHEMA_VERSION = 1;

export interface WebhookAlertBody {
  schemaVersion: typeof WEBHOOK_SCHEMA_VERSION;
  type: 'alert';
  eventId: string;
  event: AlertEvent;
  /** The event's links made absolute with the dashboard's public URL. */
  urls: AlertLinks;
}

export interface WebhookDigestBody {
  schemaVersion: typeof WEBHOOK_SCHEMA_VERSION;
  type: 'digest';
  eventId: string;
  day: string;
  events: (AlertEvent & { urls: AlertLinks })[];
}

export const webhookAlert = (event: AlertEvent, publicUrl: string): WebhookAlertBody => ({
  schemaVersion: WEBHOOK_SCHEMA_VERSION,
  type: 'alert',
  eventId: event.eventId,
  event,
  urls: absoluteLinks(event, publicUrl),
});

export const webhookDigest = (digest: AlertDigest, publicUrl: string): WebhookDigestBody => ({
  schemaVersion: WEBHOOK_SCHEMA_VERSION,
  type: 'digest',
  eventId: digest.digestId,
  day: digest.day,
  events: digest.groups.flatMap((g) => g.events.map((e) => ({ ...e, urls: absoluteLinks(e, publicUrl) }))),
});
