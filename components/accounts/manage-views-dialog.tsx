'use client';

import { Star } from 'lucide-react';
import { useState } from 'react';
import { toast } from '@/components/ui/toast';
import { useCan, useMe } from '@/components/auth/person-context';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import type { SavedView } from '@/lib/schemas/api-saved-views';
import type { SavedViews } from './use-saved-views';

const failed = (what: string) => (error: Error) => toast.error(`Could not ${what}: ${error.message}`);

function RenameField({ view, saved, onDone }: { view: SavedView; saved: SavedViews; onDone: () => void }) {
  const [name, setName] = useState(view.name);
  return (
    <form
      className="flex min-w-0 flex-1 gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() === '' || name.trim() === view.name) return onDone();
        saved.update.mutate(
          { id: view.id, name: name.trim() },
          { onSuccess: onDone, onError: failed('rename it') },
        );
      }}
    >
      <Input
        aria-label={`New name for ${view.name}`}
        autoFocus
        maxLength={60}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onDone();
          }
        }}
        className="h-8"
      />
      <Button size="sm" type="submit" variant="primary" disabled={saved.update.isPending}>
        Save
      </Button>
    </form>
  );
}

function ViewRow({ view, saved }: { view: SavedView; saved: SavedViews }) {
  const { person } = useMe();
  const admin = useCan('admin');
  const [renaming, setRenaming] = useState(false);
  const isDefault = saved.defaultViewId === view.id;
  const upToDate = view.search === saved.onScreen.search && saved.current?.id === view.id;
  return (
    <li className="flex flex-wrap items-center gap-2 py-2" aria-label={view.name}>
      {renaming ? (
        <RenameField view={view} saved={saved} onDone={() => setRenaming(false)} />
      ) : (
        <span className="flex min-w-0 flex-1 items-center gap-2">
          <span className="truncate font-medium" title={view.name}>
            {view.name}
          </span>
          {view.shared ? <Badge tone="neutral">{view.mine ? 'Shared' : `by ${view.ownerName}`}</Badge> : null}
        </span>
      )}
      <span className="flex flex-wrap gap-1">
        <Button
          size="sm"
          variant="ghost"
          aria-pressed={isDefault}
          title={isDefault ? 'Accounts opens on this view; press to open on all accounts again' : undefined}
          onClick={() =>
            saved.setDefault.mutate(isDefault ? null : view.id, {
              onError: failed('change the default view'),
            })
          }
        >
          <Star aria-hidden className={isDefault ? 'h-4 w-4 fill-current' : 'h-4 w-4'} />
          {isDefault ? 'Default' : 'Make default'}
        </Button>
        {view.mine ? (
          <>
            <Button size="sm" variant="ghost" onClick={() => setRenaming(true)} disabled={renaming}>
              Rename
            </Button>
            <Button
              size="sm"
              variant="ghost"
              disabled={upToDate}
              title="Replace its filters, sort and columns with the ones on screen"
              onClick={() =>
                saved.update.mutate(
                  { id: view.id, ...saved.onScreen },
                  {
                    onSuccess: () => toast.success(`“${view.name}” now shows what is on screen`),
                    onError: failed('update it'),
                  },
                )
              }
            >
              Update to current
            </Button>
            {person ? (
              <Button
                size="sm"
                variant="ghost"
                onClick={() =>
                  saved.update.mutate(
                    { id: view.id, shared: !view.shared },
                    { onError: failed('change sharing') },
                  )
                }
              >
                {view.shared ? 'Stop sharing' : 'Share'}
              </Button>
            ) : null}
          </>
        ) : null}
        {view.mine || admin ? (
          <Button
            size="sm"
            variant="ghost"
            className="text-error-fg"
            aria-label={`Delete ${view.name}`}
            onClick={() =>
              saved.remove.mutate(view.id, {
                onSuccess: () => toast.success(`Deleted the view “${view.name}”`),
                onError: failed('delete it'),
              })
            }
          >
            Delete
          </Button>
        ) : null}
      </span>
    </li>
  );
}

/** Every saved view the person sees: default, rename, update, share, delete. */
export function ManageViewsDialog({
  saved,
  open,
  onOpenChange,
}: {
  saved: SavedViews;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Saved views"
        description="Your default view opens when you go to Accounts without filters in the address."
        className="w-[min(44rem,calc(100vw-2rem))]"
      >
        {saved.views.length === 0 ? (
          <p className="text-sm text-muted">No saved views yet.</p>
        ) : (
          <ul className="max-h-[60vh] divide-y divide-border overflow-y-auto" aria-label="Saved views">
            {saved.views.map((view) => (
              <ViewRow key={view.id} view={view} saved={saved} />
            ))}
          </ul>
        )}
        <div className="mt-3 flex justify-end">
          <DialogClose asChild>
            <Button>Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
