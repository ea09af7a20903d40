import 'server-only';
import { z } from 'zod';
import type { AlertChannelKind } from '@/lib/schemas/api-alert-channels';
import { seal, unseal } from './keyring';
import type { SealingKey } from './secret';
import { getSealingKeys } from './session';

// A channel's secrets (webhook and Slack URLs, the signing secret, the SMTP URL with its password),
// sealed like the Instantly keys in the vault: AES-256-GCM under the server secret, the purpose
// binding the ciphertext to the channel's id, so a sealed value copied into another row does not open.

export const channelSecretsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('slack'), url: z.string().min(1) }),
  z.object({ kind: z.literal('webhook'), url: z.string().min(1), signingSecret: z.string().min(1) }),
  z.object({ kind: z.literal('email'), smtpUrl: z.string().min(1) }),
]);
export type ChannelSecrets = z.infer<typeof channelSecretsSchema>;

const purposeOf = (channelId: string) => `alert-channel:${channelId}`;

export function sealChannelSecrets(
  channelId: string,
  secrets: ChannelSecrets,
  keys: readonly SealingKey[] = getSealingKeys(),
): { sealed_secrets: string; sealing_key_id: string } {
  const current = keys[0];
  if (!current) throw new Error('no sealing key');
  return { sealed_secrets: seal(secrets, current, purposeOf(channelId)), sealing_key_id: current.id };
}

/** The secrets, or null when they no longer open (tampered, moved to another row, secret lost). */
export function openChannelSecrets(
  row: { id: string; kind: string; sealed_secrets: string },
  keys: readonly SealingKey[] = getSealingKeys(),
): ChannelSecrets | null {
  const opened = unseal(row.sealed_secrets, keys, purposeOf(row.id));
  if (!opened.ok) return null;
  const parsed = channelSecretsSchema.safeParse(opened.value);
  return parsed.success && parsed.data.kind === (row.kind as AlertChannelKind) ? parsed.data : null;
}

/** What may be shown of where a channel points: the host, never the path (Slack's is the secret). */
export function targetOf(secrets: ChannelSecrets): string {
  try {
    const url = new URL(secrets.kind === 'email' ? secrets.smtpUrl : secrets.url);
    return url.port ? `${url.hostname}:${url.port}` : url.hostname;
  } catch {
    return 'unreadable address';
  }
}
