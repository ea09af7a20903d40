'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Undo2 } from 'lucide-react';
import { toast } from '@/components/ui/toast';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/queries/api-fetch';
import { peopleKeys, peopleMutations } from '@/lib/queries/people';
import type { MembersResponse } from '@/lib/schemas/api-people';
import { useWorkspaceScope } from './workspace-scope';
import { dayMonthTime } from '@/lib/format';

type Invite = MembersResponse['invites'][number];

/** Open invite links (admin+): what each offers, until when, and a way to withdraw it at once. */
export function PendingInvites({ invites }: { invites: readonly Invite[] }) {
  const scope = useWorkspaceScope();
  if (invites.length === 0) return null;
  return (
    <section aria-labelledby="invites-title" className="grid gap-2">
      <h3 id="invites-title" className="font-semibold">
        Open invites
      </h3>
      <p className="text-sm text-muted">
        Each link works once, until the time shown. Withdraw one to stop it at once.
      </p>
      <ul className="divide-y divide-border rounded-lg border border-border" aria-label="Open invites">
        {invites.map((invite) => (
          <InviteRow key={invite.id} invite={invite} scope={scope(invite.workspaceIds)} />
        ))}
      </ul>
    </section>
  );
}

function InviteRow({ invite, scope }: { invite: Invite; scope: string }) {
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    ...peopleMutations.withdrawInvite(),
    onSuccess: () => {
      toast.success('Invite withdrawn: its link no longer works');
      void queryClient.invalidateQueries({ queryKey: peopleKeys.members() });
    },
    onError: (e) =>
      toast.error(e instanceof ApiError ? `${e.problem.title}. ${e.problem.detail ?? ''}` : String(e)),
  });
  const expires = dayMonthTime(invite.expiresAt);
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-3 py-2" data-testid="invite-row">
      <p className="text-sm">
        <span className="font-medium">{invite.role}</span>
        <span className="text-muted">
          {' '}
          · {scope} · valid until {expires}
        </span>
      </p>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Withdraw the ${invite.role} invite valid until ${expires}`}
        onClick={() => withdraw.mutate(invite.id)}
        disabled={withdraw.isPending}
      >
        <Undo2 aria-hidden className="h-4 w-4" />
        Withdraw
      </Button>
    </li>
  );
}
