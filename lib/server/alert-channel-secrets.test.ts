import { describe, expect, it } from 'vitest';
import { openChannelSecrets, sealChannelSecrets, targetOf } from './alert-channel-secrets';
import type { SealingKey } from './secret';

const key: SealingKey = { id: 'k1', key: Buffer.alloc(32, 7) };
const other: SealingKey = { id: 'k2', key: Buffer.alloc(32, 9) };
const secrets = { kind: 'webhook' as const, url: 'https://hooks.example.com/a?token=s3cret', signingSecret: 'x'.repeat(20) };

describe('sealed channel secrets', () => {
  it('opens for its own channel only, and not under another server secret', () => {
    const { sealed_secrets, sealing_key_id } = sealChannelSecrets('ch1', secrets, [key]);
    expect(sealing_key_id).toBe('k1');
    expect(sealed_secrets).not.toContain('s3cret');
    expect(openChannelSecrets({ id: 'ch1', kind: 'webhook', sealed_secrets }, [key])).toEqual(secrets);
    expect(openChannelSecrets({ id: 'ch2', kind: 'webhook', sealed_secrets }, [key])).toBeNull();
    expect(openChannelSecrets({ id: 'ch1', kind: 'slack', sealed_secrets }, [key])).toBeNull();
    expect(openChannelSecrets({ id: 'ch1', kind: 'webhook', sealed_secrets }, [other])).toBeNull();
    const tampered = `${sealed_secrets.slice(0, -2)}${sealed_secrets.endsWith('A') ? 'B' : 'A'}A`;
    expect(openChannelSecrets({ id: 'ch1', kind: 'webhook', sealed_secrets: tampered }, [key])).toBeNull();
  });

  it('shows only the host a channel points at', () => {
    expect(targetOf(secrets)).toBe('hooks.example.com');
    expect(targetOf({ kind: 'email', smtpUrl: 'smtps://u:pw@smtp.example.com:465' })).toBe('smtp.example.com:465');
  });
});
