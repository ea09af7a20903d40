'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Check, ChevronsUpDown, KeyRound, Loader2 } from 'lucide-react';
import Link from 'next/link';
import { toast } from '@/components/ui/toast';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { applyActiveWorkspace, workspaceMutations } from '@/lib/queries/workspaces';
import { WorkspaceLabel } from './workspace-label';
import { useWorkspaces } from './use-workspaces';

export function WorkspaceSwitcher() {
  const { data, active, isPending } = useWorkspaces();
  const queryClient = useQueryClient();
  const setActive = useMutation({
    ...workspaceMutations.setActive(),
    onSuccess: (next) => applyActiveWorkspace(queryClient, next),
    onError: (error) => toast.error('Could not switch workspace', { description: error.message }),
  });

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="secondary" className="max-w-72 justify-between" aria-label="Switch workspace">
          {isPending || !active ? (
            <span className="text-muted">Loading workspaces…</span>
          ) : (
            <WorkspaceLabel workspace={active} />
          )}
          {setActive.isPending ? (
            <Loader2 aria-hidden className="h-4 w-4 animate-spin" />
          ) : (
            <ChevronsUpDown aria-hidden className="h-4 w-4 text-muted" />
          )}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuLabel>Workspaces</DropdownMenuLabel>
        {data?.workspaces.map((workspace) => (
          <DropdownMenuItem
            key={workspace.id}
            onSelect={() => !workspace.active && setActive.mutate(workspace.id)}
          >
            <span className="flex h-4 w-4 items-center">
              {workspace.active ? <Check aria-hidden className="h-4 w-4" /> : null}
            </span>
            <WorkspaceLabel workspace={workspace} />
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings">
            <KeyRound aria-hidden className="h-4 w-4" />
            Add an Instantly key…
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
