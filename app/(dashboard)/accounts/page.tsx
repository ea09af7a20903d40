import type { Metadata } from 'next';
import { FleetTable } from '@/components/accounts/fleet-table';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Accounts' };

export default function AccountsPage() {
  return (
    <>
      <PageHeader
        title="Accounts"
        description="Every sending account, with its health at a glance. Filters live in the URL: bookmark or share a view."
      />
      <FleetTable />
    </>
  );
}
