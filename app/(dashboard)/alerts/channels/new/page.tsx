import type { Metadata } from 'next';
import { AlertsTabs } from '@/components/alerts/alerts-tabs';
import { ChannelEditor } from '@/components/alerts/channels/channel-editor';
import { PageHeader } from '@/components/shell/page-header';
import { AdminOnly } from '../admin-only';

export const metadata: Metadata = { title: 'Add an alert channel' };

export default function NewAlertChannelPage() {
  return (
    <>
      <PageHeader title="Add an alert channel" description="Its secrets are stored encrypted and never shown again." />
      <AlertsTabs />
      <AdminOnly>
        <ChannelEditor id={null} />
      </AdminOnly>
    </>
  );
}
