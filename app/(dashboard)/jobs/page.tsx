import type { Metadata } from 'next';
import { JobsList } from '@/components/jobs/jobs-list';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Jobs' };

export default function JobsPage() {
  return (
    <>
      <PageHeader title="Jobs" description="Bulk changes and their progress, account by account." />
      <JobsList />
    </>
  );
}
