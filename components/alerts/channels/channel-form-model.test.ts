import { describe, expect, it } from 'vitest';
import {
  createAlertChannelInputSchema,
  updateAlertChannelInputSchema,
} from '@/lib/schemas/api-alert-channels';
import { channelInput, emptyFormState, formFieldOf, randomSigningSecret } from './channel-form-model';

describe('the channel form model', () => {
  it('turns a filled-in e-mail form into a valid create body', () => {
    const state = {
      ...emptyFormState('Europe/Paris'),
      kind: 'email' as const,
      name: 'Ops mail',
      allWorkspaces: false,
      workspaceIds: ['demo'],
      quiet: true,
      smtpUrl: 'smtps://u:p@smtp.example.com:465',
      to: 'a@example.com, b@example.com;c@example.com',
      from: 'fleet@example.com',
    };
    const input = createAlertChannelInputSchema.parse(channelInput(state, false));
    expect(input).toMatchObject({
      kind: 'email',
      workspaceIds: ['demo'],
      quietHours: { start: 22, end: 7 },
      to: ['a@example.com', 'b@example.com', 'c@example.com'],
      digestHour: 8,
    });
  });

  it('leaves empty secrets out of a change, so the stored ones are kept', () => {
    const state = { ...emptyFormState('UTC'), kind: 'webhook' as const, name: 'Hook' };
    // As sent: JSON leaves undefined fields out.
    const input = updateAlertChannelInputSchema.parse(JSON.parse(JSON.stringify(channelInput(state, true))));
    expect(input).not.toHaveProperty('url');
    expect(input).not.toHaveProperty('signingSecret');
  });

  it('points API errors at form fields, and makes 64-hex-digit secrets', () => {
    expect(formFieldOf('quietHours.end')).toBe('quietEnd');
    expect(formFieldOf('to.1')).toBe('to');
    expect(formFieldOf('url')).toBe('url');
    expect(formFieldOf('body')).toBe('form');
    expect(randomSigningSecret()).toMatch(/^[0-9a-f]{64}$/);
  });
});
