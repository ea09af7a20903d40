'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { toast } from '@/components/ui/toast';
import { useCan } from '@/components/auth/person-context';
import { useActiveWorkspace, useWorkspaces } from '@/components/shell/use-workspaces';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { FieldError, Input, Label } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { alertMutations, alertQueries } from '@/lib/queries/alerts';
import { type AlertRuleId, alertRuleIds } from '@/lib/schemas/alert-event';
import { type AlertSettings, alertSettingsPatchSchema } from '@/lib/schemas/alert-settings';
import type { AlertSettingsResponse } from '@/lib/schemas/api-alerts';
import { ruleLabels } from '@/lib/alerts/rule-labels';

type NumberField = Exclude<keyof AlertSettings, 'rules'>;

const numberFields: Array<{ key: NumberField; label: string; unit: string; rule: AlertRuleId }> = [
  { key: 'warmupScoreThreshold', label: 'Score threshold', unit: 'points (0–100)', rule: 'warmup-health' },
  { key: 'warmupDropPoints', label: 'Alert on a fall of', unit: 'points', rule: 'warmup-health' },
  { key: 'warmupDropDays', label: 'Over', unit: 'days', rule: 'warmup-health' },
  { key: 'sendingDayHours', label: 'Sending day', unit: 'hours', rule: 'unreachable-limit' },
  { key: 'rampMaxPercent', label: 'Largest raise', unit: '% of the limit before', rule: 'limit-ramp' },
];

type Draft = Record<string, string | boolean>;

function draftOf(settings: AlertSettings): Draft {
  return {
    ...Object.fromEntries(alertRuleIds.map((id) => [id, settings.rules[id]])),
    ...Object.fromEntries(
      [...numberFields.map((f) => f.key), 'reminderHours' as const].map((k) => [k, String(settings[k])]),
    ),
  };
}

/** The Rules page: each rule on or off, its thresholds, and the reminder hours (admins change them). */
export function RulesForm() {
  const options = alertQueries.settings(useActiveWorkspace());
  const query = useQuery(options);
  if (query.isPending) return <Skeleton aria-label="Loading the rules" className="h-96 w-full" />;
  if (query.isError)
    return (
      <ErrorState
        title="Could not load the rules"
        detail={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  // A save (or another workspace) starts the form again from what is stored.
  return (
    <RulesEditor
      key={`${query.data.workspaceId}|${query.data.updatedAt ?? ''}`}
      stored={query.data}
      queryKey={options.queryKey}
    />
  );
}

function RulesEditor({
  stored,
  queryKey,
}: {
  stored: AlertSettingsResponse;
  queryKey: ReturnType<typeof alertQueries.settings>['queryKey'];
}) {
  const { active } = useWorkspaces();
  const canEdit = useCan('admin');
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored.settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    // Saved to the workspace the form shows, whichever is active by the time the button is pressed.
    ...alertMutations.saveSettings(stored.workspaceId),
    onSuccess: (data) => {
      queryClient.setQueryData(queryKey, data);
      toast.success('Alert rules saved');
    },
    onError: (error) => toast.error('Could not save the rules', { description: error.message }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch = {
      rules: Object.fromEntries(alertRuleIds.map((id) => [id, draft[id] === true])),
      ...Object.fromEntries(
        [...numberFields.map((f) => f.key), 'reminderHours'].map((k) => [k, Number(draft[k])]),
      ),
    };
    const parsed = alertSettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  const numberInput = (key: NumberField | 'reminderHours', label: string, unit: string) => (
    <div key={key} className="space-y-1">
      <Label htmlFor={`rule-${key}`}>{label}</Label>
      <div className="flex items-center gap-2">
        <Input
          id={`rule-${key}`}
          type="number"
          inputMode="numeric"
          className="w-24"
          value={String(draft[key])}
          disabled={!canEdit}
          aria-invalid={errors[key] ? true : undefined}
          aria-describedby={errors[key] ? `rule-${key}-error` : `rule-${key}-unit`}
          onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        />
        <span id={`rule-${key}-unit`} className="text-sm text-muted">
          {unit}
        </span>
      </div>
      <FieldError id={`rule-${key}-error`}>{errors[key]}</FieldError>
    </div>
  );

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Alert rules">
      <p className="text-sm text-muted">
        For the workspace{' '}
        <span className="font-medium text-foreground">{active?.label ?? stored.workspaceId}</span>
        {stored.updatedBy ? ` · last changed by ${stored.updatedBy}` : ' · the defaults'}
        {canEdit ? '' : ' · only an admin can change them'}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {alertRuleIds.map((id) => (
          <Card key={id}>
            <CardHeader>
              <div className="flex items-center gap-2">
                <Checkbox
                  id={`rule-on-${id}`}
                  checked={draft[id] === true}
                  disabled={!canEdit}
                  onChange={(e) => setDraft({ ...draft, [id]: e.target.checked })}
                />
                <CardTitle>
                  <label htmlFor={`rule-on-${id}`}>{ruleLabels[id].title}</label>
                </CardTitle>
              </div>
              <span className="text-xs text-muted">{draft[id] === true ? 'On' : 'Off'}</span>
            </CardHeader>
            <CardBody className="space-y-3">
              <p className="text-sm text-muted">{ruleLabels[id].description}</p>
              <div className="flex flex-wrap gap-4">
                {numberFields.filter((f) => f.rule === id).map((f) => numberInput(f.key, f.label, f.unit))}
              </div>
            </CardBody>
          </Card>
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Reminders</CardTitle>
        </CardHeader>
        <CardBody>
          <p className="mb-3 text-sm text-muted">
            An alert still open and neither acknowledged nor snoozed is sent again after this many hours.
          </p>
          {numberInput('reminderHours', 'Remind after', 'hours')}
        </CardBody>
      </Card>
      {canEdit ? (
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save rules'}
        </Button>
      ) : null}
    </form>
  );
}
