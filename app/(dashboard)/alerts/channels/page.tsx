import type { Metadata } from 'next';
import { AlertsTabs } from '@/components/alerts/alerts-tabs';
import { ChannelsList } from '@/components/alerts/channels/channels-list';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Alert channels' };

export default function AlertChannelsPage() {
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Where alerts are sent: Slack, webhooks and e-mail. Critical ones at once, the rest in each channel's morning digest."
      />
      <AlertsTabs />
      <ChannelsList />
    </>
  );
}
