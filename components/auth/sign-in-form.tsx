'use client';

import { useMutation } from '@tanstack/react-query';
import { Loader2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { ApiError } from '@/lib/queries/api-fetch';
import { fullPageLoad } from '@/lib/queries/full-page-load';
import { peopleMutations } from '@/lib/queries/people';

/** E-mail and password; on success the whole app reloads as the signed-in person. */
export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const signIn = useMutation({
    ...peopleMutations.signIn(),
    onSuccess: () => fullPageLoad(next),
    onError: (e) =>
      setError(e instanceof ApiError ? `${e.problem.title}. ${e.problem.detail ?? ''}`.trim() : e.message),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      setError('Enter your e-mail and password.');
      return;
    }
    setError(null);
    signIn.mutate({ email, password });
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <div className="grid gap-1.5">
        <Label htmlFor="sign-in-email">E-mail</Label>
        <Input id="sign-in-email" name="email" type="email" autoComplete="username" required autoFocus />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="sign-in-password">Password</Label>
        <Input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-error-bg px-3 py-2 text-sm text-error-fg">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={signIn.isPending} className="justify-center">
        {signIn.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
        Sign in
      </Button>
    </form>
  );
}
