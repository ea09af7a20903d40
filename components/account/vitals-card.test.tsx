import { QueryClient, QueryClientProvider, useMutation, useQueryClient } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountDetailMutations } from '@/lib/queries/account-detail';
import type { VitalsResponse } from '@/lib/schemas/api-account-detail';
import { DomainVitals } from './vitals-card';

// A vitals check stores each domain's answer in the query cache; a card reads its domain from there,
// so a check run anywhere (the table's selection, another account) shows on every account of a domain.

const response: VitalsResponse = {
  workspaceId: 'ws_1',
  checkedAt: new Date().toISOString(),
  domains: [
    {
      domain: 'example.com',
      emails: ['ada@example.com', 'bo@example.com'],
      allPass: false,
      checks: { mx: true, spf: false, dkim: true, dmarc: null },
    },
  ],
  missing: ['other.io'],
};

function stubVitals() {
  const calls: Array<{ url: string; body: unknown }> = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init.body)) });
    return Response.json(response);
  });
  return calls;
}

/** The table's check of a selection, beside two account cards. */
function Page() {
  const check = useMutation(accountDetailMutations.testVitals(useQueryClient()));
  return (
    <>
      <button
        onClick={() => check.mutate({ workspaceId: 'ws_1', emails: ['ada@example.com', 'cy@other.io'] })}
      >
        Check the selection
      </button>
      <DomainVitals workspaceId="ws_1" domain="Example.com" pending={false} error={null} onRun={() => {}} />
      <DomainVitals workspaceId="ws_1" domain="other.io" pending={false} error={null} onRun={() => {}} />
    </>
  );
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Page />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('DomainVitals', () => {
  it('says "not tested yet" and asks Instantly nothing until a check is run', async () => {
    const calls = stubVitals();
    renderPage();
    expect(screen.getAllByText(/Not tested yet/)).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toHaveLength(0);
  });

  it('shows the answer of one check on every card of its domain, and a domain Instantly skipped', async () => {
    const calls = stubVitals();
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Check the selection' }));
    await waitFor(() => expect(screen.queryAllByText('1 of 4 records fail.')).toHaveLength(1));
    expect(screen.queryAllByText('Instantly returned no result for this domain.')).toHaveLength(1);
    expect(screen.queryByText(/Not tested yet/)).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Test again' })).toHaveLength(2);
    expect(calls).toEqual([
      {
        url: '/api/accounts/vitals',
        body: { workspace: 'ws_1', emails: ['ada@example.com', 'cy@other.io'] },
      },
    ]);
  });
});
