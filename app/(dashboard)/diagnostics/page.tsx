import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/states';

export const metadata: Metadata = { title: 'Diagnostics' };

export default function DiagnosticsPage() {
  return (
    <>
      <PageHeader title="Diagnostics" description="Errored accounts grouped by cause." />
      <Card>
        <EmptyState title="The triage board is not built yet">
          Each account&apos;s last error is explained on the Accounts page.
        </EmptyState>
      </Card>
    </>
  );
}
