'use client';

import { useMutation } from '@tanstack/react-query';
import { Loader2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/queries/api-fetch';
import { peopleMutations } from '@/lib/queries/people';
import { createOwnerInputSchema } from '@/lib/schemas/api-people';
import { type PersonFieldErrors, PersonFields, readPersonForm } from './person-fields';

/**
 * "Create the owner account": asked once, the first time something needs an owner (adding a real
 * key). On success the owner is signed in and `onCreated` continues what was asked.
 */
export function OwnerForm({ onCreated }: { onCreated: () => void }) {
  const [errors, setErrors] = useState<PersonFieldErrors>({});
  const create = useMutation({
    ...peopleMutations.createOwner(),
    onSuccess: onCreated,
    onError: (e) =>
      setErrors({
        form: e instanceof ApiError ? `${e.problem.title}. ${e.problem.detail ?? ''}` : e.message,
      }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readPersonForm(new FormData(event.currentTarget), createOwnerInputSchema);
    setErrors(read.errors ?? {});
    if (read.data) create.mutate(read.data);
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="owner-form-title"
      className="grid gap-4 rounded-lg border border-primary/40 bg-primary-soft/40 p-4 sm:max-w-lg"
    >
      <div>
        <h3 id="owner-form-title" className="font-semibold">
          Create the owner account
        </h3>
        <p className="mt-1 text-sm text-muted">
          A real key is shared by everyone who uses this dashboard, so it needs an owner first. From now on,
          people sign in; the owner invites the others.
        </p>
      </div>
      <PersonFields idPrefix="owner" errors={errors} />
      <div>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
          Create the owner and continue
        </Button>
      </div>
    </form>
  );
}
