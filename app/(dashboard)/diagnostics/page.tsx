import type { Metadata } from 'next';
import { TriageBoard } from '@/components/diagnostics/triage-board';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Diagnostics' };

export default function DiagnosticsPage() {
  return (
    <>
      <PageHeader
        title="Diagnostics"
        description="Every account in trouble, grouped by cause, most urgent first: what broke, how to fix it, and fixes for a whole group at once."
      />
      <TriageBoard />
    </>
  );
}
