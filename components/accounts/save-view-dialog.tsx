'use client';

import { Loader2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from '@/components/ui/toast';
import { useMe } from '@/components/auth/person-context';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog';
import { FieldError, Input, Label } from '@/components/ui/input';
import type { SavedViews } from './use-saved-views';

/** Names the filters, sort and columns on screen; optionally shared and made the person's default. */
export function SaveViewDialog({
  saved,
  open,
  onOpenChange,
}: {
  saved: SavedViews;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { person } = useMe();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [makeDefault, setMakeDefault] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = (next: boolean) => {
    if (!next) {
      setName('');
      setShared(false);
      setMakeDefault(false);
      setError(null);
      saved.create.reset();
    }
    onOpenChange(next);
  };

  const submit = () => {
    if (name.trim() === '') {
      setError('Give the view a name.');
      return;
    }
    setError(null);
    saved.create.mutate(
      { name: name.trim(), shared, makeDefault },
      {
        onSuccess: ({ view }) => {
          toast.success(`Saved the view “${view.name}”`);
          close(false);
        },
        onError: (e) => setError(e.message),
      },
    );
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        title="Save this view"
        description="Keeps the filters, search, sort and columns on screen under a name, in the Views menu."
      >
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="view-name">Name</Label>
            <Input
              id="view-name"
              autoFocus
              maxLength={60}
              value={name}
              placeholder="e.g. Broken Gmail inboxes"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'view-name-error' : undefined}
              onChange={(e) => {
                setName(e.target.value);
                setError(null);
              }}
            />
            <FieldError id="view-name-error">{error}</FieldError>
          </div>
          {person ? (
            <div className="flex items-center gap-2">
              <Checkbox id="view-shared" checked={shared} onChange={(e) => setShared(e.target.checked)} />
              <label htmlFor="view-shared" className="text-sm">
                Share with the team (everyone signed in sees it in their Views menu)
              </label>
            </div>
          ) : null}
          <div className="flex items-center gap-2">
            <Checkbox
              id="view-default"
              checked={makeDefault}
              onChange={(e) => setMakeDefault(e.target.checked)}
            />
            <label htmlFor="view-default" className="text-sm">
              Open Accounts on this view (my default)
            </label>
          </div>
          <div className="mt-2 flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="ghost">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={saved.create.isPending}>
              {saved.create.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
              Save view
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
