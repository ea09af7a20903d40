'use client';

import { Bookmark, Check, Star } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import type { SavedView } from '@/lib/schemas/api-saved-views';
import type { SavedViews } from './use-saved-views';

// The two dialogs (and Radix's dialog with them) load when a person first opens one, not with the
// table; once loaded they stay mounted, as before, so what they hold between openings is kept.
const SaveViewDialog = dynamic(() => import('./save-view-dialog').then((m) => m.SaveViewDialog), {
  ssr: false,
});
const ManageViewsDialog = dynamic(() => import('./manage-views-dialog').then((m) => m.ManageViewsDialog), {
  ssr: false,
});

function ViewItem({ view, saved }: { view: SavedView; saved: SavedViews }) {
  const onScreen = saved.current?.id === view.id;
  return (
    <DropdownMenuItem onSelect={() => saved.open(view)} className="justify-between gap-3">
      <span className="flex min-w-0 items-center gap-2">
        <Check aria-hidden className={onScreen ? 'h-4 w-4 shrink-0' : 'h-4 w-4 shrink-0 opacity-0'} />
        <span className="truncate" title={view.name}>
          {view.name}
        </span>
      </span>
      <span className="flex shrink-0 items-center gap-1 text-xs text-muted">
        {view.mine ? null : <span>by {view.ownerName}</span>}
        {saved.defaultViewId === view.id ? (
          <Star aria-label="your default view" className="h-3.5 w-3.5 fill-current" />
        ) : null}
      </span>
    </DropdownMenuItem>
  );
}

/** The toolbar's "Views" menu: open a saved view, save the one on screen, manage them. */
export function SavedViewsMenu({ saved }: { saved: SavedViews }) {
  const [dialog, setDialogState] = useState<'save' | 'manage' | null>(null);
  const [opened, setOpened] = useState({ save: false, manage: false });
  const setDialog = (next: 'save' | 'manage' | null) => {
    setDialogState(next);
    if (next && !opened[next]) setOpened((o) => ({ ...o, [next]: true }));
  };
  const mine = saved.views.filter((v) => v.mine);
  const shared = saved.views.filter((v) => !v.mine);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button size="sm" aria-label={saved.current ? `Views (showing ${saved.current.name})` : 'Views'}>
            <Bookmark aria-hidden className={saved.current ? 'h-4 w-4 fill-current' : 'h-4 w-4'} />
            <span className="max-w-40 truncate" title={saved.current?.name}>
              {saved.current ? saved.current.name : 'Views'}
            </span>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-72">
          {saved.list.isPending ? <DropdownMenuLabel>Loading saved views…</DropdownMenuLabel> : null}
          {saved.list.isError ? (
            <DropdownMenuLabel>Could not load saved views: {saved.list.error.message}</DropdownMenuLabel>
          ) : null}
          {saved.list.isSuccess && saved.views.length === 0 ? (
            <p className="px-2 py-1.5 text-sm text-muted">
              No saved views yet. Save the filters, sort and columns on screen to come back to them.
            </p>
          ) : null}
          {mine.length > 0 ? <DropdownMenuLabel>Your views</DropdownMenuLabel> : null}
          {mine.map((view) => (
            <ViewItem key={view.id} view={view} saved={saved} />
          ))}
          {shared.length > 0 ? <DropdownMenuLabel>Shared with the team</DropdownMenuLabel> : null}
          {shared.map((view) => (
            <ViewItem key={view.id} view={view} saved={saved} />
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setDialog('save')}>Save current view…</DropdownMenuItem>
          {saved.views.length > 0 ? (
            <DropdownMenuItem onSelect={() => setDialog('manage')}>Manage views…</DropdownMenuItem>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      {opened.save ? (
        <SaveViewDialog
          saved={saved}
          open={dialog === 'save'}
          onOpenChange={(o) => setDialog(o ? 'save' : null)}
        />
      ) : null}
      {opened.manage ? (
        <ManageViewsDialog
          saved={saved}
          open={dialog === 'manage'}
          onOpenChange={(o) => setDialog(o ? 'manage' : null)}
        />
      ) : null}
    </>
  );
}
