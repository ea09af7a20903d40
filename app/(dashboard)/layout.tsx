import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { PersonProvider } from '@/components/auth/person-context';
import { AppShell } from '@/components/shell/app-shell';
import { signInPathFor } from '@/lib/schemas/return-path';
import { REQUEST_PATH_HEADER } from '@/lib/server/request-path';
import { currentPerson } from '@/lib/server/auth/current';

// Decided here, on the server, for every page of the app: once an owner exists, nobody without a
// session sees any of it (proxy.ts decides nothing; each /api route checks again on its own).
export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const me = await currentPerson();
  // Back to this very page after signing in (the path proxy.ts saw; sign-in checks it is ours).
  if (me.ownerExists && !me.person) redirect(signInPathFor((await headers()).get(REQUEST_PATH_HEADER)));
  return (
    <PersonProvider value={me}>
      <AppShell>{children}</AppShell>
    </PersonProvider>
  );
}
