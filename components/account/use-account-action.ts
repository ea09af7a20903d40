'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { toast } from 'sonner';
import type { DashboardAction } from '@/lib/diagnostics/cause-catalog';
import { accountDetailKeys } from '@/lib/queries/account-detail';
import { accountKeys } from '@/lib/queries/accounts';
import { ApiError } from '@/lib/queries/api-fetch';
import { bulkActionMutations, bulkActionQueries, pollInterval } from '@/lib/queries/bulk-actions';
import {
  type AccountKey,
  type BulkActionDetail,
  type BulkActionKind,
  bulkActionLabel,
} from '@/lib/schemas/api-bulk-actions';

/** Where "reconnect" sends a person: the mailbox has to be signed in again inside Instantly. */
export const INSTANTLY_ACCOUNTS_URL = 'https://app.instantly.ai/app/accounts';

/** How long the page follows one action before leaving it to the job centre. */
const FOLLOW_FOR_MS = 10 * 60_000;

/** The diagnosis panel's buttons as bulk-action kinds ('reconnect' happens in Instantly, not here). */
export function kindForDashboardAction(action: DashboardAction): BulkActionKind | null {
  switch (action) {
    case 'mark-fixed':
      return 'mark-fixed';
    case 'pause':
      return 'pause';
    case 'resume':
      return 'resume';
    case 'disable-warmup':
      return 'disable-warmup';
    case 'lower-daily-limit':
      return 'set-daily-limit';
    case 'reconnect':
      return null;
  }
}

interface RunInput {
  kind: BulkActionKind;
  dailyLimit?: number;
  /** The panel button that started it, so that button shows as busy. */
  from?: DashboardAction;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one action on one account through the bulk-actions API (the same path as a bulk job, so the job
 * centre and the audit log see it), follows it to its end, then refreshes the account, its chart and the
 * fleet table. While it runs, `job` holds the live detail (progress, the account's own result).
 */
export function useAccountAction(key: AccountKey) {
  const queryClient = useQueryClient();
  const [actionId, setActionId] = useState<string | null>(null);
  const create = bulkActionMutations.create();

  const mutation = useMutation({
    mutationKey: [...accountDetailKeys.account(key), 'action'],
    mutationFn: async (input: RunInput, context): Promise<BulkActionDetail> => {
      const summary = await create.mutationFn!(
        { kind: input.kind, target: { type: 'keys', keys: [key] }, dailyLimit: input.dailyLimit },
        context,
      );
      setActionId(summary.id);
      const started = Date.now();
      for (;;) {
        // Each look also moves the work on: the server advances jobs while someone with the key asks.
        const detail = await queryClient.fetchQuery({
          ...bulkActionQueries.detail(summary.id),
          staleTime: 0,
        });
        if (detail.action.status !== 'running' || Date.now() - started > FOLLOW_FOR_MS) return detail;
        await sleep(pollInterval([detail.action]) || 1000);
      }
    },
    onSuccess: (detail) => {
      const { action } = detail;
      const mine = detail.items.find((i) => i.email.toLowerCase() === key.email.toLowerCase());
      if (action.status === 'done') toast.success(`${action.title}: done`);
      else if (action.status === 'running')
        toast.info(`${action.title} is still running`, { description: 'Follow it in the job centre.' });
      else
        toast.error(`${action.title} failed`, { description: mine?.error ?? action.waitingFor ?? undefined });
    },
    onError: (error, input) => {
      const detail = error instanceof ApiError ? error.problem.detail : undefined;
      toast.error(`${bulkActionLabel(input.kind, input.dailyLimit)} could not start`, {
        description: detail ?? error.message,
      });
    },
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: accountDetailKeys.account(key) }),
        queryClient.invalidateQueries({ queryKey: accountKeys.rows() }),
      ]);
    },
  });

  // Reads the detail the loop above keeps fetching (no polling of its own).
  const job = useQuery({ ...bulkActionQueries.detail(actionId ?? 'none'), enabled: false });
  const { mutate } = mutation;

  const run = useCallback(
    (kind: BulkActionKind, options: { dailyLimit?: number; from?: DashboardAction } = {}) => {
      mutate({ kind, ...options });
    },
    [mutate],
  );

  /** The diagnosis panel's `onAction`. */
  const runDashboardAction = useCallback(
    (action: DashboardAction, options?: { dailyLimit?: number }) => {
      const kind = kindForDashboardAction(action);
      if (kind === null) {
        window.open(INSTANTLY_ACCOUNTS_URL, '_blank', 'noopener,noreferrer');
        return;
      }
      mutate({ kind, dailyLimit: options?.dailyLimit, from: action });
    },
    [mutate],
  );

  const running = mutation.isPending ? mutation.variables : undefined;
  return {
    run,
    runDashboardAction,
    /** The kind in flight, if any (one action at a time per account). */
    busyKind: running?.kind ?? null,
    /** The panel button in flight, for DiagnosisPanel's `busyAction`. */
    busyAction: running?.from ?? null,
    isRunning: mutation.isPending,
    /** The last action's id and live detail: progress inline, a link to the job centre. */
    actionId,
    job: actionId ? (job.data ?? null) : null,
  };
}
