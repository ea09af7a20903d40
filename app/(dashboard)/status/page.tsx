import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { StatusPage } from '@/components/status/status-page';

export const metadata: Metadata = { title: 'Status' };

export default function Status() {
  return (
    <>
      <PageHeader title="Status" description="The background worker, the scheduled syncs and the queue." />
      <StatusPage />
    </>
  );
}
