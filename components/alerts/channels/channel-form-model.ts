import type { AlertSeverity } from '@/lib/schemas/alert-event';
import type {
  AlertChannel,
  AlertChannelKind,
  CreateAlertChannelInput,
  UpdateAlertChannelInput,
} from '@/lib/schemas/api-alert-channels';

// The channel form's state (strings, as inputs hold them) and the API input it becomes. On edit a
// secret field left empty means "keep the stored one", so the input leaves it out.

export interface ChannelFormState {
  kind: AlertChannelKind;
  name: string;
  allWorkspaces: boolean;
  workspaceIds: string[];
  severities: AlertSeverity[];
  digestHour: string;
  timeZone: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  url: string;
  signingSecret: string;
  smtpUrl: string;
  to: string;
  from: string;
}

export function emptyFormState(timeZone: string): ChannelFormState {
  return {
    kind: 'slack',
    name: '',
    allWorkspaces: true,
    workspaceIds: [],
    severities: ['critical', 'warning'],
    digestHour: '8',
    timeZone,
    quiet: false,
    quietStart: '22',
    quietEnd: '7',
    url: '',
    signingSecret: '',
    smtpUrl: '',
    to: '',
    from: '',
  };
}

export function formStateOf(channel: AlertChannel): ChannelFormState {
  return {
    ...emptyFormState(channel.timeZone),
    kind: channel.kind,
    name: channel.name,
    allWorkspaces: channel.workspaceIds === null,
    workspaceIds: channel.workspaceIds ?? [],
    severities: channel.severities,
    digestHour: String(channel.digestHour),
    quiet: channel.quietHours !== null,
    quietStart: String(channel.quietHours?.start ?? 22),
    quietEnd: String(channel.quietHours?.end ?? 7),
    to: (channel.to ?? []).join(', '),
    from: channel.from ?? '',
  };
}

const recipients = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The body for POST (every secret required) or PATCH (secrets left empty are kept). */
export function channelInput(state: ChannelFormState, editing: false): CreateAlertChannelInput;
export function channelInput(state: ChannelFormState, editing: true): UpdateAlertChannelInput;
export function channelInput(
  state: ChannelFormState,
  editing: boolean,
): CreateAlertChannelInput | UpdateAlertChannelInput {
  const routing = {
    name: state.name,
    workspaceIds: state.allWorkspaces ? null : state.workspaceIds,
    severities: state.severities,
    digestHour: Number(state.digestHour),
    timeZone: state.timeZone.trim(),
    quietHours: state.quiet ? { start: Number(state.quietStart), end: Number(state.quietEnd) } : null,
  };
  const secret = (value: string) => (editing ? optional(value) : value.trim());
  if (state.kind === 'email')
    return {
      kind: 'email',
      ...routing,
      to: recipients(state.to),
      from: state.from.trim(),
      smtpUrl: secret(state.smtpUrl),
    } as CreateAlertChannelInput | UpdateAlertChannelInput;
  if (state.kind === 'webhook')
    return {
      kind: 'webhook',
      ...routing,
      url: secret(state.url),
      signingSecret: secret(state.signingSecret),
    } as CreateAlertChannelInput | UpdateAlertChannelInput;
  return { kind: 'slack', ...routing, url: secret(state.url) } as
    CreateAlertChannelInput | UpdateAlertChannelInput;
}

/** The form field an API error's `field` points at ("quietHours.end" → "quietEnd", "to.0" → "to"). */
export function formFieldOf(field: string | undefined): keyof ChannelFormState | 'form' {
  if (!field) return 'form';
  const [head, sub] = field.split('.');
  if (head === 'quietHours') return sub === 'start' ? 'quietStart' : 'quietEnd';
  const known: (keyof ChannelFormState)[] = [
    'name',
    'workspaceIds',
    'severities',
    'digestHour',
    'timeZone',
    'url',
    'signingSecret',
    'smtpUrl',
    'to',
    'from',
  ];
  return known.find((k) => k === head) ?? 'form';
}

/** A signing secret made in the browser: 32 random bytes, hex. */
export function randomSigningSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
