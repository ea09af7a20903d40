import type { Metadata } from 'next';
import { AccountsList } from '@/components/accounts/accounts-list';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Accounts' };

export default function AccountsPage() {
  return (
    <>
      <PageHeader
        title="Accounts"
        description="Every sending account of the active workspace, with its health at a glance."
      />
      <AccountsList />
    </>
  );
}
