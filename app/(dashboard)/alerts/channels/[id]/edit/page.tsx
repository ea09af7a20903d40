import type { Metadata } from 'next';
import { AlertsTabs } from '@/components/alerts/alerts-tabs';
import { ChannelEditor } from '@/components/alerts/channels/channel-editor';
import { PageHeader } from '@/components/shell/page-header';
import { AdminOnly } from '../../admin-only';

export const metadata: Metadata = { title: 'Edit an alert channel' };

export default async function EditAlertChannelPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <PageHeader title="Edit the channel" description="Leave a secret empty to keep the stored one." />
      <AlertsTabs />
      <AdminOnly>
        <ChannelEditor id={id} />
      </AdminOnly>
    </>
  );
}
