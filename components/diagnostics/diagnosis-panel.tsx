'use client';

import { AlertTriangle, CheckCircle2, History, Loader2, ShieldAlert } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { describeAccountStatus, describeWarmupStatus, providerLabel } from '@/lib/diagnostics/account-status';
import { bulkActionLabel } from '@/lib/bulk/catalog';
import { type DashboardAction, causeCatalog } from '@/lib/diagnostics/cause-catalog';
import { type Diagnosis, diagnose } from '@/lib/diagnostics/diagnose';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import { dashboardActionIcon } from './action-icons';
import { DailyLimitField } from './daily-limit-field';
import { dashboardActionLabel, faultLabels, stepLabel } from './diagnosis-model';
import { FixChecklist } from './fix-checklist';
import { RawReply } from './raw-reply';
import { ReplyCode } from './reply-code';
import { SmtpSteps } from './smtp-steps';
import { severityLabels, severityTones } from '@/lib/format';

export interface DiagnosisPanelProps {
  account: AccountRow;
  onAction: (action: DashboardAction, options?: { dailyLimit?: number }) => void;
  busyAction?: DashboardAction | null;
}

/**
 * One account's status_message, explained: where the conversation with the mail server broke, what
 * the reply code means, why, whose problem it is, how to fix it, and the buttons that help.
 */
export function DiagnosisPanel({ account, onAction, busyAction = null }: DiagnosisPanelProps) {
  const diagnosis = useMemo(
    () =>
      diagnose(account.statusMessage, {
        provider_code: account.providerCode,
        status: account.status,
        warmup_status: account.warmupStatus,
        autofix_failed: account.autofixFailed,
      }),
    [
      account.statusMessage,
      account.providerCode,
      account.status,
      account.warmupStatus,
      account.autofixFailed,
    ],
  );
  if (diagnosis === null)
    return <NoErrorReported account={account} onAction={onAction} busyAction={busyAction} />;
  return (
    <DiagnosisView account={account} diagnosis={diagnosis} onAction={onAction} busyAction={busyAction} />
  );
}

function DiagnosisView({
  account,
  diagnosis,
  onAction,
  busyAction,
}: Required<DiagnosisPanelProps> & { diagnosis: Diagnosis }) {
  const id = useId();
  const h = (part: string) => `${id}-${part}`;
  const status = describeAccountStatus(account.status);
  const fault = faultLabels[diagnosis.fault];
  // diagnose() appends the stale / autofix sentences to its explanation; the panel says those in
  // notices of their own, so it shows the cause's own wording here.
  const cause = causeCatalog[diagnosis.cause];
  const explanation = cause.byProvider[diagnosis.provider]?.explanation ?? cause.explanation;
  return (
    <Card aria-labelledby={h('title')}>
      <CardHeader>
        <div className="min-w-0 space-y-1">
          <h2 id={h('title')} className="text-base font-semibold">
            <span className="sr-only">Diagnosis: </span>
            {diagnosis.title}
          </h2>
          <p className="text-sm text-muted">
            {diagnosis.step ? <>Failed at {stepLabel(diagnosis.step)} · </> : null}
            {providerLabel(account.providerCode)} · account status {status.label.toLowerCase()}
          </p>
        </div>
        <Badge tone={severityTones[diagnosis.severity]}>Severity: {severityLabels[diagnosis.severity]}</Badge>
      </CardHeader>
      <CardBody className="space-y-5">
        {diagnosis.stale || diagnosis.autofixFailed ? (
          <div className="space-y-2">
            {diagnosis.stale ? (
              <p className="flex items-start gap-2 rounded-md border border-border bg-neutral-bg px-3 py-2 text-sm text-neutral-fg">
                <History aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
                <span>
                  <strong>May be stale.</strong> The account is Active again; Instantly keeps the last error
                  after a recovery, so this is probably an old message.
                </span>
              </p>
            ) : null}
            {diagnosis.autofixFailed ? (
              <p className="flex items-start gap-2 rounded-md border border-error/40 bg-error-bg px-3 py-2 text-sm text-error-fg">
                <ShieldAlert aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
                <span>
                  <strong>Instantly&apos;s automatic reconnect gave up.</strong> It will not fix itself: a
                  person has to act.
                </span>
              </p>
            ) : null}
          </div>
        ) : null}

        <section aria-labelledby={h('what')} className="space-y-2">
          <h3 id={h('what')} className="text-sm font-semibold">
            What happened
          </h3>
          <p className="text-sm">{explanation}</p>
          <p className="text-sm">
            <span className="font-medium">Whose problem: </span>
            {fault.label}. <span className="text-muted">{fault.detail}</span>
          </p>
        </section>

        <section aria-labelledby={h('steps')} className="space-y-2">
          <h3 id={h('steps')} className="text-sm font-semibold">
            Where it failed
          </h3>
          <SmtpSteps step={diagnosis.step} headingId={h('steps')} />
        </section>

        <section aria-labelledby={h('code')} className="space-y-2">
          <h3 id={h('code')} className="text-sm font-semibold">
            The reply code
          </h3>
          <ReplyCode reply={diagnosis.reply} headingId={h('code')} />
        </section>

        <section aria-labelledby={h('fix')} className="space-y-2">
          <h3 id={h('fix')} className="text-sm font-semibold">
            How to fix it
          </h3>
          <FixChecklist key={diagnosis.fix.join('\n')} steps={diagnosis.fix} headingId={h('fix')} />
        </section>

        {diagnosis.actions.length > 0 ? (
          <section aria-labelledby={h('actions')} className="space-y-2">
            <h3 id={h('actions')} className="text-sm font-semibold">
              Actions
            </h3>
            <ActionButtons
              actions={diagnosis.actions}
              dailyLimit={account.dailyLimit}
              onAction={onAction}
              busyAction={busyAction}
            />
          </section>
        ) : null}

        <section aria-labelledby={h('raw')} className="space-y-2">
          <h3 id={h('raw')} className="text-sm font-semibold">
            Raw reply <span className="font-normal text-muted">(for support tickets)</span>
          </h3>
          <RawReply raw={diagnosis.raw} headingId={h('raw')} />
        </section>
      </CardBody>
    </Card>
  );
}

function ActionButtons({
  actions,
  dailyLimit,
  onAction,
  busyAction,
}: {
  actions: readonly DashboardAction[];
  dailyLimit: number | null;
  onAction: DiagnosisPanelProps['onAction'];
  busyAction: DashboardAction | null;
}) {
  const formId = useId();
  const [askingLimit, setAskingLimit] = useState(false);
  const busy = busyAction !== null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {actions.map((action, index) => {
          const Icon = dashboardActionIcon(action);
          const isBusy = busyAction === action;
          const isLimit = action === 'set-daily-limit';
          return (
            <Button
              key={action}
              size="sm"
              variant={index === 0 ? 'primary' : 'secondary'}
              disabled={busy}
              aria-busy={isBusy || undefined}
              aria-expanded={isLimit ? askingLimit : undefined}
              aria-controls={isLimit && askingLimit ? formId : undefined}
              onClick={() => (isLimit ? setAskingLimit((open) => !open) : onAction(action))}
            >
              {isBusy ? (
                <Loader2 aria-hidden className="h-4 w-4 animate-spin" />
              ) : (
                <Icon aria-hidden className="h-4 w-4" />
              )}
              {dashboardActionLabel(action)}
            </Button>
          );
        })}
      </div>
      {askingLimit ? (
        <div id={formId}>
          <DailyLimitField
            current={dailyLimit}
            currentText={dailyLimit === null ? 'current limit not known' : `now ${dailyLimit}`}
            submitLabel={(value) => bulkActionLabel('set-daily-limit', value)}
            busy={busy}
            onCancel={() => setAskingLimit(false)}
            onSubmit={(value) => {
              setAskingLimit(false);
              onAction('set-daily-limit', { dailyLimit: value });
            }}
          />
        </div>
      ) : null}
    </div>
  );
}

/** No status_message: say so calmly, with what the account's status means and any warmup trouble. */
function NoErrorReported({ account, onAction, busyAction }: Required<DiagnosisPanelProps>) {
  const id = useId();
  const status = describeAccountStatus(account.status);
  const warmup = describeWarmupStatus(account.warmupStatus);
  const warmupTrouble = account.warmupStatus !== null && account.warmupStatus < 0;
  const actions: DashboardAction[] = [];
  if (account.status === 2) actions.push('resume');
  if (account.warmupStatus === -1 || account.warmupStatus === -3) actions.push('disable-warmup');
  const inError = account.status !== null && account.status < 0;
  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardBody className="space-y-3">
        <div className="flex items-start gap-3">
          {inError || warmupTrouble ? (
            <AlertTriangle aria-hidden className="mt-0.5 h-5 w-5 shrink-0 text-warning" />
          ) : (
            <CheckCircle2 aria-hidden className="mt-0.5 h-5 w-5 shrink-0 text-healthy" />
          )}
          <div className="space-y-1">
            <h2 id={`${id}-title`} className="text-base font-semibold">
              No error reported
            </h2>
            <p className="text-sm">
              Instantly has no error message for this account.{' '}
              {inError ? 'Its status is still an error, so look at it in Instantly.' : null}
            </p>
          </div>
        </div>
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <div className="rounded-md border border-border p-3">
            <dt className="text-xs font-medium text-muted">Account status</dt>
            <dd className="mt-1 space-y-1">
              <Badge tone={status.tone}>{status.label}</Badge>
              <span className="block">{status.meaning}</span>
              <span className="block text-muted">{status.action}</span>
            </dd>
          </div>
          <div className="rounded-md border border-border p-3">
            <dt className="text-xs font-medium text-muted">Warmup</dt>
            <dd className="mt-1 space-y-1">
              <Badge tone={warmup.tone}>{warmup.label}</Badge>
              <span className="block">{warmup.meaning}</span>
              <span className="block text-muted">{warmup.action}</span>
            </dd>
          </div>
        </dl>
        {account.autofixFailed ? (
          <p className="text-sm text-error-fg">
            Instantly&apos;s automatic reconnect gave up on this account.
          </p>
        ) : null}
        {actions.length > 0 ? (
          <ActionButtons
            actions={actions}
            dailyLimit={account.dailyLimit}
            onAction={onAction}
            busyAction={busyAction}
          />
        ) : null}
      </CardBody>
    </Card>
  );
}
