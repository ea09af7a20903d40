import { EmptyState } from '@/components/ui/states';
import { currentPerson } from '@/lib/server/auth/current';

/** Channel set-up is an admin's: others see why instead of a form the server would refuse. */
export async function AdminOnly({ children }: { children: React.ReactNode }) {
  const { person } = await currentPerson();
  if (person?.role === 'admin' || person?.role === 'owner') return <>{children}</>;
  return (
    <EmptyState title="Only an admin can set up alert channels">
      {person === null
        ? 'Create the owner account in Settings first: channels hold secrets that only admins may enter.'
        : 'Ask an admin or the owner of this dashboard to add or change a channel.'}
    </EmptyState>
  );
}
