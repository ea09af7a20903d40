'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Copy, Loader2, LogOut, MailCheck, MailX, Trash2 } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { toast } from '@/components/ui/toast';
import { useMe } from '@/components/auth/person-context';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/input';
import { ErrorState } from '@/components/ui/states';
import { PendingInvites } from './pending-invites';
import { useWorkspaceScope } from './workspace-scope';
import { ApiError } from '@/lib/queries/api-fetch';
import { peopleKeys, peopleMutations, peopleQueries } from '@/lib/queries/people';
import { workspaceQueries } from '@/lib/queries/workspaces';
import { ASSIGNABLE_ROLES, type CreateInviteResponse, type Member } from '@/lib/schemas/api-people';
import { plural } from '@/lib/format';

const selectClass = 'h-8 rounded-md border border-border bg-surface px-2 text-sm';
const explain = (e: unknown) =>
  e instanceof ApiError ? `${e.problem.title}. ${e.problem.detail ?? ''}` : String(e);

/** People who may sign in (admin+): roles, workspace limits, invites, removal, signing out. */
export function MembersSection() {
  const members = useQuery(peopleQueries.members());
  if (members.isPending) return <p className="text-sm text-muted">Loading members…</p>;
  if (members.isError)
    return <ErrorState title="Could not load the members" detail={explain(members.error)} />;
  return (
    <div className="grid gap-6">
      <ul className="divide-y divide-border" aria-label="Members">
        {members.data.members.map((member) => (
          <MemberRow key={member.id} member={member} />
        ))}
      </ul>
      <PendingInvites invites={members.data.invites} />
      <InviteForm canEmail={members.data.canEmailInvites} />
    </div>
  );
}

function MemberRow({ member }: { member: Member }) {
  const queryClient = useQueryClient();
  const { person } = useMe();
  const refresh = () => queryClient.invalidateQueries({ queryKey: peopleKeys.members() });
  const onError = (e: unknown) => toast.error(explain(e));
  const update = useMutation({ ...peopleMutations.update(), onSuccess: refresh, onError });
  const remove = useMutation({
    ...peopleMutations.remove(),
    onSuccess: () => {
      toast.success(`Removed ${member.name}`);
      void refresh();
    },
    onError,
  });
  const revoke = useMutation({
    ...peopleMutations.revokeSessions(),
    onSuccess: () => {
      toast.success(`Signed ${member.name} out everywhere`);
      void refresh();
    },
    onError,
  });
  const scope = useWorkspaceScope();
  const isOwner = member.role === 'owner';
  const isMe = person?.id === member.id;
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="member-row">
      <div className="min-w-0">
        <p className="font-medium">
          {member.name} {isMe ? <span className="text-xs text-muted">(you)</span> : null}
        </p>
        <p className="truncate text-sm text-muted">
          {member.email} · {scope(member.workspaceIds)}
          {' · '}
          {plural(member.activeSessions, 'signed-in browser')}
        </p>
      </div>
      <div className="flex items-center gap-2">
        {isOwner ? (
          <span className="rounded bg-primary-soft px-2 py-1 text-xs font-medium">owner</span>
        ) : (
          <>
            <label className="sr-only" htmlFor={`role-${member.id}`}>
              Role of {member.name}
            </label>
            <select
              id={`role-${member.id}`}
              className={selectClass}
              value={member.role}
              disabled={update.isPending}
              onChange={(e) =>
                update.mutate({
                  id: member.id,
                  change: { role: e.target.value as (typeof ASSIGNABLE_ROLES)[number] },
                })
              }
            >
              {ASSIGNABLE_ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </>
        )}
        {!isOwner || isMe ? (
          <Button
            size="sm"
            onClick={() => revoke.mutate(member.id)}
            disabled={revoke.isPending || member.activeSessions === 0}
          >
            <LogOut aria-hidden className="h-4 w-4" />
            Sign out everywhere
          </Button>
        ) : null}
        {!isOwner ? (
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove ${member.name}`}
            onClick={() => {
              if (window.confirm(`Remove ${member.name}? They are signed out at once.`))
                remove.mutate(member.id);
            }}
            disabled={remove.isPending}
          >
            <Trash2 aria-hidden className="h-4 w-4" />
            Remove
          </Button>
        ) : null}
      </div>
    </li>
  );
}

function InviteForm({ canEmail }: { canEmail: boolean }) {
  const queryClient = useQueryClient();
  const workspaces = useQuery(workspaceQueries.list());
  const [link, setLink] = useState<string | null>(null);
  const [emailed, setEmailed] = useState<CreateInviteResponse['emailed']>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const invite = useMutation({
    ...peopleMutations.invite(),
    onSuccess: (answer) => {
      setLink(`${window.location.origin}${answer.path}`);
      setEmailed(answer.emailed);
      // Sent: the field empties, so a second click does not e-mail the same person a second link.
      if (answer.emailed?.sent && emailInput.current) emailInput.current.value = '';
      void queryClient.invalidateQueries({ queryKey: peopleKeys.members() });
    },
    onError: (e) => toast.error(explain(e)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = String(form.get('role')) as (typeof ASSIGNABLE_ROLES)[number];
    const limited = form.get('limit') === 'on';
    const workspaceIds = limited ? form.getAll('workspace').map(String) : null;
    const email = String(form.get('email') ?? '').trim();
    invite.mutate({ role, workspaceIds, ...(email ? { email } : {}) });
  }

  return (
    <form
      onSubmit={submit}
      className="grid gap-3 rounded-lg border border-border p-4"
      aria-labelledby="invite-title"
    >
      <h3 id="invite-title" className="font-semibold">
        Invite someone
      </h3>
      <div className="flex flex-wrap items-center gap-3">
        <Label htmlFor="invite-role">Role</Label>
        <select id="invite-role" name="role" className={selectClass} defaultValue="viewer">
          {ASSIGNABLE_ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
        <span className="text-xs text-muted">
          viewer: reads only · operator: bulk changes, settings, sync · admin: keys and members
        </span>
      </div>
      <fieldset className="grid gap-1.5">
        <label className="flex items-center gap-2 text-sm">
          <Checkbox name="limit" /> Only these workspaces:
        </label>
        <div className="flex flex-wrap gap-3 pl-6">
          {(workspaces.data?.workspaces ?? []).map((w) => (
            <label key={w.id} className="flex items-center gap-1.5 text-sm">
              <Checkbox name="workspace" value={w.id} /> {w.label}
            </label>
          ))}
        </div>
      </fieldset>
      {canEmail ? (
        <div className="grid gap-1.5">
          <Label htmlFor="invite-email">E-mail the link to (optional)</Label>
          <input
            ref={emailInput}
            id="invite-email"
            name="email"
            type="email"
            autoComplete="off"
            placeholder="name@example.com"
            aria-describedby="invite-email-hint"
            className="h-9 max-w-sm rounded-md border border-border bg-surface px-2 text-sm"
          />
          <span id="invite-email-hint" className="text-xs text-muted">
            The address is used for this one message and not kept. You can still copy the link.
          </span>
        </div>
      ) : null}
      <div>
        <Button type="submit" variant="primary" disabled={invite.isPending}>
          {invite.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
          Create invite link
        </Button>
      </div>
      {link ? (
        <div className="grid gap-1.5">
          {emailed ? <EmailedNote emailed={emailed} /> : null}
          <Label htmlFor="invite-link">Send this link (it works once, for 7 days)</Label>
          <div className="flex gap-2">
            <input
              id="invite-link"
              readOnly
              value={link}
              className="h-9 min-w-0 flex-1 rounded-md border border-border bg-surface-raised px-2 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <Button
              size="sm"
              onClick={() => {
                void navigator.clipboard?.writeText(link).then(() => toast.success('Invite link copied'));
              }}
            >
              <Copy aria-hidden className="h-4 w-4" />
              Copy
            </Button>
          </div>
        </div>
      ) : null}
    </form>
  );
}

/** Whether the invite's e-mail left: on failure the link is still there to copy, and the reason. */
function EmailedNote({ emailed }: { emailed: NonNullable<CreateInviteResponse['emailed']> }) {
  if (emailed.sent)
    return (
      <p
        role="status"
        className="flex items-center gap-1.5 text-sm text-healthy-fg"
        data-testid="invite-emailed"
      >
        <MailCheck aria-hidden className="h-4 w-4" />
        E-mailed the link to {emailed.to}.
      </p>
    );
  return (
    <p role="alert" className="flex items-start gap-1.5 text-sm text-error-fg" data-testid="invite-emailed">
      <MailX aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
      <span>
        The e-mail to {emailed.to} could not be sent: {emailed.error}. The invite was created: copy the link
        below and send it yourself.
      </span>
    </p>
  );
}
