'use client';

import { useMutation } from '@tanstack/react-query';
import { LogOut, UserRound } from 'lucide-react';
import { useMe } from '@/components/auth/person-context';
import { Button } from '@/components/ui/button';
import { fullPageLoad } from '@/lib/queries/full-page-load';
import { peopleMutations } from '@/lib/queries/people';

/** Who is signed in, and the way out; nothing in the open demo (nobody registered). */
export function PersonMenu() {
  const { person } = useMe();
  const signOut = useMutation({
    ...peopleMutations.signOut(),
    onSettled: () => fullPageLoad('/sign-in'),
  });
  if (!person) return null;
  return (
    <div className="flex items-center gap-2" data-testid="person-menu">
      <span className="hidden items-center gap-1.5 text-sm sm:flex" title={person.email}>
        <UserRound aria-hidden className="h-4 w-4 text-muted" />
        <span className="max-w-40 truncate font-medium">{person.name}</span>
        <span className="rounded bg-surface-raised px-1.5 py-0.5 text-xs text-muted">{person.role}</span>
      </span>
      <Button size="sm" variant="ghost" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        <LogOut aria-hidden className="h-4 w-4" />
        Sign out
      </Button>
    </div>
  );
}
