'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { toast } from '@/components/ui/toast';
import type { DashboardAction } from '@/lib/diagnostics/cause-catalog';
import { accountDetailKeys } from '@/lib/queries/account-detail';
import { accountKeys } from '@/lib/queries/accounts';
import { ApiError } from '@/lib/queries/api-fetch';
import { useBulkActionJob } from '@/components/jobs/use-bulk-action-job';
import { bulkActionMutations } from '@/lib/queries/bulk-actions';
import { bulkActionLabel } from '@/lib/bulk/catalog';
import type { AccountKey, BulkActionKind } from '@/lib/schemas/api-bulk-actions';

/** Where "reconnect" sends a person: the mailbox has to be signed in again inside Instantly. */
export const INSTANTLY_ACCOUNTS_URL = 'https://app.instantly.ai/app/accounts';

/** The diagnosis panel's buttons as bulk-action kinds ('reconnect' happens in Instantly, not here). */
export function kindForDashboardAction(action: DashboardAction): BulkActionKind | null {
  return action === 'reconnect' ? null : action;
}

interface RunInput {
  kind: BulkActionKind;
  dailyLimit?: number;
  /** The panel button that started it, so that button shows as busy. */
  from?: DashboardAction;
}

/**
 * Runs one action on one account through the bulk-actions API (the same path as a bulk job, so the job
 * centre and the audit log see it), follows it to its end with useBulkActionJob, then refreshes the
 * account, its chart and the fleet table. While it runs, `job` holds the live detail (progress, the
 * account's own result).
 */
export function useAccountAction(key: AccountKey) {
  const queryClient = useQueryClient();
  // The latest action: what was asked (so its panel button shows as busy) and, once created, its id.
  const [current, setCurrent] = useState<{ input: RunInput; id: string | null } | null>(null);

  const { mutate, isPending } = useMutation({
    ...bulkActionMutations.create(),
    mutationKey: [...accountDetailKeys.account(key), 'action'],
    onError: (error, variables) => {
      const detail = error instanceof ApiError ? error.problem.detail : undefined;
      toast.error(`${bulkActionLabel(variables.kind, variables.dailyLimit)} could not start`, {
        description: detail ?? error.message,
      });
    },
  });

  const job = useBulkActionJob(current?.id ?? null, {
    onFinish: ({ action, items }) => {
      const mine = items.find((i) => i.email.toLowerCase() === key.email.toLowerCase());
      if (action.status === 'done') toast.success(`${action.title}: done`);
      else
        toast.error(`${action.title} failed`, { description: mine?.error ?? action.waitingFor ?? undefined });
      void queryClient.invalidateQueries({ queryKey: accountDetailKeys.account(key) });
      void queryClient.invalidateQueries({ queryKey: accountKeys.rows() });
    },
  });
  // Followed until it ends; an error reading it ends the following too (the job centre has it).
  const following =
    current?.id != null && !job.isError && (job.data === undefined || job.data.action.status === 'running');

  const start = useCallback(
    (input: RunInput) => {
      setCurrent({ input, id: null });
      mutate(
        { kind: input.kind, target: { type: 'keys', keys: [key] }, dailyLimit: input.dailyLimit },
        { onSuccess: (summary) => setCurrent({ input, id: summary.id }) },
      );
    },
    [mutate, key],
  );

  const run = useCallback(
    (kind: BulkActionKind, options: { dailyLimit?: number; from?: DashboardAction } = {}) =>
      start({ kind, ...options }),
    [start],
  );

  /** The diagnosis panel's `onAction`. */
  const runDashboardAction = useCallback(
    (action: DashboardAction, options?: { dailyLimit?: number }) => {
      const kind = kindForDashboardAction(action);
      if (kind === null) {
        window.open(INSTANTLY_ACCOUNTS_URL, '_blank', 'noopener,noreferrer');
        return;
      }
      start({ kind, dailyLimit: options?.dailyLimit, from: action });
    },
    [start],
  );

  const running = isPending || following ? current?.input : undefined;
  return {
    run,
    runDashboardAction,
    /** The kind in flight, if any (one action at a time per account). */
    busyKind: running?.kind ?? null,
    /** The panel button in flight, for DiagnosisPanel's `busyAction`. */
    busyAction: running?.from ?? null,
    isRunning: running !== undefined,
    /** The last action's id and live detail: progress inline, a link to the job centre. */
    actionId: current?.id ?? null,
    job: current?.id ? (job.data ?? null) : null,
  };
}
