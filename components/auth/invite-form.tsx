'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { Loader2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/queries/api-fetch';
import { fullPageLoad } from '@/lib/queries/full-page-load';
import { peopleMutations, peopleQueries } from '@/lib/queries/people';
import { acceptInviteInputSchema } from '@/lib/schemas/api-people';
import { type PersonFieldErrors, PersonFields, readPersonForm } from './person-fields';

/** Accepting an invite: name, e-mail and a password, then signed in. */
export function InviteForm({ token }: { token: string }) {
  const invite = useQuery(peopleQueries.invite(token));
  const [errors, setErrors] = useState<PersonFieldErrors>({});
  const accept = useMutation({
    ...peopleMutations.acceptInvite(token),
    onSuccess: () => fullPageLoad('/'),
    onError: (e) => {
      if (e instanceof ApiError && e.problem.field === 'email') setErrors({ email: e.problem.title });
      else
        setErrors({
          form: e instanceof ApiError ? `${e.problem.title}. ${e.problem.detail ?? ''}` : e.message,
        });
    },
  });

  if (invite.isPending) return <p className="text-sm text-muted">Checking the invite…</p>;
  if (invite.isError) {
    return (
      <p role="alert" className="rounded-md bg-error-bg px-3 py-2 text-sm text-error-fg">
        {invite.error instanceof ApiError
          ? `${invite.error.problem.title}. ${invite.error.problem.detail ?? ''}`
          : invite.error.message}
      </p>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readPersonForm(new FormData(event.currentTarget), acceptInviteInputSchema);
    setErrors(read.errors ?? {});
    if (read.data) accept.mutate(read.data);
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <p className="text-sm">
        You are invited as <strong>{invite.data.role}</strong>.
      </p>
      <PersonFields idPrefix="invite" errors={errors} nameLabel="Your name" />
      <Button type="submit" variant="primary" disabled={accept.isPending} className="justify-center">
        {accept.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
        Join and sign in
      </Button>
    </form>
  );
}
