import type { Metadata } from 'next';
import { AlertInbox } from '@/components/alerts/alert-inbox';
import { AlertsTabs } from '@/components/alerts/alerts-tabs';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Alerts' };

export default function AlertsPage() {
  return (
    <>
      <PageHeader
        title="Alerts"
        description="What the rules found after the last syncs, grouped by cause and domain, with the fix."
      />
      <AlertsTabs />
      <AlertInbox />
    </>
  );
}
