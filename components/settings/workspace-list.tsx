'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from '@/components/ui/toast';
import { useWorkspaces } from '@/components/shell/use-workspaces';
import { WorkspaceLabel } from '@/components/shell/workspace-label';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { applyWorkspaceChange, workspaceMutations } from '@/lib/queries/workspaces';
import type { WorkspaceSummary } from '@/lib/schemas/api-workspaces';
import { formatDate } from '@/lib/format';

const kindText: Record<WorkspaceSummary['kind'], string> = {
  demo: 'Built-in simulator of the Instantly API. Always available.',
  server: 'Configured on the server (INSTANTLY_API_KEY).',
  user: 'Stored encrypted (AES-256-GCM) in the server vault.',
};

function addedText(workspace: WorkspaceSummary): string | null {
  if (!workspace.addedBy) return null;
  const at = workspace.addedAt ? Date.parse(workspace.addedAt) : Number.NaN;
  return Number.isNaN(at)
    ? `Added by ${workspace.addedBy}.`
    : `Added by ${workspace.addedBy} on ${formatDate(at)}.`;
}

export function WorkspaceList() {
  const { data, isPending, error, refetch } = useWorkspaces();
  const queryClient = useQueryClient();
  const onSuccess = (next: NonNullable<typeof data>) => applyWorkspaceChange(queryClient, next);
  const setActive = useMutation({ ...workspaceMutations.setActive(), onSuccess });
  const setAutoAdd = useMutation({
    ...workspaceMutations.setAutoAdd(),
    onSuccess,
    onError: (e) => toast.error('Could not change the switch', { description: e.message }),
  });
  const remove = useMutation({
    ...workspaceMutations.remove(),
    onSuccess: (next) => {
      onSuccess(next);
      toast.success('Workspace removed', { description: 'Its key was deleted from the server vault.' });
    },
    onError: (e) => toast.error('Could not remove the workspace', { description: e.message }),
  });

  if (isPending) return <Skeleton className="h-24 w-full" />;
  if (error) return <ErrorState title={error.message} onRetry={() => refetch()} />;

  return (
    <ul className="divide-y divide-border" aria-label="Connected workspaces">
      {data.workspaces.map((workspace) => (
        <li key={workspace.id} className="flex flex-wrap items-center gap-3 py-3">
          <div className="min-w-0 flex-1">
            <div className="font-medium">
              <WorkspaceLabel workspace={workspace} />
            </div>
            <p className="text-xs text-muted">
              {workspace.via
                ? `Client workspace, served by the admin key “${workspace.via}” (${workspace.keyHint ?? 'stored once'}).`
                : kindText[workspace.kind]}{' '}
              {addedText(workspace)}
            </p>
            {workspace.state === 'left' ? (
              <p className="text-xs text-warning-fg">
                <strong>Left the group:</strong> Instantly no longer lists it as an accepted client of this
                admin key, so nothing is read or changed there. Its history stays.
              </p>
            ) : null}
            {workspace.autoAdd !== null ? (
              <div className="mt-1 flex items-center gap-2">
                <Checkbox
                  id={`auto-add-${workspace.id}`}
                  checked={workspace.autoAdd}
                  disabled={setAutoAdd.isPending}
                  onChange={(e) => setAutoAdd.mutate({ id: workspace.id, autoAdd: e.target.checked })}
                />
                <label htmlFor={`auto-add-${workspace.id}`} className="text-xs">
                  Add client workspaces that join this group later (at the next sync)
                </label>
              </div>
            ) : null}
            {workspace.state === 'reenter' ? (
              <p className="text-xs text-error-fg">
                <strong>Re-enter this key:</strong> it can no longer be opened (the server secret changed).
                Add it again below.
              </p>
            ) : null}
          </div>
          {workspace.state === 'reenter' ? (
            <Badge tone="error">Re-enter key</Badge>
          ) : workspace.state === 'left' ? (
            <Badge tone="warning">Left the group</Badge>
          ) : workspace.active ? (
            <Badge tone="healthy">Active</Badge>
          ) : (
            <Button size="sm" onClick={() => setActive.mutate(workspace.id)} disabled={setActive.isPending}>
              Use this workspace
            </Button>
          )}
          {workspace.kind === 'user' ? (
            <Dialog>
              <DialogTrigger asChild>
                <Button size="sm" variant="ghost" aria-label={`Remove ${workspace.label}`}>
                  Remove
                </Button>
              </DialogTrigger>
              <DialogContent
                title={`Remove ${workspace.label}?`}
                description={
                  workspace.via
                    ? 'This client workspace is removed here, for everyone; the admin key stays, and it is not added back by itself. Nothing changes in Instantly.'
                    : workspace.autoAdd !== null
                      ? 'The admin key is deleted from the server vault, with every client workspace it serves, for everyone. Nothing changes in Instantly.'
                      : 'The key is deleted from the server vault, for everyone. Nothing changes in Instantly; you can add it again any time.'
                }
              >
                <div className="flex justify-end gap-2">
                  <DialogClose asChild>
                    <Button>Cancel</Button>
                  </DialogClose>
                  <DialogClose asChild>
                    <Button variant="danger" onClick={() => remove.mutate(workspace.id)}>
                      Remove
                    </Button>
                  </DialogClose>
                </div>
              </DialogContent>
            </Dialog>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
