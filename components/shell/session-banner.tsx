'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FlaskConical, KeyRound } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { applyWorkspaceChange, workspaceMutations } from '@/lib/queries/workspaces';
import { useWorkspaces } from './use-workspaces';

const SESSION_PROBLEMS = {
  expired: 'Your saved keys expired after 30 days without use, so they were not used.',
  revoked: 'These saved keys were forgotten (here or in another tab), so they can no longer be used.',
  unreadable:
    "Your saved keys could not be opened (the server's secret changed or the cookie was damaged), so they were not used.",
} as const;

/** Says when the data is simulated, and when stored keys can no longer be opened. */
export function SessionBanner() {
  const { data, active } = useWorkspaces();
  const queryClient = useQueryClient();
  const forget = useMutation({
    ...workspaceMutations.forgetAll(),
    onSuccess: (next) => applyWorkspaceChange(queryClient, next),
  });
  if (data?.session === 'invalid') {
    return (
      <div
        role="alert"
        className="flex flex-wrap items-center gap-3 border-b border-border bg-error-bg px-4 py-2 text-sm text-error-fg"
      >
        <KeyRound aria-hidden className="h-4 w-4" />
        <span className="flex-1">
          <strong>Re-enter your key.</strong> {SESSION_PROBLEMS[data.sessionProblem ?? 'unreadable']}
        </span>
        <Button size="sm" onClick={() => forget.mutate()} disabled={forget.isPending}>
          Clear saved keys
        </Button>
        <Button size="sm" variant="primary" asChild>
          <Link href="/settings">Add a key</Link>
        </Button>
      </div>
    );
  }
  if (active?.kind === 'demo') {
    return (
      <div className="flex flex-wrap items-center gap-2 border-b border-border bg-warning-bg px-4 py-1.5 text-sm text-warning-fg">
        <FlaskConical aria-hidden className="h-4 w-4" />
        <span>
          <strong>Demo workspace:</strong> simulated accounts, safe to change.{' '}
          <Link href="/settings" className="underline underline-offset-2">
            Add your Instantly key
          </Link>{' '}
          to see your own.
        </span>
      </div>
    );
  }
  return null;
}
