import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BulkPreview } from '@/lib/schemas/api-bulk-actions';
import type { BulkActionKind } from '@/lib/schemas/bulk-action-kinds';
import { BulkActionConfirmDialog } from './bulk-action-confirm-dialog';

// The one confirm step of the bulk bar and the triage groups: it shows the server's count while it
// loads, fails or is known, names the kind and the count on its button, and hands back the kind
// and the value on confirm; Escape and Cancel cancel.

type Preview = { isPending: boolean; error: Error | null; data: BulkPreview | undefined };

const loading: Preview = { isPending: true, error: null, data: undefined };
const known = (total: number): Preview => ({
  isPending: false,
  error: null,
  data: {
    total,
    workspaces: [
      { workspaceId: 'acme', label: 'Acme Outreach', count: total - 1 },
      { workspaceId: 'globex', label: 'Globex Growth', count: 1 },
    ],
  },
});

function renderDialog(
  props: Partial<Parameters<typeof BulkActionConfirmDialog<BulkActionKind>>[0]> & { preview: Preview },
) {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  const utils = render(
    <BulkActionConfirmDialog
      kind="pause"
      title="Pause?"
      description="Paused accounts stop sending."
      fallbackTotal={4}
      pending={false}
      error={null}
      onConfirm={onConfirm}
      onCancel={onCancel}
      {...props}
    />,
  );
  return { onConfirm, onCancel, ...utils };
}

afterEach(cleanup);

describe('BulkActionConfirmDialog', () => {
  it('says it is counting while the preview loads, and waits to confirm', () => {
    renderDialog({ preview: loading });
    const dialog = screen.getByRole('dialog', { name: 'Pause?' });
    expect(within(dialog).queryAllByText(/Counting the accounts/)).toHaveLength(1);
    // Until the server counted, the button names the count the caller had.
    const confirm = within(dialog).getByRole('button', { name: 'Pause 4 accounts' });
    expect(confirm).toHaveProperty('disabled', true);
  });

  it('shows why the preview failed, and cannot be confirmed', () => {
    renderDialog({
      preview: { isPending: false, error: new Error('Instantly did not answer'), data: undefined },
    });
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('alert').textContent).toBe('Instantly did not answer');
    expect(within(dialog).getByRole('button', { name: /Pause/ })).toHaveProperty('disabled', true);
  });

  it('shows the count per workspace and the caller’s note, and confirms with the kind', () => {
    const { onConfirm } = renderDialog({
      preview: known(7),
      previewNote: (data) => <p>The board counted 6, not {data.total}.</p>,
    });
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).queryAllByText('Acme Outreach: 6')).toHaveLength(1);
    expect(within(dialog).queryAllByText('Globex Growth: 1')).toHaveLength(1);
    expect(within(dialog).queryAllByText('The board counted 6, not 7.')).toHaveLength(1);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Pause 7 accounts' }));
    expect(onConfirm).toHaveBeenCalledWith('pause', undefined);
  });

  it('confirms a value-setting kind with its value, named on the button', () => {
    const { onConfirm } = renderDialog({ kind: 'set-daily-limit', value: 25, preview: known(3) });
    fireEvent.click(screen.getByRole('button', { name: 'Set daily limit to 25 for 3 accounts' }));
    expect(onConfirm).toHaveBeenCalledWith('set-daily-limit', 25);
  });

  it('waits while the value is invalid, and while the action is starting', () => {
    const { rerender, onConfirm, onCancel } = renderDialog({
      kind: 'set-daily-limit',
      valueInvalid: true,
      preview: known(3),
    });
    const confirm = screen.getByRole('button', { name: 'Set the daily limit of 3 accounts' });
    expect(confirm).toHaveProperty('disabled', true);
    rerender(
      <BulkActionConfirmDialog
        kind="set-daily-limit"
        value={25}
        title="Pause?"
        description="d"
        preview={known(3)}
        fallbackTotal={4}
        pending
        error={new Error('Too many bulk actions are running')}
        onConfirm={onConfirm}
        onCancel={onCancel}
      />,
    );
    expect(screen.getByRole('button', { name: /Set daily limit to 25/ })).toHaveProperty('disabled', true);
    expect(screen.getByRole('alert').textContent).toBe('Too many bulk actions are running');
  });

  it('also refuses to confirm when the count is zero', () => {
    renderDialog({ preview: known(0) });
    expect(screen.getByRole('button', { name: 'Pause 0 accounts' })).toHaveProperty('disabled', true);
  });

  it('cancels on Escape and on Cancel, without confirming', () => {
    const { onConfirm, onCancel } = renderDialog({ preview: known(2) });
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(2);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('is closed without a kind', () => {
    renderDialog({ kind: null, preview: known(2) });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
