import {
  QueryClient,
  QueryClientProvider,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountDetailMutations, accountDetailQueries } from '@/lib/queries/account-detail';
import { problemOf } from '@/lib/queries/api-fetch';
import type { AccountDetail, AccountSettings } from '@/lib/schemas/api-account-detail';
import { DAILY_LIMIT_MESSAGES } from '@/lib/schemas/daily-limit';
import { NOT_SET_WORDS } from '@/lib/schemas/setting-knowledge';
import { SettingsForm } from './settings-form';

// The settings form as the account page wires it: settings from the detail query, the optimistic save
// mutation, its failure, a remount after a successful save. fetch is the fake server.

const key = { workspaceId: 'demo', email: 'ana@x.io' };

const settings: AccountSettings = {
  dailyLimit: 30,
  sendingGap: 10,
  warmupLimit: 20,
  warmupIncrement: '1',
  warmupReplyRate: 30,
  slowRamp: null,
  trackingDomain: null,
  inboxPlacementTestLimit: null,
};

// Only what the form, the optimistic update and the harness read; the rest of the detail is not used.
const detailOf = (s: AccountSettings) =>
  ({
    settings: s,
    row: { dailyLimit: s.dailyLimit, sendingGap: s.sendingGap, warmupLimit: s.warmupLimit },
    info: { dailyLimitMax: null, warmupLimitMax: null },
    freshness: { source: 'instantly' },
  }) as unknown as AccountDetail;

interface Patch {
  body: unknown;
}

/** The server: GET answers the stored settings; PATCH answers `patch` (a function of the body). */
function fakeServer(patch: (body: Record<string, unknown>) => Response | Promise<Response>) {
  let stored = settings;
  const patches: Patch[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit = {}) => {
    if (init.method === 'PATCH') {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      patches.push({ body });
      const answer = await patch(body);
      if (answer.ok) stored = { ...stored, ...body };
      return answer;
    }
    return Response.json(detailOf(stored));
  });
  return patches;
}

function Harness() {
  const queryClient = useQueryClient();
  const detail = useQuery(accountDetailQueries.detail(key));
  const save = useMutation(accountDetailMutations.saveSettings(queryClient, key));
  const [revision, setRevision] = useState(0);
  if (!detail.data) return null;
  const failure = save.error ? problemOf(save.error) : null;
  return (
    <SettingsForm
      key={revision}
      settings={detail.data.settings}
      dailyLimitMax={null}
      warmupLimitMax={null}
      settingsRead
      saving={save.isPending}
      failure={save.isError ? failure : null}
      onSave={(changes) => save.mutate(changes, { onSuccess: () => setRevision((r) => r + 1) })}
    />
  );
}

async function renderForm() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(accountDetailQueries.detail(key).queryKey, detailOf(settings));
  render(
    <QueryClientProvider client={client}>
      <Harness />
    </QueryClientProvider>,
  );
  return await screen.findByRole('form', { name: 'Account settings' });
}

const field = (label: RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: RegExp, value: string) => fireEvent.change(field(label), { target: { value } });
const saveButton = () => screen.getByRole('button', { name: /Save changes|Saving/ });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the account settings form', () => {
  it('says what an empty setting means', async () => {
    fakeServer(() => Response.json({}));
    await renderForm();
    const help = document.getElementById(
      field(/Inbox placement test limit/).getAttribute('aria-describedby')!,
    );
    expect(help?.textContent).toContain(`Now ${NOT_SET_WORDS}.`);
    expect(field(/Inbox placement test limit/).placeholder).toBe('not set');
  });

  it('refuses an invalid value with the shared words, focuses it and sends nothing', async () => {
    const patches = fakeServer(() => Response.json({}));
    await renderForm();
    type(/Sending gap/, '12');
    type(/Daily limit/, '0');
    fireEvent.click(saveButton());

    const daily = field(/Daily limit/);
    await waitFor(() => expect(daily.getAttribute('aria-invalid')).toBe('true'));
    const [errorId] = daily.getAttribute('aria-describedby')!.split(' ');
    expect(document.getElementById(errorId!)?.textContent).toBe(DAILY_LIMIT_MESSAGES.tooLow);
    expect(document.activeElement).toBe(daily);
    expect(field(/Sending gap/).getAttribute('aria-invalid')).toBe('false');
    expect(patches).toEqual([]);

    // Typing clears the refusal until the next submit; a value not a whole number has its own words.
    type(/Daily limit/, '2.5');
    expect(daily.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByText(DAILY_LIMIT_MESSAGES.tooLow)).toBeNull();
    fireEvent.click(saveButton());
    expect(await screen.findAllByText(DAILY_LIMIT_MESSAGES.notWhole)).toHaveLength(1);
    type(/Daily limit/, '');
    fireEvent.click(saveButton());
    expect(await screen.findAllByText(/Enter a value \(Instantly cannot remove this setting\)/)).toHaveLength(
      1,
    );
    expect(patches).toEqual([]);
  });

  it('sends only the changed fields, disables Save while saving, then starts from the saved values', async () => {
    let answer: (response: Response) => void = () => {};
    const patches = fakeServer(
      (body) =>
        new Promise<Response>((resolve) => {
          answer = resolve;
          void body;
        }),
    );
    await renderForm();
    expect(saveButton().hasAttribute('disabled')).toBe(true);
    expect(screen.queryAllByText('No changes')).toHaveLength(1);
    type(/Daily limit/, '45');
    fireEvent.click(screen.getByLabelText('Slow ramp'));
    type(/Sending gap/, '11');
    type(/Sending gap/, '10'); // back to the stored value: not a change
    expect(screen.queryAllByText('2 changed')).toHaveLength(1);
    fireEvent.click(saveButton());

    await waitFor(() => expect(patches).toEqual([{ body: { dailyLimit: 45, slowRamp: true } }]));
    await waitFor(() => expect(saveButton().textContent).toContain('Saving…'));
    expect(saveButton().hasAttribute('disabled')).toBe(true);

    answer(
      Response.json({
        ...detailOf({ ...settings, dailyLimit: 45, slowRamp: true }),
        changed: ['dailyLimit', 'slowRamp'],
        confirmedBy: 'answer',
      }),
    );
    await waitFor(() => expect(saveButton().textContent).toContain('Save changes'));
    await waitFor(() => expect(screen.queryAllByText('No changes')).toHaveLength(1));
    expect(field(/Daily limit/).value).toBe('45');
    expect((screen.getByLabelText('Slow ramp') as HTMLInputElement).checked).toBe(true);
  });

  it('shows the server refusal next to its field and keeps what was typed', async () => {
    const refusal = () =>
      Response.json(
        {
          type: 'upstream-rejected',
          title: 'Instantly refused the change',
          detail: 'This account allows at most 40 emails a day.',
          status: 422,
          field: 'dailyLimit',
        },
        { status: 422 },
      );
    let answer: (response: Response) => void = () => {};
    const patches = fakeServer(() => new Promise<Response>((resolve) => (answer = resolve)));
    await renderForm();
    type(/Daily limit/, '45');
    type(/Tracking domain/, 'Inst.Example.com');
    fireEvent.click(saveButton());
    // While saving, the page shows the typed values as stored (optimistic); then Instantly refuses.
    await waitFor(() => expect(saveButton().textContent).toContain('Saving…'));
    await waitFor(() => expect(screen.queryAllByText('No changes')).toHaveLength(1));
    answer(refusal());

    const alert = await screen.findByText(/Not saved: Instantly refused the change/);
    expect(alert.closest('[role=alert]')?.textContent).toContain('Save sends them again');
    expect(patches).toEqual([{ body: { dailyLimit: 45, trackingDomain: 'inst.example.com' } }]);
    // The rollback put the stored values back; the typed ones stay, and the field says why.
    const daily = field(/Daily limit/);
    await waitFor(() => expect(daily.getAttribute('aria-invalid')).toBe('true'));
    expect(daily.value).toBe('45');
    expect(field(/Tracking domain/).value).toBe('Inst.Example.com');
    const [errorId] = daily.getAttribute('aria-describedby')!.split(' ');
    expect(document.getElementById(errorId!)?.textContent).toBe(
      'This account allows at most 40 emails a day.',
    );
    expect(screen.queryAllByText('2 changed')).toHaveLength(1);

    // Save sends the same values again.
    fireEvent.click(saveButton());
    await waitFor(() => expect(patches).toHaveLength(2));
    answer(refusal());
    expect(patches[1]).toEqual(patches[0]);
  });
});
