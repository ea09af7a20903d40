import type { Metadata } from 'next';
import { AccountPage } from '@/components/account/account-page';

type Props = {
  params: Promise<{ email: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Route params may arrive still encoded (`%40`); a malformed escape is kept as typed. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decoded((await params).email) };
}

export default async function AccountDetailPage({ params, searchParams }: Props) {
  const email = decoded((await params).email);
  const { workspace } = await searchParams;
  return (
    <AccountPage
      email={email}
      workspaceId={typeof workspace === 'string' && workspace !== '' ? workspace : null}
    />
  );
}
