import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { alertSeverities } from '@/lib/schemas/alert-event';
import {
  type AlertChannel,
  type AlertChannelKind,
  type AlertDelivery,
  type CreateAlertChannelInput,
  MAX_ALERT_CHANNELS,
  type UpdateAlertChannelInput,
} from '@/lib/schemas/api-alert-channels';
import type { Config } from '@/lib/schemas/config';
import {
  type AlertChannelRow,
  alertChannelRow,
  countAlertChannels,
  insertAlertChannel,
  listAlertChannelRows,
  updateAlertChannel,
} from '@/lib/store/alert-channels';
import type { AlertDeliveryRow } from '@/lib/store/alert-deliveries';
import type { Db } from '@/lib/store/connect';
import type { DeliveryChannel } from '@/lib/worker/alert-delivery-send';
import {
  type ChannelSecrets,
  openChannelSecrets,
  sealChannelSecrets,
  targetOf,
} from './alert-channel-secrets';
import type { Person } from './auth/person';
import { dashboardSender } from './dashboard-mail';
import { OutboundRefusedError, checkHost, checkOutboundUrl } from './outbound-address';
import { ProblemError } from './problem';

// Alert channels as the dashboard and the worker see them: stored ones (secrets sealed) and the
// environment's (ALERTS_WEBHOOK_URL, ALERTS_SLACK_WEBHOOK_URL, SMTP_URL), which are read-only and take
// every workspace's alerts. A URL is checked against SSRF when a channel is saved, and again by the
// transports at every delivery.

const settingsSchema = z.object({
  target: z.string(),
  to: z.array(z.string()).nullable(),
  from: z.string().nullable(),
});
const idListSchema = z.array(z.string()).nullable();
const severitiesSchema = z.array(z.enum(alertSeverities));

export const isEnvironmentChannel = (id: string) => id.startsWith('env-');

/** The environment's channels; `startsAt` is when this process first saw them (their cursor's start). */
export function environmentChannels(config: Config, startsAt: number): DeliveryChannel[] {
  const base = {
    workspaceIds: null,
    severities: [...alertSeverities],
    digestHour: config.ALERTS_DIGEST_HOUR,
    timeZone: config.ALERTS_DIGEST_TIME_ZONE,
    quietHours: null,
    startsAt,
    to: [] as string[],
    from: '',
  };
  const channels: DeliveryChannel[] = [];
  if (config.ALERTS_WEBHOOK_URL)
    channels.push({
      ...base,
      id: 'env-webhook',
      kind: 'webhook',
      name: 'Webhook from ALERTS_WEBHOOK_URL',
      // Without ALERTS_WEBHOOK_SECRET its deliveries go unsigned: the URL is then the only shared secret.
      secrets: {
        kind: 'webhook',
        url: config.ALERTS_WEBHOOK_URL,
        signingSecret: config.ALERTS_WEBHOOK_SECRET ?? '',
      },
    });
  if (config.ALERTS_SLACK_WEBHOOK_URL)
    channels.push({
      ...base,
      id: 'env-slack',
      kind: 'slack',
      name: 'Slack from ALERTS_SLACK_WEBHOOK_URL',
      secrets: { kind: 'slack', url: config.ALERTS_SLACK_WEBHOOK_URL },
    });
  if (config.SMTP_URL && config.ALERTS_EMAIL_TO)
    channels.push({
      ...base,
      id: 'env-email',
      kind: 'email',
      name: 'E-mail from SMTP_URL',
      secrets: { kind: 'email', smtpUrl: config.SMTP_URL },
      to: config.ALERTS_EMAIL_TO,
      from: config.ALERTS_EMAIL_FROM ?? dashboardSender(config, config.SMTP_URL, 'fleet-alerts'),
    });
  return channels;
}

function deliveryChannelOf(row: AlertChannelRow): DeliveryChannel {
  const settings = settingsSchema.parse(JSON.parse(row.settings_json));
  return {
    id: row.id,
    kind: row.kind as AlertChannelKind,
    name: row.name,
    workspaceIds: idListSchema.parse(JSON.parse(row.workspace_ids_json ?? 'null')),
    severities: severitiesSchema.parse(JSON.parse(row.severities_json)),
    digestHour: row.digest_hour,
    timeZone: row.time_zone,
    quietHours:
      row.quiet_start === null || row.quiet_end === null
        ? null
        : { start: row.quiet_start, end: row.quiet_end },
    startsAt: Date.parse(row.created_at),
    secrets: openChannelSecrets(row),
    to: settings.to ?? [],
    from: settings.from ?? '',
  };
}

/** Every channel the worker delivers to: the stored ones, then the environment's. */
export async function deliveryChannels(
  db: Db,
  config: Config,
  envStartsAt: number,
): Promise<DeliveryChannel[]> {
  const rows = await listAlertChannelRows(db);
  return [...rows.map(deliveryChannelOf), ...environmentChannels(config, envStartsAt)];
}

export function deliveryView(row: AlertDeliveryRow): AlertDelivery {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: row.id,
    channelId: row.channel_id,
    kind: row.kind === 'digest' ? 'digest' : 'event',
    eventId: row.event_id,
    title: row.title,
    severity: row.severity === 'critical' || row.severity === 'warning' ? row.severity : null,
    events: row.events,
    status: row.status as AlertDelivery['status'],
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: new Date(row.created_at).toISOString(),
    nextAttemptAt: row.status === 'queued' || row.status === 'held' ? iso(row.next_attempt_at) : null,
    finishedAt: iso(row.finished_at),
  };
}

export function channelView(
  channel: DeliveryChannel,
  source: AlertChannel['source'],
  createdAt: string | null,
  last: AlertDeliveryRow | undefined,
): AlertChannel {
  return {
    id: channel.id,
    kind: channel.kind,
    source,
    name: channel.name,
    workspaceIds: channel.workspaceIds ? [...channel.workspaceIds] : null,
    severities: [...channel.severities],
    digestHour: channel.digestHour,
    timeZone: channel.timeZone,
    quietHours: channel.quietHours,
    target: channel.secrets ? targetOf(channel.secrets) : 'unreadable: enter the address again',
    to: channel.kind === 'email' ? [...channel.to] : null,
    from: channel.kind === 'email' ? channel.from : null,
    secretsReadable: channel.secrets !== null,
    createdAt,
    lastDelivery: last ? deliveryView(last) : null,
  };
}

/** The channels with their last delivery, stored ones first. */
export async function channelViews(
  db: Db,
  config: Config,
  lastOf: (ids: string[]) => Promise<Map<string, AlertDeliveryRow>>,
): Promise<AlertChannel[]> {
  const rows = await listAlertChannelRows(db);
  const env = environmentChannels(config, 0);
  const last = await lastOf([...rows.map((r) => r.id), ...env.map((c) => c.id)]);
  return [
    ...rows.map((row) => channelView(deliveryChannelOf(row), 'database', row.created_at, last.get(row.id))),
    ...env.map((c) => channelView(c, 'environment', null, last.get(c.id))),
  ];
}

/** One channel (stored or from the environment) the worker can deliver to, or null. */
export async function findDeliveryChannel(
  db: Db,
  config: Config,
  id: string,
): Promise<{ channel: DeliveryChannel; row: AlertChannelRow | null } | null> {
  if (isEnvironmentChannel(id)) {
    const channel = environmentChannels(config, 0).find((c) => c.id === id);
    return channel ? { channel, row: null } : null;
  }
  const row = await alertChannelRow(db, id);
  return row ? { channel: deliveryChannelOf(row), row } : null;
}

export const noSuchChannel = () =>
  new ProblemError({
    type: 'not-found',
    title: 'No such alert channel',
    detail: 'It may have been deleted.',
    status: 404,
  });

const refused = (field: string, error: OutboundRefusedError) =>
  new ProblemError({
    type: 'invalid-input',
    title: `Invalid ${field}`,
    detail: `${field}: ${error.message}`,
    status: 400,
    field,
  });

/** Checks a channel's addresses against SSRF before they are stored; names the field at fault. */
async function checkSecrets(secrets: ChannelSecrets, allowPrivate: boolean): Promise<void> {
  try {
    if (secrets.kind === 'email') await checkHost(new URL(secrets.smtpUrl).hostname, { allowPrivate });
    else await checkOutboundUrl(secrets.url, { allowPrivate });
  } catch (error) {
    if (error instanceof OutboundRefusedError)
      throw refused(secrets.kind === 'email' ? 'smtpUrl' : 'url', error);
    throw error;
  }
}

function secretsOf(input: CreateAlertChannelInput): ChannelSecrets {
  if (input.kind === 'email') return { kind: 'email', smtpUrl: input.smtpUrl };
  if (input.kind === 'webhook')
    return { kind: 'webhook', url: input.url, signingSecret: input.signingSecret };
  return { kind: 'slack', url: input.url };
}

/** A change's secrets: what was entered, the rest kept from the stored ones. */
function mergedSecrets(input: UpdateAlertChannelInput, stored: ChannelSecrets | null): ChannelSecrets {
  const missing = (field: string) =>
    new ProblemError({
      type: 'invalid-input',
      title: `Invalid ${field}`,
      detail: `${field}: the stored value no longer opens (the server secret changed): enter it again`,
      status: 400,
      field,
    });
  if (input.kind === 'email') {
    const smtpUrl = input.smtpUrl ?? (stored?.kind === 'email' ? stored.smtpUrl : undefined);
    if (!smtpUrl) throw missing('smtpUrl');
    return { kind: 'email', smtpUrl };
  }
  const url = input.url ?? (stored && stored.kind !== 'email' ? stored.url : undefined);
  if (!url) throw missing('url');
  if (input.kind === 'slack') return { kind: 'slack', url };
  const signingSecret =
    input.signingSecret ?? (stored?.kind === 'webhook' ? stored.signingSecret : undefined);
  if (!signingSecret) throw missing('signingSecret');
  return { kind: 'webhook', url, signingSecret };
}

function routingColumns(input: CreateAlertChannelInput | UpdateAlertChannelInput, secrets: ChannelSecrets) {
  return {
    name: input.name,
    workspace_ids_json: input.workspaceIds ? JSON.stringify(input.workspaceIds) : null,
    severities_json: JSON.stringify(input.severities),
    digest_hour: input.digestHour,
    time_zone: input.timeZone,
    quiet_start: input.quietHours?.start ?? null,
    quiet_end: input.quietHours?.end ?? null,
    settings_json: JSON.stringify({
      target: targetOf(secrets),
      to: input.kind === 'email' ? input.to : null,
      from: input.kind === 'email' ? input.from : null,
    }),
  };
}

/**
 * Channels serve every workspace (a channel's workspace filter is routing, not access), and their
 * deliveries name alerts of all of them: a member limited to some workspaces neither sees nor changes
 * them. Nobody registered yet (the open demo) passes here; the route's role check decides.
 */
export function requireEveryWorkspace(person: Pick<Person, 'workspaceIds'> | null): void {
  if (person !== null && person.workspaceIds !== null)
    throw new ProblemError({
      type: 'forbidden',
      title: 'Alert channels serve every workspace',
      detail: 'Only members who see every workspace can see or change them; ask an admin who does.',
      status: 403,
    });
}

export async function createChannel(
  db: Db,
  input: CreateAlertChannelInput,
  by: Pick<Person, 'name' | 'email'> | null,
  options: { allowPrivate: boolean; now?: number },
): Promise<string> {
  if ((await countAlertChannels(db)) >= MAX_ALERT_CHANNELS)
    throw new ProblemError({
      type: 'too-many-channels',
      title: 'Too many alert channels',
      detail: `At most ${MAX_ALERT_CHANNELS}: remove one first.`,
      status: 409,
    });
  const secrets = secretsOf(input);
  await checkSecrets(secrets, options.allowPrivate);
  const id = randomUUID();
  const at = new Date(options.now ?? Date.now()).toISOString();
  await insertAlertChannel(db, {
    id,
    kind: input.kind,
    ...routingColumns(input, secrets),
    ...sealChannelSecrets(id, secrets),
    created_by: by ? by.name || by.email : 'Someone before sign-in',
    created_at: at,
    updated_at: at,
  });
  return id;
}

export async function changeChannel(
  db: Db,
  id: string,
  input: UpdateAlertChannelInput,
  options: { allowPrivate: boolean; now?: number },
): Promise<void> {
  if (isEnvironmentChannel(id))
    throw new ProblemError({
      type: 'read-only',
      title: 'This channel comes from the environment',
      detail: 'Change it where the server is configured (ALERTS_*, SMTP_URL) and restart.',
      status: 409,
    });
  const row = await alertChannelRow(db, id);
  if (!row) throw noSuchChannel();
  if (row.kind !== input.kind)
    throw new ProblemError({
      type: 'invalid-input',
      title: 'Invalid kind',
      detail: 'kind: a channel keeps its kind; add a new channel instead',
      status: 400,
      field: 'kind',
    });
  const secrets = mergedSecrets(input, openChannelSecrets(row));
  await checkSecrets(secrets, options.allowPrivate);
  const changed = await updateAlertChannel(db, id, {
    ...routingColumns(input, secrets),
    ...sealChannelSecrets(id, secrets),
    updated_at: new Date(options.now ?? Date.now()).toISOString(),
  });
  if (!changed) throw noSuchChannel();
}
