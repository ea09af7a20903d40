'use client';

import { Loader2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import type { GroupPreview } from '@/lib/schemas/api-workspaces';
import { plural } from '@/lib/format';

const countText = (client: GroupPreview['clients'][number]) =>
  client.accounts === null
    ? 'accounts not counted'
    : `${client.accounts}${client.moreAccounts ? '+' : ''} account${client.accounts === 1 ? '' : 's'}`;

const statusText: Record<string, string> = {
  pending: 'Invitation pending: cannot be acted on until it is accepted in Instantly.',
  rejected: 'Invitation rejected in Instantly.',
};

/**
 * The second step for an admin key: its group's accepted client workspaces (all chosen at first),
 * the pending and rejected ones shown for what they are, and the "join later" switch.
 */
export function GroupChooser({
  group,
  pending,
  onAdd,
  onCancel,
}: {
  group: GroupPreview;
  pending: boolean;
  onAdd: (clients: string[], autoAdd: boolean) => void;
  onCancel: () => void;
}) {
  const accepted = group.clients.filter((c) => c.status === 'accepted');
  const [chosen, setChosen] = useState(() => new Set(accepted.map((c) => c.subWorkspaceId)));
  const [autoAdd, setAutoAdd] = useState(true);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    onAdd([...chosen], autoAdd);
  }
  return (
    <form onSubmit={submit} className="grid gap-4 sm:max-w-lg" aria-labelledby="group-title">
      <div>
        <h3 id="group-title" className="font-medium">
          {group.admin.name} is an agency’s admin workspace
        </h3>
        <p className="text-sm text-muted">
          Its key ({group.admin.keyHint}) can act on each client workspace of its Instantly workspace group.
          The key is stored once; each client you choose becomes a workspace of its own here.
        </p>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Client workspaces</legend>
        {group.clients.map((client) => {
          const id = `group-client-${client.subWorkspaceId}`;
          const acceptedClient = client.status === 'accepted';
          return (
            <div key={client.subWorkspaceId} className="flex items-start gap-2">
              <Checkbox
                id={id}
                className="mt-1"
                checked={acceptedClient && chosen.has(client.subWorkspaceId)}
                disabled={!acceptedClient || pending}
                aria-describedby={`${id}-note`}
                onChange={(e) => toggle(client.subWorkspaceId, e.target.checked)}
              />
              <label htmlFor={id} className="grid flex-1 gap-0.5 text-sm">
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{client.name}</span>
                  {acceptedClient ? null : <Badge tone="warning">{client.status}</Badge>}
                  {client.stored ? <Badge tone="neutral">already added</Badge> : null}
                </span>
                <span id={`${id}-note`} className="text-xs text-muted">
                  {acceptedClient
                    ? countText(client)
                    : (statusText[client.status] ?? `Status: ${client.status}.`)}
                </span>
              </label>
            </div>
          );
        })}
      </fieldset>
      <div className="flex items-start gap-2">
        <Checkbox
          id="group-auto-add"
          className="mt-1"
          checked={autoAdd}
          disabled={pending}
          onChange={(e) => setAutoAdd(e.target.checked)}
        />
        <label htmlFor="group-auto-add" className="text-sm">
          Add client workspaces that join the group later
          <span className="block text-xs text-muted">
            They appear after the next sync. You can turn this off later.
          </span>
        </label>
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={pending || chosen.size === 0}>
          {pending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
          {`Add ${plural(chosen.size, 'client workspace')}`}
        </Button>
        <Button type="button" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
