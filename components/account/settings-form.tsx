'use client';

import { AlertTriangle, Loader2 } from 'lucide-react';
import { type ReactNode, useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { cn } from '@/components/ui/cn';
import { FieldError, Input } from '@/components/ui/input';
import type { Problem } from '@/lib/schemas/api-problem';
import type { AccountSettings } from '@/lib/schemas/api-account-detail';
import {
  type AccountSettingsChanges,
  INCREMENT_LABELS,
  SETTINGS_FIELDS,
  SETTINGS_LABELS,
  type SettingsField,
  WARMUP_INCREMENTS,
} from '@/lib/schemas/account-settings-rules';
import { NOT_SET_WORDS, emptySettingWords } from '@/lib/schemas/setting-knowledge';
import { type SettingsDraft, changesOf, draftOf, settingsResolver } from './settings-form-model';

/** One sentence per setting: what it does to the mailbox. */
const HELP: Record<SettingsField, string> = {
  dailyLimit: 'Campaign emails this account may send per day, across all campaigns.',
  sendingGap: 'Minutes to wait between two campaign emails from this account (0–1440).',
  warmupLimit: 'Warmup emails per day once the ramp-up is done (1–100).',
  warmupIncrement: 'How fast warmup volume grows each day until it reaches the warmup limit.',
  warmupReplyRate: 'Share of warmup emails that get a reply, in percent.',
  slowRamp: 'Raise sending volume gradually instead of jumping to the daily limit.',
  trackingDomain: 'Custom host for open and click tracking links, e.g. inst.example.com. Empty removes it.',
  inboxPlacementTestLimit: 'Inbox placement tests this account may take part in per day.',
};

const UNITS: Partial<Record<SettingsField, string>> = {
  dailyLimit: 'emails / day',
  sendingGap: 'minutes',
  warmupLimit: 'emails / day',
  warmupReplyRate: '%',
  inboxPlacementTestLimit: 'tests / day',
};

/** The settings whose empty value means Instantly's default (an empty tracking domain is just none). */
const EMPTY_MEANS_DEFAULT: ReadonlySet<SettingsField> = new Set([
  'dailyLimit',
  'sendingGap',
  'warmupLimit',
  'warmupIncrement',
  'warmupReplyRate',
  'inboxPlacementTestLimit',
]);

export interface SettingsFormProps {
  settings: AccountSettings;
  /** Upstream caps (AirMail accounts), shown as hints. */
  dailyLimitMax: number | null;
  warmupLimitMax: number | null;
  onSave: (changes: AccountSettingsChanges) => void;
  saving: boolean;
  /** Why the last save failed: shown next to the Save button, while the typed values stay. */
  failure: Problem | null;
  /** Whether these settings come from a read of the account itself (else an empty warmup value is unknown). */
  settingsRead: boolean;
}

/**
 * The settings form, on react-hook-form. It holds what the person typed over the stored settings: new
 * stored values (a refetch, an optimistic save, its rollback) reach only the fields nobody touched
 * (`values` with keepDirtyValues), so after a failed save the typed values are still there to send
 * again. Validation is settingsResolver (the server's schema, changed fields only); a valid submit hands
 * onSave only the changes. Remount it (key) after a successful save to start from the saved settings.
 */
export function SettingsForm({
  settings,
  dailyLimitMax,
  warmupLimitMax,
  onSave,
  saving,
  failure,
  settingsRead,
}: SettingsFormProps) {
  const id = useId();
  const stored = draftOf(settings);
  const { control, register, handleSubmit, formState, clearErrors, reset } = useForm<
    SettingsDraft,
    AccountSettings,
    AccountSettingsChanges
  >({
    defaultValues: stored,
    values: stored,
    resetOptions: { keepDirtyValues: true, keepErrors: true },
    context: settings,
    resolver: settingsResolver,
    // A refused value is checked again on the next submit, not while the person is fixing it.
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: true,
  });
  const errors = formState.errors;
  // The failure the person has edited since: its field message is then out of date.
  const [editedAfter, setEditedAfter] = useState<Problem | null>(null);
  // What the fields hold now (all of them are registered, so every key is there).
  const draft: SettingsDraft = { ...stored, ...useWatch({ control }) };
  const pending = changesOf(settings, draft);
  const changedCount = Object.keys(pending.changes).length + Object.keys(pending.errors).length;
  const serverField =
    failure?.field && (SETTINGS_FIELDS as readonly string[]).includes(failure.field)
      ? (failure.field as SettingsField)
      : null;
  const fieldError = (field: SettingsField) =>
    errors[field]?.message ??
    (serverField === field && editedAfter !== failure ? (failure?.detail ?? failure?.title) : undefined);

  /** A field's registration: an edit clears its refusal until the next submit. */
  const registered = (name: keyof SettingsDraft) =>
    register(name, {
      onChange: () => {
        setEditedAfter(failure);
        if (errors[name]) clearErrors(name);
      },
    });

  const submit = handleSubmit((changes) => {
    // Nothing is sent while a value is refused (the resolver stops that and focuses the first one).
    if (Object.keys(changes).length > 0) onSave(changes);
  });

  const field = (
    name: SettingsField,
    control: (props: { id: string; describedBy: string; invalid: boolean }) => ReactNode,
  ) => {
    const error = fieldError(name);
    const controlId = `${id}-${name}`;
    const helpId = `${controlId}-help`;
    const errorId = `${controlId}-error`;
    return (
      <div className="space-y-1">
        {name === 'slowRamp' ? null : (
          <label htmlFor={controlId} className="block text-sm font-medium">
            {SETTINGS_LABELS[name]}
            {UNITS[name] ? <span className="ml-1 font-normal text-muted">({UNITS[name]})</span> : null}
          </label>
        )}
        {control({
          id: controlId,
          describedBy: error ? `${errorId} ${helpId}` : helpId,
          invalid: Boolean(error),
        })}
        <FieldError id={errorId}>{error ?? null}</FieldError>
        <p id={helpId} className="text-xs text-muted">
          {HELP[name]}
          {EMPTY_MEANS_DEFAULT.has(name) && stored[name] === '' ? (
            <span className="block">Now {emptySettingWords(name, settingsRead)}.</span>
          ) : null}
          {name === 'dailyLimit' && dailyLimitMax !== null
            ? ` At most ${dailyLimitMax} for this account.`
            : null}
          {name === 'warmupLimit' && warmupLimitMax !== null
            ? ` At most ${warmupLimitMax} for this account.`
            : null}
        </p>
      </div>
    );
  };

  const numberInput = (
    name: Exclude<SettingsField, 'slowRamp' | 'warmupIncrement' | 'trackingDomain'>,
    step = '1',
  ) =>
    field(name, ({ id: controlId, describedBy, invalid }) => (
      <Input
        id={controlId}
        type="number"
        inputMode={step === '1' ? 'numeric' : 'decimal'}
        step={step}
        placeholder={emptySettingWords(name, settingsRead) === NOT_SET_WORDS ? 'not set' : 'not read'}
        {...registered(name)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        className={cn('max-w-40 tabular-nums', draft[name] !== stored[name] && 'border-primary')}
      />
    ));

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>Settings</CardTitle>
        <span className="text-xs text-muted">
          {changedCount === 0 ? 'No changes' : `${changedCount} changed`}
        </span>
      </CardHeader>
      <CardBody>
        <form
          noValidate
          onSubmit={(event) => void submit(event)}
          className="space-y-4"
          aria-label="Account settings"
        >
          <fieldset className="space-y-4">
            <legend className="text-xs font-semibold tracking-wide text-muted uppercase">
              Campaign sending
            </legend>
            {numberInput('dailyLimit')}
            {numberInput('sendingGap')}
            {field('slowRamp', ({ id: controlId, describedBy }) => (
              <label htmlFor={controlId} className="flex items-center gap-2 text-sm font-medium">
                <Checkbox id={controlId} {...registered('slowRamp')} aria-describedby={describedBy} />
                {SETTINGS_LABELS.slowRamp}
              </label>
            ))}
          </fieldset>
          <fieldset className="space-y-4">
            <legend className="text-xs font-semibold tracking-wide text-muted uppercase">Warmup</legend>
            {numberInput('warmupLimit')}
            {field('warmupIncrement', ({ id: controlId, describedBy, invalid }) => (
              <select
                id={controlId}
                {...registered('warmupIncrement')}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                className="h-9 w-full rounded-md border border-border bg-surface px-2 text-sm text-foreground aria-[invalid=true]:border-error"
              >
                {draft.warmupIncrement === '' ? <option value="">Not set</option> : null}
                {WARMUP_INCREMENTS.map((value) => (
                  <option key={value} value={value}>
                    {INCREMENT_LABELS[value]}
                  </option>
                ))}
              </select>
            ))}
            {numberInput('warmupReplyRate', 'any')}
          </fieldset>
          <fieldset className="space-y-4">
            <legend className="text-xs font-semibold tracking-wide text-muted uppercase">
              Tracking and tests
            </legend>
            {field('trackingDomain', ({ id: controlId, describedBy, invalid }) => (
              <Input
                id={controlId}
                type="text"
                autoComplete="off"
                spellCheck={false}
                placeholder="inst.example.com"
                {...registered('trackingDomain')}
                aria-invalid={invalid}
                aria-describedby={describedBy}
              />
            ))}
            {numberInput('inboxPlacementTestLimit')}
          </fieldset>
          <div className="flex flex-wrap items-center gap-2 border-t border-border pt-3">
            <Button type="submit" variant="primary" disabled={saving || changedCount === 0}>
              {saving ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
              {saving ? 'Saving…' : 'Save changes'}
            </Button>
            <Button
              variant="ghost"
              disabled={saving || changedCount === 0}
              onClick={() => reset(stored, { keepErrors: false, keepDirtyValues: false })}
            >
              Discard
            </Button>
            <span className="text-xs text-muted">Only the values you change are sent to Instantly.</span>
          </div>
          {failure && !saving ? <SaveFailure failure={failure} /> : null}
        </form>
      </CardBody>
    </Card>
  );
}

/** The failed save's own problem, right under the Save button it answers. */
function SaveFailure({ failure }: { failure: Problem }) {
  const unconfirmed = failure.writeOutcome === 'unconfirmed';
  return (
    <div
      role="alert"
      className={cn(
        'flex gap-2 rounded-md border px-3 py-2 text-sm',
        unconfirmed
          ? 'border-warning/40 bg-warning-bg text-warning-fg'
          : 'border-error/40 bg-error-bg text-error-fg',
      )}
    >
      <AlertTriangle aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
      <div className="space-y-1">
        <p className="font-medium">
          {unconfirmed ? 'Not confirmed' : 'Not saved'}: {failure.title}
        </p>
        {failure.detail ? <p>{failure.detail}</p> : null}
        <p className="text-foreground">
          {unconfirmed
            ? 'Your values are still in the form. Check what Instantly shows before saving them again.'
            : 'Your values are still in the form: Save sends them again.'}
        </p>
      </div>
    </div>
  );
}
