import type { Metadata } from 'next';
import { AlertsTabs } from '@/components/alerts/alerts-tabs';
import { ChannelDetail } from '@/components/alerts/channels/channel-detail';

export const metadata: Metadata = { title: 'Alert channel' };

export default async function AlertChannelPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <AlertsTabs />
      <ChannelDetail id={id} />
    </>
  );
}
