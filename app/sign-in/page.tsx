import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { returnPathSchema } from '@/lib/schemas/return-path';
import { currentPerson } from '@/lib/server/auth/current';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Only a path of this site (lib/schemas/return-path.ts): anything else would be an open redirect.
  const next = returnPathSchema.parse((await searchParams).next);
  const { person, ownerExists } = await currentPerson();
  // Nobody registered (the open demo) or already signed in: nothing to do here.
  if (!ownerExists || person) redirect(next);
  return (
    <AuthCard title="Sign in" description="Sign in with the e-mail and password of your dashboard account.">
      <SignInForm next={next} />
    </AuthCard>
  );
}
