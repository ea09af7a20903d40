'use client';

import { useMutation } from '@tanstack/react-query';
import { Loader2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError, Input, Label } from '@/components/ui/input';
import { ApiError } from '@/lib/queries/api-fetch';
import { peopleMutations } from '@/lib/queries/people';
import { createOwnerInputSchema } from '@/lib/schemas/api-people';

type Errors = { email?: string; name?: string; password?: string; form?: string };
const LABELS = { email: 'E-mail', name: 'Name', password: 'Password' } as const;

/**
 * "Create the owner account": asked once, the first time something needs an owner (adding a real
 * key). On success the owner is signed in and `onCreated` continues what was asked.
 */
export function OwnerForm({ onCreated }: { onCreated: () => void }) {
  const [errors, setErrors] = useState<Errors>({});
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
    const form = new FormData(event.currentTarget);
    const parsed = createOwnerInputSchema.safeParse({
      email: String(form.get('email') ?? ''),
      name: String(form.get('name') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof typeof LABELS;
        next[field] ??= `${LABELS[field]} ${issue.message}`;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
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
      <div className="grid gap-1.5">
        <Label htmlFor="owner-email">E-mail</Label>
        <Input
          id="owner-email"
          name="email"
          type="email"
          autoComplete="username"
          aria-invalid={errors.email ? true : undefined}
        />
        <FieldError id="owner-email-error">{errors.email}</FieldError>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="owner-name">Name</Label>
        <Input
          id="owner-name"
          name="name"
          autoComplete="name"
          aria-invalid={errors.name ? true : undefined}
        />
        <FieldError id="owner-name-error">{errors.name}</FieldError>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="owner-password">Password</Label>
        <Input
          id="owner-password"
          name="password"
          type="password"
          autoComplete="new-password"
          aria-invalid={errors.password ? true : undefined}
        />
        <p className="text-xs text-muted">10 characters or more.</p>
        <FieldError id="owner-password-error">{errors.password}</FieldError>
      </div>
      {errors.form ? (
        <p role="alert" className="rounded-md bg-error-bg px-3 py-2 text-sm text-error-fg">
          {errors.form}
        </p>
      ) : null}
      <div>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
          Create the owner and continue
        </Button>
      </div>
    </form>
  );
}
