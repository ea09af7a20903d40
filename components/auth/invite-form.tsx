'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { Loader2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError, Input, Label } from '@/components/ui/input';
import { ApiError } from '@/lib/queries/api-fetch';
import { fullPageLoad } from '@/lib/queries/full-page-load';
import { peopleMutations, peopleQueries } from '@/lib/queries/people';
import { acceptInviteInputSchema } from '@/lib/schemas/api-people';

type Errors = { email?: string; name?: string; password?: string; form?: string };

/** Accepting an invite: name, e-mail and a password, then signed in. */
export function InviteForm({ token }: { token: string }) {
  const invite = useQuery(peopleQueries.invite(token));
  const [errors, setErrors] = useState<Errors>({});
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
    const form = new FormData(event.currentTarget);
    const parsed = acceptInviteInputSchema.safeParse({
      email: String(form.get('email') ?? ''),
      name: String(form.get('name') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as 'email' | 'name' | 'password';
        next[field] ??=
          `${field === 'name' ? 'Name' : field === 'email' ? 'E-mail' : 'Password'} ${issue.message}`;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    accept.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <p className="text-sm">
        You are invited as <strong>{invite.data.role}</strong>.
      </p>
      <div className="grid gap-1.5">
        <Label htmlFor="invite-name">Your name</Label>
        <Input
          id="invite-name"
          name="name"
          autoComplete="name"
          aria-invalid={errors.name ? true : undefined}
        />
        <FieldError id="invite-name-error">{errors.name}</FieldError>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="invite-email">E-mail</Label>
        <Input
          id="invite-email"
          name="email"
          type="email"
          autoComplete="username"
          aria-invalid={errors.email ? true : undefined}
        />
        <FieldError id="invite-email-error">{errors.email}</FieldError>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="invite-password">Password</Label>
        <Input
          id="invite-password"
          name="password"
          type="password"
          autoComplete="new-password"
          aria-invalid={errors.password ? true : undefined}
        />
        <FieldError id="invite-password-error">{errors.password}</FieldError>
      </div>
      {errors.form ? (
        <p role="alert" className="rounded-md bg-error-bg px-3 py-2 text-sm text-error-fg">
          {errors.form}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={accept.isPending} className="justify-center">
        {accept.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
        Join and sign in
      </Button>
    </form>
  );
}
