import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { Card, CardBody } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Overview' };

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" description="The health of your sending fleet." />
      <Card>
        <CardBody className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm">Browse every account with its status, warmup and last error.</p>
          <Button variant="primary" asChild>
            <Link href="/accounts">Open accounts</Link>
          </Button>
        </CardBody>
      </Card>
    </>
  );
}
