import type { Metadata } from 'next';
import { AlertsTabs } from '@/components/alerts/alerts-tabs';
import { RulesForm } from '@/components/alerts/rules-form';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Alert rules' };

export default function AlertRulesPage() {
  return (
    <>
      <PageHeader
        title="Alerts"
        description="What raises an alert in this workspace: each rule on or off, and its thresholds."
      />
      <AlertsTabs />
      <RulesForm />
    </>
  );
}
