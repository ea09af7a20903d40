'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { toast } from '@/components/ui/toast';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FieldError, Input, Label } from '@/components/ui/input';
import { alertChannelKeys, alertChannelMutations } from '@/lib/queries/alert-channels';
import { ApiError } from '@/lib/queries/api-fetch';
import { alertSeverities } from '@/lib/schemas/alert-event';
import {
  ALERT_CHANNEL_KIND_LABELS,
  type AlertChannel,
  alertChannelKinds,
} from '@/lib/schemas/api-alert-channels';
import {
  type ChannelFormState,
  channelInput,
  emptyFormState,
  formFieldOf,
  formStateOf,
  randomSigningSecret,
} from './channel-form-model';

// Add or change a channel. Errors from the server (a refused address says why) land under the field
// they name; secrets are never shown again: on edit, an empty secret field keeps the stored one.

const selectClass = 'h-9 rounded-md border border-border bg-surface px-2 text-sm text-foreground';
const hours = Array.from({ length: 24 }, (_, h) => h);
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** One of the day's 24 whole hours, as the form keeps it (a string). */
function HourSelect(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
}) {
  return (
    <select
      id={props.id}
      className={selectClass}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      aria-describedby={props.describedBy}
    >
      {hours.map((h) => (
        <option key={h} value={h}>
          {hourLabel(h)}
        </option>
      ))}
    </select>
  );
}

type Errors = Partial<Record<keyof ChannelFormState | 'form', string>>;

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`}>{error}</FieldError>
    </div>
  );
}

const describedBy = (id: string, error: string | undefined, hint = false) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

export function ChannelForm({
  channel,
  workspaces,
}: {
  channel?: AlertChannel;
  workspaces: readonly { id: string; name: string }[];
}) {
  const editing = channel !== undefined;
  const router = useRouter();
  const queryClient = useQueryClient();
  const browserZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', []);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const [state, setState] = useState<ChannelFormState>(() =>
    channel ? formStateOf(channel) : emptyFormState(browserZone),
  );
  const [errors, setErrors] = useState<Errors>({});
  const set = <K extends keyof ChannelFormState>(key: K, value: ChannelFormState[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  const save = useMutation({
    ...alertChannelMutations.save(channel?.id ?? null),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: alertChannelKeys.all });
      toast.success(editing ? 'Channel saved' : 'Channel added');
      router.push(`/alerts/channels/${id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const field = formFieldOf(error.problem.field);
        const message = error.problem.detail?.replace(/^[\w.]+: /, '') ?? error.problem.title;
        setErrors({
          [field]: field === 'form' ? `${error.problem.title}. ${error.problem.detail ?? ''}` : message,
        });
      } else setErrors({ form: String(error) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(editing ? channelInput(state, true) : channelInput(state, false));
  };

  const secretHint = editing ? 'Leave empty to keep the stored one.' : undefined;
  const kind = state.kind;

  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid max-w-2xl gap-5"
      aria-label={editing ? 'Change the channel' : 'Add a channel'}
    >
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Kind</legend>
        <div className="flex flex-wrap gap-4">
          {alertChannelKinds.map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                disabled={editing}
                onChange={() => set('kind', k)}
              />
              {ALERT_CHANNEL_KIND_LABELS[k]}
            </label>
          ))}
        </div>
      </fieldset>

      <Field id="channel-name" label="Name" error={errors.name}>
        <Input
          id="channel-name"
          value={state.name}
          onChange={(e) => set('name', e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('channel-name', errors.name)}
          placeholder={
            kind === 'email' ? 'Ops mailbox' : kind === 'slack' ? '#deliverability' : 'Incident receiver'
          }
        />
      </Field>

      {kind === 'email' ? (
        <>
          <Field
            id="channel-smtp"
            label="SMTP server URL"
            hint={
              secretHint ??
              'smtps://user:password@smtp.example.com:465 (or smtp:// with STARTTLS on 587). Stored encrypted.'
            }
            error={errors.smtpUrl}
          >
            <Input
              id="channel-smtp"
              type="password"
              autoComplete="off"
              value={state.smtpUrl}
              onChange={(e) => set('smtpUrl', e.target.value)}
              aria-invalid={errors.smtpUrl ? true : undefined}
              aria-describedby={describedBy('channel-smtp', errors.smtpUrl, true)}
            />
          </Field>
          <Field id="channel-from" label="From" error={errors.from}>
            <Input
              id="channel-from"
              type="email"
              value={state.from}
              onChange={(e) => set('from', e.target.value)}
              aria-invalid={errors.from ? true : undefined}
              aria-describedby={describedBy('channel-from', errors.from)}
            />
          </Field>
          <Field
            id="channel-to"
            label="To"
            hint="One or more addresses, separated by commas."
            error={errors.to}
          >
            <Input
              id="channel-to"
              value={state.to}
              onChange={(e) => set('to', e.target.value)}
              aria-invalid={errors.to ? true : undefined}
              aria-describedby={describedBy('channel-to', errors.to, true)}
            />
          </Field>
        </>
      ) : (
        <Field
          id="channel-url"
          label={kind === 'slack' ? 'Slack incoming-webhook URL' : 'Webhook URL'}
          hint={secretHint ?? 'https only; private and internal addresses are refused. Stored encrypted.'}
          error={errors.url}
        >
          <Input
            id="channel-url"
            type="url"
            autoComplete="off"
            value={state.url}
            onChange={(e) => set('url', e.target.value)}
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={describedBy('channel-url', errors.url, true)}
            placeholder={
              kind === 'slack' ? 'https://hooks.slack.com/services/…' : 'https://receiver.example.com/fleet'
            }
          />
        </Field>
      )}

      {kind === 'webhook' ? (
        <Field
          id="channel-secret"
          label="Signing secret"
          hint={
            secretHint ??
            'The receiver checks X-Fleet-Signature with it (see the README). At least 16 characters.'
          }
          error={errors.signingSecret}
        >
          <div className="flex gap-2">
            <Input
              id="channel-secret"
              autoComplete="off"
              value={state.signingSecret}
              onChange={(e) => set('signingSecret', e.target.value)}
              aria-invalid={errors.signingSecret ? true : undefined}
              aria-describedby={describedBy('channel-secret', errors.signingSecret, true)}
              className="font-mono"
            />
            <Button onClick={() => set('signingSecret', randomSigningSecret())}>Generate</Button>
          </div>
        </Field>
      ) : null}

      <fieldset
        className="grid gap-2"
        aria-describedby={errors.workspaceIds ? 'channel-workspaces-error' : undefined}
      >
        <legend className="mb-1 text-sm font-medium">Workspaces</legend>
        <label className="flex items-center gap-2 text-sm">
          <Checkbox checked={state.allWorkspaces} onChange={(e) => set('allWorkspaces', e.target.checked)} />
          Every workspace, also ones added later
        </label>
        {!state.allWorkspaces ? (
          <div className="ml-6 grid gap-1">
            {workspaces.map((w) => (
              <label key={w.id} className="flex items-center gap-2 text-sm">
                <Checkbox
                  checked={state.workspaceIds.includes(w.id)}
                  onChange={(e) =>
                    set(
                      'workspaceIds',
                      e.target.checked
                        ? [...state.workspaceIds, w.id]
                        : state.workspaceIds.filter((id) => id !== w.id),
                    )
                  }
                />
                {w.name}
              </label>
            ))}
          </div>
        ) : null}
        <FieldError id="channel-workspaces-error">{errors.workspaceIds}</FieldError>
      </fieldset>

      <fieldset
        className="grid gap-2"
        aria-describedby={errors.severities ? 'channel-severities-error' : undefined}
      >
        <legend className="mb-1 text-sm font-medium">Severities</legend>
        {alertSeverities.map((s) => (
          <label key={s} className="flex items-center gap-2 text-sm">
            <Checkbox
              checked={state.severities.includes(s)}
              onChange={(e) =>
                set(
                  'severities',
                  e.target.checked ? [...state.severities, s] : state.severities.filter((x) => x !== s),
                )
              }
            />
            {s === 'critical' ? 'Critical: sent at once' : 'Warning: collected in the morning digest'}
          </label>
        ))}
        <FieldError id="channel-severities-error">{errors.severities}</FieldError>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="channel-digest" label="Digest hour" error={errors.digestHour}>
          <HourSelect id="channel-digest" value={state.digestHour} onChange={(v) => set('digestHour', v)} />
        </Field>
        <Field id="channel-zone" label="Time zone" error={errors.timeZone}>
          <Input
            id="channel-zone"
            list="channel-zones"
            value={state.timeZone}
            onChange={(e) => set('timeZone', e.target.value)}
            aria-invalid={errors.timeZone ? true : undefined}
            aria-describedby={describedBy('channel-zone', errors.timeZone)}
          />
          <datalist id="channel-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </Field>
      </div>

      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Quiet hours</legend>
        <label className="flex items-center gap-2 text-sm">
          <Checkbox checked={state.quiet} onChange={(e) => set('quiet', e.target.checked)} />
          Hold critical alerts during quiet hours (they go out when the quiet hours end)
        </label>
        {state.quiet ? (
          <div className="ml-6 flex flex-wrap items-center gap-2 text-sm">
            <label htmlFor="channel-quiet-start">From</label>
            <HourSelect
              id="channel-quiet-start"
              value={state.quietStart}
              onChange={(v) => set('quietStart', v)}
            />
            <label htmlFor="channel-quiet-end">until</label>
            <HourSelect
              id="channel-quiet-end"
              value={state.quietEnd}
              onChange={(v) => set('quietEnd', v)}
              describedBy={errors.quietEnd ? 'channel-quiet-error' : undefined}
            />
          </div>
        ) : null}
        <FieldError id="channel-quiet-error">{errors.quietEnd ?? errors.quietStart}</FieldError>
      </fieldset>

      {errors.form ? (
        <p role="alert" className="rounded-md bg-error-bg px-3 py-2 text-sm text-error-fg">
          {errors.form}
        </p>
      ) : null}

      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
          {editing ? 'Save the channel' : 'Add the channel'}
        </Button>
        <Button asChild variant="ghost">
          <Link href={editing ? `/alerts/channels/${channel.id}` : '/alerts/channels'}>Cancel</Link>
        </Button>
      </div>
    </form>
  );
}
