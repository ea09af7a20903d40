import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { AddWorkspaceForm } from '@/components/settings/add-workspace-form';
import { WorkspaceList } from '@/components/settings/workspace-list';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Settings' };

export default function SettingsPage() {
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
        <Card>
          <CardHeader>
            <CardTitle>Add a workspace</CardTitle>
          </CardHeader>
          <CardBody className="grid gap-4">
            <p className="text-sm text-muted">
              The key never reaches a browser again: it is encrypted (AES-256-GCM) into the server&apos;s
              vault under its secret, only its last four characters are shown, and every call to Instantly is
              made by this dashboard&apos;s server, also when no browser is open. Only an admin or the owner
              adds or removes keys.
            </p>
            <AddWorkspaceForm />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
