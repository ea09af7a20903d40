'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FlaskConical, KeyRound } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { toast } from '@/components/ui/toast';
import { Button } from '@/components/ui/button';
import { applyWorkspaceChange, workspaceMutations } from '@/lib/queries/workspaces';
import { useWorkspaces } from './use-workspaces';
import { plural } from '@/lib/format';

const SESSION_PROBLEMS = {
  expired: 'The keys saved in this browser expired after 30 days without use, so they were not used.',
  revoked: 'The keys saved in this browser were forgotten, so they can no longer be used.',
  unreadable:
    "The keys saved in this browser could not be opened (the server's secret changed or the cookie was damaged), so they were not used.",
} as const;

const keys = (count: number) => plural(count, 'key');

/**
 * Says when the data is simulated, and what became of keys this browser saved before the server
 * vault: moved (once, as a toast), waiting for the owner, not moved for this role, or unreadable.
 */
export function SessionBanner() {
  const { data, active } = useWorkspaces();
  const queryClient = useQueryClient();
  const forget = useMutation({
    ...workspaceMutations.forgetAll(),
    onSuccess: (next) => applyWorkspaceChange(queryClient, next),
  });
  const legacy = data?.legacyKeys ?? null;
  const told = useRef(false);
  useEffect(() => {
    if (legacy?.state !== 'moved' || told.current) return;
    told.current = true;
    toast.success(`${keys(legacy.count)} from this browser moved into the server vault`, {
      description: 'They are stored encrypted on the server now, and the browser cookie was cleared.',
    });
  }, [legacy]);
  if (legacy?.state === 'waiting-for-owner' || legacy?.state === 'not-moved') {
    return (
      <div
        role="status"
        className="flex flex-wrap items-center gap-3 border-b border-border bg-warning-bg px-4 py-2 text-sm text-warning-fg"
      >
        <KeyRound aria-hidden className="h-4 w-4" />
        <span className="flex-1">
          <strong>This browser holds {keys(legacy.count)} saved before the server vault.</strong>{' '}
          {legacy.state === 'waiting-for-owner'
            ? 'Create the owner account in Settings: they then move into the vault.'
            : 'Only an admin or the owner can move them into the vault, so they are not used here.'}
        </span>
        <Button size="sm" onClick={() => forget.mutate()} disabled={forget.isPending}>
          Clear saved keys
        </Button>
        {legacy.state === 'waiting-for-owner' ? (
          <Button size="sm" variant="primary" asChild>
            <Link href="/settings">Settings</Link>
          </Button>
        ) : null}
      </div>
    );
  }
  if (legacy?.state === 'unreadable') {
    return (
      <div
        role="alert"
        className="flex flex-wrap items-center gap-3 border-b border-border bg-error-bg px-4 py-2 text-sm text-error-fg"
      >
        <KeyRound aria-hidden className="h-4 w-4" />
        <span className="flex-1">
          <strong>Re-enter your key.</strong> {SESSION_PROBLEMS[legacy.reason]}
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
