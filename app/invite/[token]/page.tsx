import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth/auth-card';
import { InviteForm } from '@/components/auth/invite-form';

export const metadata: Metadata = { title: 'Join' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <AuthCard
      title="Join this dashboard"
      description="Choose your name and a password (10 characters or more)."
    >
      <InviteForm token={token} />
    </AuthCard>
  );
}
