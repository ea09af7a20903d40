import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AddWorkspaceForm } from './add-workspace-form';

// The add-workspace form against a fake POST /api/workspaces: the schema's words before anything is
// sent, the body it sends, the pending state, and the server's refusal of a key kept beside the key.

const KEY = 'sim_demo_key_0123456789';

/** POST /api/workspaces answers `answer` (a promise, to hold the request open). */
function fakeServer(answer: () => Response | Promise<Response>) {
  const posts: unknown[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    if (url === '/api/workspaces' && init.method === 'POST') {
      posts.push(JSON.parse(String(init.body)));
      return answer();
    }
    throw new Error(`unexpected ${init.method ?? 'GET'} ${url}`);
  });
  return posts;
}

function renderForm() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AddWorkspaceForm />
    </QueryClientProvider>,
  );
}

const keyField = () => screen.getByLabelText('Instantly API key') as HTMLInputElement;
const labelField = () => screen.getByLabelText('Label (optional)') as HTMLInputElement;
const submitButton = () => screen.getByRole('button', { name: /Verify and add|Checking the key/ });
const describedText = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the add-workspace form', () => {
  it('refuses a key that cannot be one with the schema words, focuses it and sends nothing', async () => {
    const posts = fakeServer(() => Response.json({}));
    renderForm();
    expect(describedText(keyField())).toMatch(/Checked with Instantly/);
    fireEvent.change(keyField(), { target: { value: 'short' } });
    fireEvent.click(submitButton());

    await waitFor(() => expect(keyField().getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(keyField())).toBe('An Instantly API key is longer than that');
    expect(document.activeElement).toBe(keyField());

    fireEvent.change(keyField(), { target: { value: 'has spaces in it' } });
    fireEvent.change(labelField(), { target: { value: 'x'.repeat(61) } });
    fireEvent.click(submitButton());
    await waitFor(() => expect(describedText(keyField())).toMatch(/A key has no spaces/));
    expect(labelField().getAttribute('aria-invalid')).toBe('true');
    expect(describedText(labelField())).toBe('Keep the label under 60 characters');
    expect(posts).toEqual([]);
  });

  it('sends the trimmed key and label (no label when it is empty), disabled while Instantly checks it', async () => {
    let answer: (response: Response) => void = () => {};
    const posts = fakeServer(() => new Promise<Response>((resolve) => (answer = resolve)));
    renderForm();
    fireEvent.change(keyField(), { target: { value: `  ${KEY} ` } });
    fireEvent.click(submitButton());

    await waitFor(() => expect(posts).toEqual([{ key: KEY }]));
    await waitFor(() => expect(submitButton().textContent).toContain('Checking the key with Instantly…'));
    expect(submitButton().hasAttribute('disabled')).toBe(true);

    answer(
      Response.json({
        workspaces: [{ id: 'ws_1', name: 'Demo' }],
        activeId: 'ws_1',
        legacyKeys: [],
        maxStored: 5,
        added: [],
      }),
    );
    await waitFor(() => expect(submitButton().textContent).toContain('Verify and add'));
    expect(submitButton().hasAttribute('disabled')).toBe(false);
    // The key is in: the field is empty again, ready for the next one.
    expect(keyField().value).toBe('');

    fireEvent.change(keyField(), { target: { value: KEY } });
    fireEvent.change(labelField(), { target: { value: ' Client A ' } });
    fireEvent.click(submitButton());
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(posts[1]).toEqual({ key: KEY, label: 'Client A' });
  });

  it("shows the server's refusal of the key under the key, keeping what was typed", async () => {
    const posts = fakeServer(() =>
      Response.json(
        {
          type: 'invalid-key',
          title: 'Instantly did not accept this key',
          detail: 'It may have been revoked.',
          status: 422,
          field: 'key',
        },
        { status: 422 },
      ),
    );
    renderForm();
    fireEvent.change(keyField(), { target: { value: KEY } });
    fireEvent.change(labelField(), { target: { value: 'Client A' } });
    fireEvent.click(submitButton());

    await waitFor(() => expect(keyField().getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(keyField())).toBe('Instantly did not accept this key: It may have been revoked.');
    expect(document.activeElement).toBe(keyField());
    expect(keyField().value).toBe(KEY);
    expect(labelField().value).toBe('Client A');
    expect(posts).toHaveLength(1);
  });

  it('shows any other failure above the button, as an alert', async () => {
    fakeServer(() =>
      Response.json(
        { type: 'vault-full', title: 'Five workspaces are stored', detail: 'Remove one first.', status: 409 },
        { status: 409 },
      ),
    );
    renderForm();
    fireEvent.change(keyField(), { target: { value: KEY } });
    fireEvent.click(submitButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Five workspaces are stored. Remove one first.');
    expect(keyField().value).toBe(KEY);
    expect(keyField().getAttribute('aria-invalid')).toBeNull();
  });
});
