import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { AddWorkspaceForm } from '@/components/settings/add-workspace-form';
import { EnvironmentChannels } from '@/components/settings/environment-channels';
import { MembersSection } from '@/components/settings/members-section';
import { WorkspaceList } from '@/components/settings/workspace-list';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { currentPerson } from '@/lib/server/auth/current';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const { person } = await currentPerson();
  const admin = person !== null && (person.role === 'admin' || person.role === 'owner');
  // In the open demo the form shows, and asks for the owner account when a key is added.
  const mayAddKeys = person === null || admin;
  return (
    <>
      <PageHeader title="Settings" description="Connect Instantly workspaces with their API keys." />
      <div className="grid gap-5">
        <Card>
          <CardHeader>
            <CardTitle>Workspaces</CardTitle>
          </CardHeader>
          <CardBody>
            <WorkspaceList />
          </CardBody>
        </Card>
        {mayAddKeys ? (
          <Card>
            <CardHeader>
              <CardTitle>Add a workspace</CardTitle>
            </CardHeader>
            <CardBody className="grid gap-4">
              <p className="text-sm text-muted">
                The key never reaches a browser again: it is encrypted (AES-256-GCM) into the server&apos;s
                vault under its secret, only its last four characters are shown, and every call to Instantly
                is made by this dashboard&apos;s server, also when no browser is open.
              </p>
              <AddWorkspaceForm />
            </CardBody>
          </Card>
        ) : null}
        {admin && person.workspaceIds === null ? (
          <Card>
            <CardHeader>
              <CardTitle>Alert channels from the environment</CardTitle>
            </CardHeader>
            <CardBody>
              <EnvironmentChannels />
            </CardBody>
          </Card>
        ) : null}
        {admin ? (
          <Card>
            <CardHeader>
              <CardTitle>Members</CardTitle>
            </CardHeader>
            <CardBody>
              <MembersSection />
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
