import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/states';

export const metadata: Metadata = { title: 'Jobs' };

export default function JobsPage() {
  return (
    <>
      <PageHeader title="Jobs" description="Bulk changes and their progress, account by account." />
      <Card>
        <EmptyState title="No bulk jobs yet">
          Bulk warmup changes started from the Accounts table appear here.
        </EmptyState>
      </Card>
    </>
  );
}
