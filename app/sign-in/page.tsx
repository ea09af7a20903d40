import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { currentPerson } from '@/lib/server/auth/current';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

/** Only same-site paths: a `next` of another origin would make this page an open redirect. */
function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = safeNext((await searchParams).next);
  const { person, ownerExists } = await currentPerson();
  // Nobody registered (the open demo) or already signed in: nothing to do here.
  if (!ownerExists || person) redirect(next);
  return (
    <AuthCard title="Sign in" description="Sign in with the e-mail and password of your dashboard account.">
      <SignInForm next={next} />
    </AuthCard>
  );
}
