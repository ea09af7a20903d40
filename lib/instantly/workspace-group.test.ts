import { describe, expect, it } from 'vitest';
import { listAccounts, patchAccount } from './accounts';
import { InstantlyError } from './errors';
import { RateBudget } from './rate-budget';
import { jsonResponse, scriptedTransport, testClient } from './test-helpers';
import { acceptedMembers, listGroupMembers, requireAccepted } from './workspace-group';

const member = (sub: string, status: string, name: string | null = `Client ${sub}`) => ({
  id: `m-${sub}`,
  admin_workspace_id: 'admin-1',
  sub_workspace_id: sub,
  status,
  sub_workspace_name: name,
  admin_workspace_name: 'Agency',
});

describe('acting as a sub workspace (x-as-workspace)', () => {
  it('sends the header on every call exactly when acting as a sub workspace', async () => {
    const { transport, requests } = scriptedTransport([
      jsonResponse({ items: [] }),
      jsonResponse({ email: 'a@x.io' }),
      jsonResponse({ items: [] }),
    ]);
    const { client } = testClient(transport, { asWorkspace: 'sub-42' });
    await listAccounts(client);
    await patchAccount(client, 'a@x.io', { daily_limit: 20 });
    expect(requests.map((r) => r.headers.get('x-as-workspace'))).toEqual(['sub-42', 'sub-42']);
    expect(client.asWorkspace).toBe('sub-42');
    // A deadline-bounded copy (what a person's request gets) still acts as the same workspace.
    await listAccounts(client.withTimeBudget(5_000));
    expect(requests[2]!.headers.get('x-as-workspace')).toBe('sub-42');
  });

  it('sends no x-as-workspace for the key’s own workspace', async () => {
    const { transport, requests } = scriptedTransport([jsonResponse({ items: [] })]);
    const { client } = testClient(transport);
    await listAccounts(client);
    expect(requests[0]!.headers.has('x-as-workspace')).toBe(false);
    expect(client.asWorkspace).toBeNull();
  });

  it('maps Instantly’s 403 for a sub workspace to the typed not-in-group error, never retried', async () => {
    const { transport, requests } = scriptedTransport([
      jsonResponse({ statusCode: 403, error: 'Forbidden', message: 'Forbidden' }, 403),
    ]);
    const { client } = testClient(transport, { asWorkspace: 'sub-gone' });
    const error = await listAccounts(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InstantlyError);
    expect((error as InstantlyError).kind).toBe('not-in-group');
    expect((error as InstantlyError).message).toContain('sub-gone');
    expect(requests).toHaveLength(1);
  });

  it('keeps a 403 of the key’s own workspace a scope problem', async () => {
    const { transport } = scriptedTransport([
      jsonResponse({ statusCode: 403, error: 'Forbidden', message: 'Forbidden' }, 403),
    ]);
    const { client } = testClient(transport);
    await expect(listAccounts(client)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('takes a slot of the admin key’s shared cap as well as the sub workspace’s own budget', async () => {
    let now = 0;
    const clock = () => now;
    const sleep = async (ms: number) => {
      now += ms;
    };
    const cap = new RateBudget({ perSecond: 2, perMinute: 600, now: clock, sleep });
    const answers = Array.from({ length: 6 }, () => jsonResponse({ items: [] }));
    const { transport } = scriptedTransport(answers);
    const subs = ['a', 'b', 'c'].map(
      (sub) =>
        testClient(transport, {
          asWorkspace: sub,
          now: clock,
          groupBudget: cap,
          budget: new RateBudget({ perSecond: 100, perMinute: 6000, now: clock, sleep }),
        }).client,
    );
    for (const client of subs) await listAccounts(client);
    for (const client of subs) await listAccounts(client);
    // Six calls through a 2/s cap: the last cannot go before 2 s, whatever each sub's own budget says.
    expect(cap.usage().lastMinute).toBe(6);
    expect(now).toBeGreaterThanOrEqual(2000);
  });
});

describe('the workspace group members list', () => {
  it('walks every page with the cursor and keeps pending and rejected members as they are', async () => {
    const { transport, requests } = scriptedTransport([
      jsonResponse({
        items: [member('s1', 'accepted'), member('s2', 'pending')],
        next_starting_after: 'm-s2',
      }),
      jsonResponse({ items: [member('s3', 'rejected', null)], next_starting_after: 'm-s3' }),
      jsonResponse({ items: [] }),
    ]);
    const { client } = testClient(transport);
    const members = await listGroupMembers(client);
    expect(members.map((m) => [m.sub_workspace_id, m.status])).toEqual([
      ['s1', 'accepted'],
      ['s2', 'pending'],
      ['s3', 'rejected'],
    ]);
    expect(requests.map((r) => new URL(r.url).search)).toEqual([
      '?limit=100',
      '?limit=100&starting_after=m-s2',
      '?limit=100&starting_after=m-s3',
    ]);
    // The list is the admin's own: it never carries x-as-workspace.
    expect(requests.every((r) => !r.headers.has('x-as-workspace'))).toBe(true);
    expect(acceptedMembers(members).map((m) => m.sub_workspace_id)).toEqual(['s1']);
  });

  it('stops on a repeated cursor', async () => {
    const page = () => jsonResponse({ items: [member('s1', 'accepted')], next_starting_after: 'same' });
    const { transport, requests } = scriptedTransport([page(), page()]);
    const { client } = testClient(transport);
    await listGroupMembers(client);
    expect(requests).toHaveLength(2);
  });

  it('gives a typed error for a sub workspace that is pending, rejected or gone', () => {
    const members = [member('s1', 'accepted'), member('s2', 'pending')];
    expect(requireAccepted(members, 's1').sub_workspace_name).toBe('Client s1');
    expect(() => requireAccepted(members, 's2')).toThrow(expect.objectContaining({ kind: 'not-in-group' }));
    expect(() => requireAccepted(members, 's9')).toThrow(/no longer in this admin key/);
  });
});
